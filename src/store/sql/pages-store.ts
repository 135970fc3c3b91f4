import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { allocate, nowSeconds } from '../ids.js';
import type { PageRoleRow, PageRow, PageScopedIdRow, PagesStore } from '../types.js';
import { fromJson, toJson } from './codec.js';
import { findOrAllocateScopedId } from './scoped-ids.js';
import { inTransaction } from './transaction.js';

type NewPage = Parameters<PagesStore['create']>[0];

export class SqlPagesStore implements PagesStore {
  constructor(private readonly db: Kysely<Database>) {}

  create(page: NewPage): Promise<PageRow> {
    const created_time = page.created_time ?? nowSeconds();
    return inTransaction(this.db, async (trx) => {
      const id = await allocate(trx, 'Page', created_time);
      const { name, category, business_id } = page;
      const row = { id, name, category, business_id: business_id ?? null, created_time };
      await trx.insertInto('pages').values(row).execute();
      return row;
    });
  }

  get(id: string): Promise<PageRow | undefined> {
    return this.db.selectFrom('pages').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listByBusiness(businessId: string): Promise<PageRow[]> {
    return this.db
      .selectFrom('pages')
      .selectAll()
      .where('business_id', '=', businessId)
      .orderBy('created_time')
      .orderBy('id')
      .execute();
  }

  async setRole(pageId: string, personId: string, tasks: string[]): Promise<void> {
    await this.db
      .insertInto('page_roles')
      .values({ page_id: pageId, person_id: personId, tasks: toJson(tasks) })
      .onConflict((conflict) => conflict.columns(['page_id', 'person_id']).doUpdateSet({ tasks: toJson(tasks) }))
      .execute();
  }

  async rolesOfPerson(personId: string): Promise<PageRoleRow[]> {
    const rows = await this.db
      .selectFrom('page_roles')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('page_id')
      .execute();
    return rows.map((row) => ({ ...row, tasks: fromJson<string[]>(row.tasks) }));
  }

  /** PSIDs are 'User' nodes, like ASIDs. */
  scopedId(pageId: string, personId: string): Promise<PageScopedIdRow> {
    return findOrAllocateScopedId(this.db, {
      find: () => this.findScopedId(pageId, personId),
      insert: (trx, psid, created_time) =>
        trx
          .insertInto('page_scoped_ids')
          .values({ page_id: pageId, person_id: personId, psid, created_time })
          .onConflict((conflict) => conflict.columns(['page_id', 'person_id']).doNothing())
          .returning(['page_id', 'person_id', 'psid'])
          .executeTakeFirst(),
    });
  }

  byPsid(psid: string): Promise<PageScopedIdRow | undefined> {
    return this.db
      .selectFrom('page_scoped_ids')
      .select(['page_id', 'person_id', 'psid'])
      .where('psid', '=', psid)
      .executeTakeFirst();
  }

  findScopedId(pageId: string, personId: string): Promise<PageScopedIdRow | undefined> {
    return this.db
      .selectFrom('page_scoped_ids')
      .select(['page_id', 'person_id', 'psid'])
      .where('page_id', '=', pageId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
  }
}
