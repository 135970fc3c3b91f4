import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { BlockedPersonRow, PageBlocksStore } from '../page-block-types.js';
import type { ListRequest, Page } from '../types.js';
import { pageByKey } from './paging.js';

/** The table of migration 0007 this store reads, as stored. */
interface PageBlockedPeopleTable {
  page_id: string;
  person_id: string;
  created_time: number;
}

type Tables = { page_blocked_people: PageBlockedPeopleTable };

export class SqlPageBlocksStore implements PageBlocksStore {
  private readonly tables: Kysely<Database & Tables>;

  constructor(db: Kysely<Database>) {
    this.tables = db.withTables<Tables>();
  }

  async block(pageId: string, personIds: string[], now: number): Promise<void> {
    const people = [...new Set(personIds)];
    if (people.length === 0) return;
    await this.tables
      .insertInto('page_blocked_people')
      .values(people.map((personId) => ({ page_id: pageId, person_id: personId, created_time: now })))
      .onConflict((conflict) => conflict.columns(['page_id', 'person_id']).doNothing())
      .execute();
  }

  async unblock(pageId: string, personIds: string[]): Promise<number> {
    if (personIds.length === 0) return 0;
    const result = await this.tables
      .deleteFrom('page_blocked_people')
      .where('page_id', '=', pageId)
      .where('person_id', 'in', [...new Set(personIds)])
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async isBlocked(pageId: string, personId: string): Promise<boolean> {
    const row = await this.tables
      .selectFrom('page_blocked_people')
      .select('person_id')
      .where('page_id', '=', pageId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** By PSID, so cursors carry the id the page sees, never the person id. */
  list(pageId: string, request: ListRequest): Promise<Page<BlockedPersonRow>> {
    return pageByKey(request, ({ after, before, order, limit }) =>
      this.tables
        .selectFrom('page_blocked_people as b')
        .innerJoin('page_scoped_ids as s', (join) => join.onRef('s.page_id', '=', 'b.page_id').onRef('s.person_id', '=', 'b.person_id'))
        .select(['b.page_id', 'b.person_id', 's.psid', 'b.created_time'])
        .where('b.page_id', '=', pageId)
        .$if(after !== undefined, (query) => query.where('s.psid', '>', after!))
        .$if(before !== undefined, (query) => query.where('s.psid', '<', before!))
        .orderBy('s.psid', order)
        .limit(limit)
        .execute(),
    );
  }

  async count(pageId: string): Promise<number> {
    const row = await this.tables
      .selectFrom('page_blocked_people')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('page_id', '=', pageId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
}
