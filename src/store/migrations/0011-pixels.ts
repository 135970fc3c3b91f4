import type { Kysely } from 'kysely';
import { cascadeTo, createIndexes, nodeId, optionalCascadeTo, required } from './columns.js';
import type { NamedMigration } from './migration.js';

/**
 * Pixels (AdsPixel nodes of an ad account) and the server events posted to them
 * (src/store/pixel-types.ts). An event keeps the person it matched, or none; rule audiences
 * read a pixel's matched events by time, hence the index.
 */
async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pixels')
    .addColumn('id', 'text', nodeId)
    .addColumn('ad_account_id', 'text', cascadeTo('ad_accounts.id'))
    .addColumn('name', 'text', required)
    .addColumn('code', 'text', required)
    .addColumn('creation_time', 'bigint', required)
    .addColumn('last_fired_time', 'bigint', required)
    .execute();

  await db.schema
    .createTable('pixel_events')
    .addColumn('pixel_id', 'text', cascadeTo('pixels.id'))
    .addColumn('person_id', 'text', optionalCascadeTo('people.id'))
    .addColumn('event_name', 'text', required)
    .addColumn('event_time', 'bigint', required)
    .addColumn('event_id', 'text')
    .addColumn('event_source_url', 'text')
    .addColumn('action_source', 'text', required)
    .addColumn('custom_data', 'text', required)
    .addColumn('received_time', 'bigint', required)
    .execute();

  await createIndexes(db, [
    ['pixels', ['ad_account_id']],
    ['pixel_events', ['pixel_id', 'event_time']],
  ]);
}

export const pixels: NamedMigration = { name: '0011-pixels', up };
