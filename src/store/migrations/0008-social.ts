import type { Kysely } from 'kysely';
import { cascadeTo, createIndexes, nodeId, optionalCascadeTo, ownedBy, required } from './columns.js';
import type { NamedMigration } from './migration.js';

/**
 * What hangs off a person besides their profile (src/store/social-types.ts): media, posts,
 * page likes, app requests and subscriptions, Messenger threads and labels, Instant
 * Experiences, ad studies, and the business assets assigned to business users.
 */
async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('albums')
    .addColumn('id', 'text', nodeId)
    .addColumn('person_id', 'text', cascadeTo('people.id'))
    .addColumn('name', 'text', required)
    .addColumn('description', 'text')
    .addColumn('type', 'text', required)
    .addColumn('privacy', 'text', required)
    .addColumn('location', 'text')
    // The cover is one of the album's photos; no reference, as photos refer to their album.
    .addColumn('cover_photo_id', 'text')
    .addColumn('created_time', 'bigint', required)
    .addColumn('updated_time', 'bigint', required)
    .execute();

  await db.schema
    .createTable('photos')
    .addColumn('id', 'text', nodeId)
    .addColumn('person_id', 'text', cascadeTo('people.id'))
    .addColumn('album_id', 'text', optionalCascadeTo('albums.id'))
    .addColumn('name', 'text')
    .addColumn('alt_text', 'text')
    .addColumn('width', 'integer', required)
    .addColumn('height', 'integer', required)
    .addColumn('created_time', 'bigint', required)
    .addColumn('updated_time', 'bigint', required)
    .execute();

  await db.schema
    .createTable('videos')
    .addColumn('id', 'text', nodeId)
    .addColumn('person_id', 'text', cascadeTo('people.id'))
    .addColumn('title', 'text')
    .addColumn('description', 'text')
    .addColumn('length', 'double precision', required)
    .addColumn('embeddable', 'integer', required)
    .addColumn('published', 'integer', required)
    .addColumn('created_time', 'bigint', required)
    .addColumn('updated_time', 'bigint', required)
    .execute();

  // Photos and videos alike: the tagged object is any node.
  await db.schema
    .createTable('media_tags')
    .addColumn('object_id', 'text', cascadeTo('nodes.id'))
    .addColumn('person_id', 'text', cascadeTo('people.id'))
    .addColumn('created_time', 'bigint', required)
    .addPrimaryKeyConstraint('media_tags_pk', ['object_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('live_videos')
    .addColumn('id', 'text', nodeId)
    .addColumn('person_id', 'text', cascadeTo('people.id'))
    .addColumn('video_id', 'text', ownedBy('videos.id'))
    .addColumn('title', 'text')
    .addColumn('description', 'text')
    .addColumn('status', 'text', required)
    .addColumn('broadcast_start_time', 'bigint')
    .addColumn('planned_start_time', 'bigint')
    .addColumn('live_views', 'integer', required)
    .addColumn('creation_time', 'bigint', required)
    .execute();

  await db.schema
    .createTable('posts')
    .addColumn('id', 'text', nodeId)
    .addColumn('person_id', 'text', cascadeTo('people.id'))
    .addColumn('from_person_id', 'text', optionalCascadeTo('people.id'))
    .addColumn('from_page_id', 'text', optionalCascadeTo('pages.id'))
    .addColumn('message', 'text')
    .addColumn('story', 'text')
    .addColumn('link', 'text')
    .addColumn('status_type', 'text', required)
    .addColumn('object_id', 'text')
    .addColumn('privacy', 'text', required)
    .addColumn('is_hidden', 'integer', required)
    .addColumn('created_time', 'bigint', required)
    .addColumn('updated_time', 'bigint', required)
    .execute();

  await db.schema
    .createTable('page_likes')
    .addColumn('person_id', 'text', cascadeTo('people.id'))
    .addColumn('page_id', 'text', cascadeTo('pages.id'))
    .addColumn('created_time', 'bigint', required)
    .addPrimaryKeyConstraint('page_likes_pk', ['person_id', 'page_id'])
    .execute();

  await db.schema
    .createTable('app_requests')
    .addColumn('id', 'text', nodeId)
    .addColumn('app_id', 'text', cascadeTo('apps.id'))
    .addColumn('recipient_person_id', 'text', cascadeTo('people.id'))
    .addColumn('sender_person_id', 'text', optionalCascadeTo('people.id'))
    .addColumn('message', 'text', required)
    .addColumn('data', 'text')
    .addColumn('action_type', 'text')
    .addColumn('created_time', 'bigint', required)
    .addColumn('deleted_time', 'bigint', required)
    .execute();

  await db.schema
    .createTable('payment_subscriptions')
    .addColumn('id', 'text', nodeId)
    .addColumn('app_id', 'text', cascadeTo('apps.id'))
    .addColumn('person_id', 'text', cascadeTo('people.id'))
    .addColumn('product', 'text', required)
    .addColumn('amount', 'text', required)
    .addColumn('currency', 'text', required)
    .addColumn('billing_period', 'text', required)
    .addColumn('status', 'text', required)
    .addColumn('pending_cancel', 'integer', required)
    .addColumn('period_start_time', 'bigint', required)
    .addColumn('next_bill_time', 'bigint', required)
    .addColumn('test', 'integer', required)
    .addColumn('created_time', 'bigint', required)
    .addColumn('updated_time', 'bigint', required)
    .execute();

  await db.schema
    .createTable('message_threads')
    .addColumn('id', 'text', nodeId)
    .addColumn('page_id', 'text', cascadeTo('pages.id'))
    .addColumn('person_id', 'text', cascadeTo('people.id'))
    .addColumn('platform', 'text', required)
    .addColumn('folder', 'text', required)
    .addColumn('snippet', 'text', required)
    .addColumn('message_count', 'integer', required)
    .addColumn('unread_count', 'integer', required)
    .addColumn('last_sender', 'text', required)
    .addColumn('can_reply', 'integer', required)
    .addColumn('updated_time', 'bigint', required)
    .execute();

  await db.schema
    .createTable('thread_labels')
    .addColumn('id', 'text', nodeId)
    .addColumn('page_id', 'text', cascadeTo('pages.id'))
    .addColumn('name', 'text', required)
    .addColumn('created_time', 'bigint', required)
    .execute();

  await db.schema
    .createTable('thread_label_people')
    .addColumn('label_id', 'text', cascadeTo('thread_labels.id'))
    .addColumn('person_id', 'text', cascadeTo('people.id'))
    .addColumn('created_time', 'bigint', required)
    .addPrimaryKeyConstraint('thread_label_people_pk', ['label_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('canvases')
    .addColumn('id', 'text', nodeId)
    .addColumn('page_id', 'text', cascadeTo('pages.id'))
    .addColumn('name', 'text', required)
    .addColumn('is_published', 'integer', required)
    .addColumn('is_hidden', 'integer', required)
    .addColumn('background_color', 'text', required)
    .addColumn('last_editor_person_id', 'text', ownedBy('people.id'))
    .addColumn('created_time', 'bigint', required)
    .addColumn('update_time', 'bigint', required)
    .execute();

  await db.schema
    .createTable('ad_studies')
    .addColumn('id', 'text', nodeId)
    .addColumn('business_id', 'text', cascadeTo('businesses.id'))
    .addColumn('name', 'text', required)
    .addColumn('description', 'text')
    .addColumn('type', 'text', required)
    .addColumn('start_time', 'bigint', required)
    .addColumn('end_time', 'bigint', required)
    .addColumn('observation_end_time', 'bigint')
    .addColumn('cooldown_start_time', 'bigint')
    .addColumn('canceled_time', 'bigint')
    .addColumn('results_first_available_date', 'text')
    .addColumn('created_by_person_id', 'text', ownedBy('people.id'))
    .addColumn('created_time', 'bigint', required)
    .addColumn('updated_time', 'bigint', required)
    .execute();

  await db.schema
    .createTable('business_asset_groups')
    .addColumn('id', 'text', nodeId)
    .addColumn('business_id', 'text', cascadeTo('businesses.id'))
    .addColumn('name', 'text', required)
    .addColumn('created_time', 'bigint', required)
    .execute();

  await db.schema
    .createTable('product_catalogs')
    .addColumn('id', 'text', nodeId)
    .addColumn('business_id', 'text', cascadeTo('businesses.id'))
    .addColumn('name', 'text', required)
    .addColumn('vertical', 'text', required)
    .addColumn('product_count', 'integer', required)
    .addColumn('feed_count', 'integer', required)
    .addColumn('created_time', 'bigint', required)
    .execute();

  // The asset is any node (app, page, catalog, asset group); the assignment goes with either side.
  await db.schema
    .createTable('business_asset_assignments')
    .addColumn('business_user_id', 'text', cascadeTo('business_users.id'))
    .addColumn('asset_type', 'text', required)
    .addColumn('asset_id', 'text', cascadeTo('nodes.id'))
    .addColumn('tasks', 'text', required)
    .addColumn('created_time', 'bigint', required)
    .addPrimaryKeyConstraint('business_asset_assignments_pk', ['business_user_id', 'asset_id'])
    .execute();

  await createIndexes(db, [
    // The newest-first lists of one person (or page, or business).
    ['albums', ['person_id', 'created_time']],
    ['photos', ['person_id', 'created_time']],
    ['photos', ['album_id']],
    ['videos', ['person_id', 'created_time']],
    ['media_tags', ['person_id']],
    ['live_videos', ['person_id', 'creation_time']],
    ['live_videos', ['video_id']],
    ['posts', ['person_id', 'created_time']],
    ['page_likes', ['person_id', 'created_time']],
    ['app_requests', ['app_id', 'recipient_person_id', 'created_time']],
    ['app_requests', ['app_id', 'sender_person_id', 'created_time']],
    ['payment_subscriptions', ['app_id', 'person_id', 'created_time']],
    ['message_threads', ['person_id', 'updated_time']],
    ['thread_label_people', ['person_id']],
    ['canvases', ['page_id', 'update_time']],
    ['ad_studies', ['business_id', 'created_time']],
    ['business_asset_groups', ['business_id']],
    ['product_catalogs', ['business_id']],
    // For the ON DELETE CASCADE (and SET NULL) walks from people, pages, apps and nodes.
    ['posts', ['from_person_id']],
    ['posts', ['from_page_id']],
    ['page_likes', ['page_id']],
    ['app_requests', ['recipient_person_id']],
    ['app_requests', ['sender_person_id']],
    ['payment_subscriptions', ['person_id']],
    ['message_threads', ['page_id']],
    ['thread_labels', ['page_id']],
    ['canvases', ['last_editor_person_id']],
    ['ad_studies', ['created_by_person_id']],
    ['business_asset_assignments', ['asset_id']],
  ]);
}

export const social: NamedMigration = { name: '0008-social', up };
