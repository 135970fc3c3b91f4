import type { Kysely } from 'kysely';
import { cascadeTo, createIndexes, nodeId, required } from './columns.js';
import type { NamedMigration } from './migration.js';

/**
 * Business users (a person inside a business), the business and system users assigned to
 * ad accounts, and the people pages have blocked.
 */
async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('business_users')
    .addColumn('id', 'text', nodeId)
    .addColumn('business_id', 'text', cascadeTo('businesses.id'))
    .addColumn('person_id', 'text', cascadeTo('people.id'))
    .addColumn('role', 'text', required)
    .addColumn('first_name', 'text', required)
    .addColumn('last_name', 'text', required)
    .addColumn('email', 'text')
    .addColumn('title', 'text')
    .addColumn('created_time', 'bigint', required)
    .addUniqueConstraint('business_users_business_person', ['business_id', 'person_id'])
    .execute();

  // user_id is a business user or a system user: both are nodes, and the assignment goes with either.
  await db.schema
    .createTable('ad_account_assigned_users')
    .addColumn('ad_account_id', 'text', cascadeTo('ad_accounts.id'))
    .addColumn('user_id', 'text', cascadeTo('nodes.id'))
    .addColumn('user_type', 'text', required)
    .addColumn('tasks', 'text', required)
    .addColumn('created_time', 'bigint', required)
    .addPrimaryKeyConstraint('ad_account_assigned_users_pk', ['ad_account_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('page_blocked_people')
    .addColumn('page_id', 'text', cascadeTo('pages.id'))
    .addColumn('person_id', 'text', cascadeTo('people.id'))
    .addColumn('created_time', 'bigint', required)
    .addPrimaryKeyConstraint('page_blocked_people_pk', ['page_id', 'person_id'])
    .execute();

  await createIndexes(db, [
    // For the ON DELETE CASCADE walks from people and nodes.
    ['business_users', ['person_id']],
    ['ad_account_assigned_users', ['user_id']],
    ['page_blocked_people', ['person_id']],
  ]);
}

export const blocksAndBusinessUsers: NamedMigration = { name: '0007-blocks-and-business-users', up };
