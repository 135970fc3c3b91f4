import type { Kysely, Selectable } from 'kysely';
import type { AppsTable, Database } from '../database.js';
import { allocate, nowSeconds, registerNode } from '../ids.js';
import type { AppRow, AppType, AppUserRow, AppsStore, GrantRow, GrantStatus } from '../types.js';
import { defined, fromFlag, toFlag } from './codec.js';
import { AppUsers } from './app-users.js';
import { CompiledRead } from './compiled-read.js';
import { inTransaction } from './transaction.js';

type NewApp = Parameters<AppsStore['create']>[0];
type AppPatch = Partial<Omit<AppRow, 'id'>>;

function toApp(row: Selectable<AppsTable>): AppRow {
  return { ...row, app_type: row.app_type as AppType, require_appsecret_proof: fromFlag(row.require_appsecret_proof) };
}

function toColumns(patch: AppPatch): Partial<AppsTable> {
  const { require_appsecret_proof, ...plain } = defined(patch);
  return {
    ...plain,
    ...(require_appsecret_proof === undefined ? {} : { require_appsecret_proof: toFlag(require_appsecret_proof) }),
  };
}

export class SqlAppsStore implements AppsStore {
  private readonly appUsers: AppUsers;
  // Read on every request of a token: the token's app, and the person's grants to it.
  private readonly byId: CompiledRead<Selectable<AppsTable>>;
  // Only the two columns the key does not give.
  private readonly grantsOf: CompiledRead<{ permission: string; status: string }>;

  constructor(private readonly db: Kysely<Database>) {
    this.appUsers = new AppUsers(db);
    this.byId = new CompiledRead(db, (db, id) => db.selectFrom('apps').selectAll().where('id', '=', id));
    this.grantsOf = new CompiledRead(db, (db, appId, personId) =>
      db.selectFrom('grants').select(['permission', 'status']).where('app_id', '=', appId).where('person_id', '=', personId).orderBy('permission'),
    );
  }

  /** An explicit id (worlds loaded from files) must not be taken by any node yet. */
  create({ id, ...app }: NewApp): Promise<AppRow> {
    const created_time = app.created_time ?? nowSeconds();
    return inTransaction(this.db, async (trx) => {
      if (id !== undefined && !(await registerNode(trx, id, 'Application', created_time))) {
        throw new Error(`graphd store: id ${id} is already in use`);
      }
      const appId = id ?? (await allocate(trx, 'Application', created_time));
      const columns = { ...toColumns(app), id: appId, created_time } as AppsTable;
      return toApp(await trx.insertInto('apps').values(columns).returningAll().executeTakeFirstOrThrow());
    });
  }

  async get(id: string): Promise<AppRow | undefined> {
    const row = await this.byId.first(id);
    return row && toApp(row);
  }

  async update(id: string, patch: AppPatch): Promise<void> {
    const columns = toColumns(patch);
    if (Object.keys(columns).length === 0) return;
    await this.db.updateTable('apps').set(columns).where('id', '=', id).execute();
  }

  async listByBusiness(businessId: string): Promise<AppRow[]> {
    const rows = await this.db
      .selectFrom('apps')
      .selectAll()
      .where('business_id', '=', businessId)
      .orderBy('created_time')
      .orderBy('id')
      .execute();
    return rows.map(toApp);
  }

  scopedUser(appId: string, personId: string, installed?: boolean): Promise<AppUserRow> {
    return this.appUsers.scopedUser(appId, personId, installed);
  }

  findScopedUser(appId: string, personId: string): Promise<AppUserRow | undefined> {
    return this.appUsers.find(appId, personId);
  }

  byAsid(asid: string): Promise<AppUserRow | undefined> {
    return this.appUsers.byAsid(asid);
  }

  scopedUsersOfPerson(personId: string): Promise<AppUserRow[]> {
    return this.appUsers.ofPerson(personId);
  }

  setInstalled(appId: string, personId: string, installed: boolean): Promise<void> {
    return this.appUsers.setInstalled(appId, personId, installed);
  }

  async grants(appId: string, personId: string): Promise<GrantRow[]> {
    const rows = await this.grantsOf.rows(appId, personId);
    return rows.map((row) => ({ app_id: appId, person_id: personId, permission: row.permission, status: row.status as GrantStatus }));
  }

  async setGrant(appId: string, personId: string, permission: string, status: GrantStatus): Promise<void> {
    await this.db
      .insertInto('grants')
      .values({ app_id: appId, person_id: personId, permission, status })
      .onConflict((conflict) => conflict.columns(['app_id', 'person_id', 'permission']).doUpdateSet({ status }))
      .execute();
  }

  async deleteGrants(appId: string, personId: string): Promise<void> {
    await this.db.deleteFrom('grants').where('app_id', '=', appId).where('person_id', '=', personId).execute();
  }
}
