import type { Kysely } from 'kysely';
import type { Database, Flag } from '../database.js';
import type { NewTestUser, TestUserRow, TestUsersStore } from '../test-user-types.js';
import type { ListRequest, Page } from '../types.js';
import { fromFlag, toFlag } from './codec.js';
import { pageByKey } from './paging.js';

/** The stored shape of a membership (migration 0006). */
export interface TestUsersTable {
  app_id: string;
  person_id: string;
  og: Flag;
  token_generation: number;
  created_time: number;
}

type TestUsersDatabase = Database & { test_users: TestUsersTable };

interface JoinedRow extends TestUsersTable {
  asid: string;
  installed: Flag;
}

const toTestUser = (row: JoinedRow): TestUserRow => ({
  app_id: row.app_id,
  person_id: row.person_id,
  asid: row.asid,
  installed: fromFlag(row.installed),
  og: fromFlag(row.og),
  token_generation: Number(row.token_generation),
  created_time: Number(row.created_time),
});

export class SqlTestUsersStore implements TestUsersStore {
  private readonly db: Kysely<TestUsersDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<{ test_users: TestUsersTable }>();
  }

  /** Memberships with the ASID and install state the app_users row holds. */
  private joined() {
    return this.db
      .selectFrom('test_users')
      .innerJoin('app_users', (join) => join.onRef('app_users.app_id', '=', 'test_users.app_id').onRef('app_users.person_id', '=', 'test_users.person_id'))
      .select([
        'test_users.app_id',
        'test_users.person_id',
        'test_users.og',
        'test_users.token_generation',
        'test_users.created_time',
        'app_users.asid',
        'app_users.installed',
      ]);
  }

  async add(row: NewTestUser): Promise<void> {
    await this.db
      .insertInto('test_users')
      .values({
        app_id: row.app_id,
        person_id: row.person_id,
        og: toFlag(row.og ?? false),
        token_generation: row.token_generation ?? 0,
        created_time: row.created_time,
      })
      .onConflict((conflict) => conflict.columns(['app_id', 'person_id']).doNothing())
      .execute();
  }

  async find(appId: string, personId: string): Promise<TestUserRow | undefined> {
    const row = await this.joined().where('test_users.app_id', '=', appId).where('test_users.person_id', '=', personId).executeTakeFirst();
    return row && toTestUser(row);
  }

  async list(appId: string, request: ListRequest): Promise<Page<TestUserRow>> {
    const page = await pageByKey(request, ({ after, before, order, limit }) =>
      this.joined()
        .where('test_users.app_id', '=', appId)
        .$if(after !== undefined, (query) => query.where('app_users.asid', '>', after!))
        .$if(before !== undefined, (query) => query.where('app_users.asid', '<', before!))
        .orderBy('app_users.asid', order)
        .limit(limit)
        .execute(),
    );
    return { rows: page.rows.map(toTestUser), more: page.more };
  }

  async count(appId: string): Promise<number> {
    const row = await this.db
      .selectFrom('test_users')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('app_id', '=', appId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async appsOf(personId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('test_users')
      .select('app_id')
      .where('person_id', '=', personId)
      .orderBy('created_time')
      .orderBy('app_id')
      .execute();
    return rows.map((row) => row.app_id);
  }

  async setTokenGeneration(appId: string, personId: string, generation: number): Promise<void> {
    await this.db.updateTable('test_users').set({ token_generation: generation }).where('app_id', '=', appId).where('person_id', '=', personId).execute();
  }

  async remove(appId: string, personId: string): Promise<void> {
    await this.db.deleteFrom('test_users').where('app_id', '=', appId).where('person_id', '=', personId).execute();
  }
}
