import type { Kysely } from 'kysely';
import { binaryType, cascadeTo, createIndexes, keyedOnly, nodeId, required } from './columns.js';
import type { NamedMigration } from './migration.js';

async function up(db: Kysely<any>): Promise<void> {
  const binary = binaryType(db);
  const compact = keyedOnly(db);

  await db.schema
    .createTable('custom_audiences')
    .addColumn('id', 'text', nodeId)
    // The big child tables key on this small integer, not on the 16-digit id, to keep each row short.
    .addColumn('seq', 'integer', (col) => col.notNull().unique())
    .addColumn('ad_account_id', 'text', cascadeTo('ad_accounts.id'))
    .addColumn('name', 'text')
    .addColumn('description', 'text')
    .addColumn('subtype', 'text', required)
    .addColumn('customer_file_source', 'text')
    .addColumn('data_source_type', 'text', required)
    .addColumn('data_source_sub_type', 'text', required)
    .addColumn('is_value_based', 'integer', required)
    .addColumn('retention_days', 'integer', required)
    .addColumn('rule', 'text')
    .addColumn('rule_aggregation', 'text')
    .addColumn('lookalike_spec', 'text')
    .addColumn('origin_audience_id', 'text')
    .addColumn('pixel_id', 'text')
    .addColumn('opt_out_link', 'text')
    .addColumn('operation_status', 'integer', required)
    .addColumn('member_count', 'bigint', required)
    .addColumn('attributes', 'text', required)
    .addColumn('time_created', 'bigint', required)
    .addColumn('time_updated', 'bigint', required)
    .addColumn('time_content_updated', 'bigint', required)
    .addColumn('delete_time', 'bigint', required)
    .addColumn('processing_until', 'bigint', required)
    .execute();

  // Every uploaded key, matched or not: a person whose keys arrive later joins through it.
  await db.schema
    .createTable('audience_rows')
    .addColumn('audience_seq', 'integer', cascadeTo('custom_audiences.seq'))
    .addColumn('match_key', binary, required)
    .addColumn('value', 'double precision')
    .addPrimaryKeyConstraint('audience_rows_pk', ['audience_seq', 'match_key'])
    .$call(compact)
    .execute();

  await db.schema
    .createTable('audience_members')
    .addColumn('audience_seq', 'integer', cascadeTo('custom_audiences.seq'))
    .addColumn('person_id', 'text', cascadeTo('people.id'))
    .addPrimaryKeyConstraint('audience_members_pk', ['audience_seq', 'person_id'])
    .$call(compact)
    .execute();

  await db.schema
    .createTable('person_match_keys')
    .addColumn('match_key', binary, required)
    .addColumn('person_id', 'text', cascadeTo('people.id'))
    .addPrimaryKeyConstraint('person_match_keys_pk', ['match_key', 'person_id'])
    .$call(compact)
    .execute();

  await db.schema
    .createTable('audience_sessions')
    .addColumn('audience_id', 'text', cascadeTo('custom_audiences.id'))
    .addColumn('session_id', 'text', required)
    .addColumn('kind', 'text', required)
    .addColumn('start_time', 'bigint', required)
    .addColumn('end_time', 'bigint', required)
    .addColumn('num_received', 'bigint', required)
    .addColumn('num_invalid_entries', 'bigint', required)
    .addColumn('num_matched', 'bigint', required)
    .addColumn('stage', 'text', required)
    .addColumn('schema', 'text', required)
    .addColumn('estimated_num_total', 'bigint', required)
    .addPrimaryKeyConstraint('audience_sessions_pk', ['audience_id', 'session_id'])
    .execute();

  await db.schema
    .createTable('audience_session_batches')
    .addColumn('audience_id', 'text', cascadeTo('custom_audiences.id'))
    .addColumn('session_id', 'text', required)
    .addColumn('batch_seq', 'bigint', required)
    .addPrimaryKeyConstraint('audience_session_batches_pk', ['audience_id', 'session_id', 'batch_seq'])
    .$call(compact)
    .execute();

  await db.schema
    .createTable('audience_shares')
    .addColumn('audience_id', 'text', cascadeTo('custom_audiences.id'))
    .addColumn('ad_account_id', 'text', cascadeTo('ad_accounts.id'))
    .addColumn('permissions', 'text', required)
    .addColumn('time_shared', 'bigint', required)
    .addPrimaryKeyConstraint('audience_shares_pk', ['audience_id', 'ad_account_id'])
    .execute();

  await db.schema
    .createTable('custom_audience_tos')
    .addColumn('ad_account_id', 'text', cascadeTo('ad_accounts.id'))
    .addColumn('tos_id', 'text', required)
    .addColumn('accepted_time', 'bigint', required)
    .addPrimaryKeyConstraint('custom_audience_tos_pk', ['ad_account_id', 'tos_id'])
    .execute();

  await createIndexes(db, [
    ['custom_audiences', ['ad_account_id', 'id']],
    ['custom_audiences', ['origin_audience_id']],
    // Which audiences hold a key: how a person's new keys find their uploads.
    ['audience_rows', ['match_key']],
    // For the ON DELETE CASCADE walks from people.
    ['audience_members', ['person_id']],
    ['person_match_keys', ['person_id']],
    ['audience_shares', ['ad_account_id']],
  ]);
}

export const customAudiences: NamedMigration = { name: '0003-custom-audiences', up };
