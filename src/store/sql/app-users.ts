import type { Kysely, Selectable } from 'kysely';
import type { AppUsersTable, Database } from '../database.js';
import type { AppUserRow } from '../types.js';
import { fromFlag, toFlag } from './codec.js';
import { CompiledRead } from './compiled-read.js';
import { findOrAllocateScopedId } from './scoped-ids.js';

const toAppUser = (row: Selectable<AppUsersTable>): AppUserRow => ({ ...row, installed: fromFlag(row.installed) });

/** App-scoped user ids (ASIDs): the part of the apps aggregate that is about people. */
export class AppUsers {
  // `me` reads the viewer's own; a User node id is read by ASID.
  private readonly byPair: CompiledRead<Selectable<AppUsersTable>>;
  private readonly byAsidQuery: CompiledRead<Selectable<AppUsersTable>>;

  constructor(private readonly db: Kysely<Database>) {
    this.byPair = new CompiledRead(db, (db, appId, personId) =>
      db.selectFrom('app_users').selectAll().where('app_id', '=', appId).where('person_id', '=', personId),
    );
    this.byAsidQuery = new CompiledRead(db, (db, asid) => db.selectFrom('app_users').selectAll().where('asid', '=', asid));
  }

  async scopedUser(appId: string, personId: string, installed?: boolean): Promise<AppUserRow> {
    const row = await findOrAllocateScopedId(this.db, {
      find: () => this.find(appId, personId),
      insert: async (trx, asid, created_time) => {
        const inserted = await trx
          .insertInto('app_users')
          .values({ app_id: appId, person_id: personId, asid, installed: toFlag(installed ?? false), created_time })
          .onConflict((conflict) => conflict.columns(['app_id', 'person_id']).doNothing())
          .returningAll()
          .executeTakeFirst();
        return inserted && toAppUser(inserted);
      },
    });
    // Asking with `installed` also records an install (or removal) for a known user.
    if (installed === undefined || installed === row.installed) return row;
    await this.setInstalled(appId, personId, installed);
    return { ...row, installed };
  }

  async find(appId: string, personId: string): Promise<AppUserRow | undefined> {
    const row = await this.byPair.first(appId, personId);
    return row && toAppUser(row);
  }

  async byAsid(asid: string): Promise<AppUserRow | undefined> {
    const row = await this.byAsidQuery.first(asid);
    return row && toAppUser(row);
  }

  async ofPerson(personId: string): Promise<AppUserRow[]> {
    const rows = await this.db
      .selectFrom('app_users')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('created_time')
      .orderBy('asid')
      .execute();
    return rows.map(toAppUser);
  }

  async setInstalled(appId: string, personId: string, installed: boolean): Promise<void> {
    await this.db
      .updateTable('app_users')
      .set({ installed: toFlag(installed) })
      .where('app_id', '=', appId)
      .where('person_id', '=', personId)
      .execute();
  }
}
