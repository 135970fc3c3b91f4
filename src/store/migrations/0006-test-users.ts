import type { Kysely } from 'kysely';
import { cascadeTo, createIndexes, required } from './columns.js';
import type { NamedMigration } from './migration.js';

/**
 * Which apps a test user (a person with is_test_user set) belongs to. The id the app shows
 * for the test user is the person's ASID in app_users; the membership goes with the app and
 * with the person.
 */
async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('test_users')
    .addColumn('app_id', 'text', cascadeTo('apps.id'))
    .addColumn('person_id', 'text', cascadeTo('people.id'))
    .addColumn('og', 'integer', required)
    .addColumn('token_generation', 'integer', required)
    .addColumn('created_time', 'bigint', required)
    .addPrimaryKeyConstraint('test_users_pk', ['app_id', 'person_id'])
    .execute();

  await createIndexes(db, [['test_users', ['person_id', 'created_time']]]);
}

export const testUsers: NamedMigration = { name: '0006-test-users', up };
