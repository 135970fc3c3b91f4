import type { Kysely } from 'kysely';
import { cascadeTo, createIndexes, nodeId, ownedBy, required, scopedNodeId } from './columns.js';
import type { NamedMigration } from './migration.js';

async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('nodes')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('type', 'text', required)
    .addColumn('created_time', 'bigint', required)
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', required)
    .execute();

  await db.schema
    .createTable('businesses')
    .addColumn('id', 'text', nodeId)
    .addColumn('name', 'text', required)
    .addColumn('created_time', 'bigint', required)
    .execute();

  await db.schema
    .createTable('system_users')
    .addColumn('id', 'text', nodeId)
    .addColumn('business_id', 'text', cascadeTo('businesses.id'))
    .addColumn('name', 'text', required)
    .addColumn('role', 'text', required)
    .addColumn('created_time', 'bigint', required)
    .execute();

  // People are not nodes: their ids never leave graphd.
  await db.schema
    .createTable('people')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('first_name', 'text', required)
    .addColumn('middle_name', 'text')
    .addColumn('last_name', 'text', required)
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('birthday', 'text')
    .addColumn('gender', 'text')
    .addColumn('locale', 'text', required)
    // Fractional: some zones are UTC+5.5 or +5.75.
    .addColumn('timezone', 'double precision', required)
    .addColumn('city', 'text')
    .addColumn('state', 'text')
    .addColumn('zip', 'text')
    .addColumn('country', 'text')
    .addColumn('hometown', 'text')
    .addColumn('verified', 'integer', required)
    .addColumn('is_test_user', 'integer', required)
    .addColumn('test_password', 'text')
    .addColumn('profile', 'text', required)
    .addColumn('created_time', 'bigint', required)
    .addColumn('updated_time', 'bigint', required)
    .execute();

  await db.schema
    .createTable('apps')
    .addColumn('id', 'text', nodeId)
    .addColumn('name', 'text', required)
    .addColumn('secret', 'text', required)
    .addColumn('client_token', 'text', required)
    .addColumn('business_id', 'text', ownedBy('businesses.id'))
    .addColumn('namespace', 'text')
    .addColumn('category', 'text')
    .addColumn('app_type', 'text', required)
    .addColumn('require_appsecret_proof', 'integer', required)
    .addColumn('created_time', 'bigint', required)
    .execute();

  await db.schema
    .createTable('app_users')
    .addColumn('app_id', 'text', cascadeTo('apps.id'))
    .addColumn('person_id', 'text', cascadeTo('people.id'))
    .addColumn('asid', 'text', scopedNodeId)
    .addColumn('installed', 'integer', required)
    .addColumn('created_time', 'bigint', required)
    .addPrimaryKeyConstraint('app_users_pk', ['app_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('grants')
    .addColumn('app_id', 'text', cascadeTo('apps.id'))
    .addColumn('person_id', 'text', cascadeTo('people.id'))
    .addColumn('permission', 'text', required)
    .addColumn('status', 'text', required)
    .addPrimaryKeyConstraint('grants_pk', ['app_id', 'person_id', 'permission'])
    .execute();

  await createIndexes(db, [
    ['system_users', ['business_id']],
    ['people', ['email']],
    ['apps', ['business_id', 'created_time']],
    ['app_users', ['person_id', 'created_time']],
    ['grants', ['person_id']],
  ]);
}

export const peopleAndApps: NamedMigration = { name: '0001-people-and-apps', up };
