import type { Kysely } from 'kysely';
import { cascadeTo, createIndexes, nodeId, optionalCascadeTo, ownedBy, required, scopedNodeId } from './columns.js';
import type { NamedMigration } from './migration.js';

async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pages')
    .addColumn('id', 'text', nodeId)
    .addColumn('name', 'text', required)
    .addColumn('category', 'text', required)
    .addColumn('business_id', 'text', ownedBy('businesses.id'))
    .addColumn('created_time', 'bigint', required)
    .execute();

  await db.schema
    .createTable('page_roles')
    .addColumn('page_id', 'text', cascadeTo('pages.id'))
    .addColumn('person_id', 'text', cascadeTo('people.id'))
    .addColumn('tasks', 'text', required)
    .addPrimaryKeyConstraint('page_roles_pk', ['page_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('page_scoped_ids')
    .addColumn('page_id', 'text', cascadeTo('pages.id'))
    .addColumn('person_id', 'text', cascadeTo('people.id'))
    .addColumn('psid', 'text', scopedNodeId)
    .addColumn('created_time', 'bigint', required)
    .addPrimaryKeyConstraint('page_scoped_ids_pk', ['page_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('ad_accounts')
    .addColumn('id', 'text', nodeId)
    .addColumn('name', 'text', required)
    .addColumn('business_id', 'text', ownedBy('businesses.id'))
    .addColumn('currency', 'text', required)
    .addColumn('timezone_name', 'text', required)
    .addColumn('account_status', 'integer', required)
    .addColumn('created_time', 'bigint', required)
    .execute();

  await db.schema
    .createTable('ad_account_roles')
    .addColumn('ad_account_id', 'text', cascadeTo('ad_accounts.id'))
    .addColumn('person_id', 'text', cascadeTo('people.id'))
    .addColumn('role', 'text', required)
    .addPrimaryKeyConstraint('ad_account_roles_pk', ['ad_account_id', 'person_id'])
    .execute();

  // Only hashes are stored; a token dies with whatever it acts for.
  await db.schema
    .createTable('access_tokens')
    .addColumn('hash', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', required)
    .addColumn('app_id', 'text', cascadeTo('apps.id'))
    .addColumn('person_id', 'text', optionalCascadeTo('people.id'))
    .addColumn('page_id', 'text', optionalCascadeTo('pages.id'))
    .addColumn('system_user_id', 'text', optionalCascadeTo('system_users.id'))
    .addColumn('scopes', 'text', required)
    .addColumn('issued_at', 'bigint', required)
    .addColumn('expires_at', 'bigint', required)
    .addColumn('data_access_expires_at', 'bigint', required)
    .addColumn('invalidated', 'text')
    .addColumn('long_lived', 'integer', required)
    .execute();

  await createIndexes(db, [
    ['pages', ['business_id', 'created_time']],
    ['page_roles', ['person_id']],
    ['page_scoped_ids', ['person_id']],
    ['ad_accounts', ['business_id']],
    ['ad_account_roles', ['person_id']],
    ['access_tokens', ['app_id', 'person_id']],
    // For the ON DELETE CASCADE walks from people, pages and system users.
    ['access_tokens', ['person_id']],
    ['access_tokens', ['page_id']],
    ['access_tokens', ['system_user_id']],
  ]);
}

export const pagesAdAccountsTokens: NamedMigration = { name: '0002-pages-ad-accounts-tokens', up };
