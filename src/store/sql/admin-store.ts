import { sql, type Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { AdAccountResetResult, AdminStore, AppResetResult, SnapshotTables, Store } from '../types.js';
import { readCatalog, type Catalog } from './admin-catalog.js';
import { inTransaction } from './transaction.js';

/** Rows per insert statement stay under both dialects' bound-parameter limits. */
const MAX_PARAMETERS = 30_000;

export class SqlAdminStore implements AdminStore {
  /** Tables of later migrations show up here without edits, so the catalog is read, not listed. */
  private readonly db: Kysely<any>;

  constructor(
    db: Kysely<Database>,
    private readonly dialect: Store['dialect'],
  ) {
    this.db = db as Kysely<any>;
  }

  async tables(): Promise<Record<string, string[]>> {
    const catalog = await readCatalog(this.db, this.dialect);
    return Object.fromEntries(catalog.tables.map((table) => [table, [...catalog.columns.get(table)!]]));
  }

  clear(keepSettings: readonly string[]): Promise<void> {
    return inTransaction(this.db, async (trx: Kysely<any>) => this.empty(trx, await readCatalog(trx, this.dialect), keepSettings));
  }

  resetApp(appId: string): Promise<AppResetResult> {
    return inTransaction(this.db, async (trx: Kysely<any>) => {
      const testPeople = (await trx.selectFrom('test_users').select('person_id').where('app_id', '=', appId).execute()).map((row) => row.person_id as string);
      const scoped = await trx.selectFrom('app_users').select(['person_id', 'asid']).where('app_id', '=', appId).execute();
      const tokens = await trx.deleteFrom('access_tokens').where('app_id', '=', appId).executeTakeFirst();
      await trx.deleteFrom('grants').where('app_id', '=', appId).execute();
      await trx.deleteFrom('test_users').where('app_id', '=', appId).execute();
      // ASIDs, app requests and subscriptions are nodes: deleting the node takes the row and what refers to it.
      for (const table of ['app_requests', 'payment_subscriptions']) {
        await trx.deleteFrom('nodes').where('id', 'in', trx.selectFrom(table).select('id').where('app_id', '=', appId)).execute();
      }
      await deleteNodes(trx, scoped.map((row) => row.asid as string));
      // A test user belongs to the apps it was made for; one left in none of them is gone.
      const orphans = testPeople.length === 0 ? [] : (
        await trx
          .selectFrom('people')
          .select('id')
          .where('id', 'in', testPeople)
          .where('is_test_user', '=', 1)
          .where(({ not, exists, selectFrom }) => not(exists(selectFrom('test_users').select('app_id').whereRef('test_users.person_id', '=', 'people.id'))))
          .execute()
      ).map((row) => row.id as string);
      if (orphans.length > 0) {
        await deleteNodes(trx, (await trx.selectFrom('app_users').select('asid').where('person_id', 'in', orphans).execute()).map((row) => row.asid as string));
        await trx.deleteFrom('people').where('id', 'in', orphans).execute();
      }
      const gone = new Set(orphans);
      return {
        tokens: Number(tokens.numDeletedRows),
        app_scoped_users: scoped.length,
        test_users: testPeople.length,
        people: [...new Set(scoped.map((row) => row.person_id as string))].filter((id) => !gone.has(id)),
      };
    });
  }

  resetAdAccount(adAccountId: string): Promise<AdAccountResetResult> {
    return inTransaction(this.db, async (trx: Kysely<any>) => {
      const audiences = (await trx.selectFrom('custom_audiences').select('id').where('ad_account_id', '=', adAccountId).execute()).map((row) => row.id as string);
      // Rows, members, sessions, staging and shares of an audience all cascade from its node.
      await deleteNodes(trx, audiences);
      const shares = await trx.deleteFrom('audience_shares').where('ad_account_id', '=', adAccountId).executeTakeFirst();
      const terms = await trx.deleteFrom('custom_audience_tos').where('ad_account_id', '=', adAccountId).executeTakeFirst();
      return { custom_audiences: audiences.length, shares: Number(shares.numDeletedRows), terms_accepted: Number(terms.numDeletedRows) };
    });
  }

  async export(omitSettings: readonly string[]): Promise<SnapshotTables> {
    return inTransaction(this.db, async (trx: Kysely<any>) => {
      const catalog = await readCatalog(trx, this.dialect);
      const tables: SnapshotTables = {};
      for (const table of catalog.tables) {
        let query = trx.selectFrom(table).selectAll();
        if (table === 'settings' && omitSettings.length > 0) query = query.where('key', 'not in', [...omitSettings]);
        tables[table] = (await query.execute()).map(toJsonRow);
      }
      return tables;
    });
  }

  import(tables: SnapshotTables, keepSettings: readonly string[]): Promise<void> {
    return inTransaction(this.db, async (trx: Kysely<any>) => {
      const catalog = await readCatalog(trx, this.dialect);
      await this.empty(trx, catalog, keepSettings);
      for (const table of catalog.tables) {
        let rows = tables[table] ?? [];
        if (table === 'settings') rows = rows.filter((row) => !keepSettings.includes(row.key as string));
        await insertRows(trx, table, rows, catalog.identities.get(table));
      }
      for (const [table, column] of catalog.identities) {
        await sql`select setval(pg_get_serial_sequence(${table}, ${column}), coalesce(max(${sql.ref(column)}), 0) + 1, false) from ${sql.table(table)}`.execute(trx);
      }
    });
  }

  private async empty(trx: Kysely<any>, catalog: Catalog, keepSettings: readonly string[]): Promise<void> {
    for (const table of [...catalog.tables].reverse()) {
      let query = trx.deleteFrom(table);
      if (table === 'settings' && keepSettings.length > 0) query = query.where('key', 'not in', [...keepSettings]);
      await query.execute();
    }
  }
}

async function deleteNodes(trx: Kysely<any>, ids: string[]): Promise<void> {
  for (let start = 0; start < ids.length; start += 10_000) {
    await trx.deleteFrom('nodes').where('id', 'in', ids.slice(start, start + 10_000)).execute();
  }
}

/** Bytes are the one value JSON cannot carry as is. */
function toJsonRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) out[column] = Buffer.isBuffer(value) ? { $base64: value.toString('base64') } : value;
  return out;
}

function fromJsonValue(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { $base64?: unknown }).$base64 === 'string') {
    return Buffer.from((value as { $base64: string }).$base64, 'base64');
  }
  return value;
}

async function insertRows(trx: Kysely<any>, table: string, rows: Record<string, unknown>[], identity: string | undefined): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, columns.length)));
  // PostgreSQL refuses explicit values for an identity column unless told the snapshot's win.
  const overriding = identity !== undefined && columns.includes(identity) ? sql`overriding system value` : sql``;
  for (let start = 0; start < rows.length; start += perStatement) {
    const values = rows.slice(start, start + perStatement).map((row) => sql`(${sql.join(columns.map((column) => fromJsonValue(row[column] ?? null)))})`);
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column)))}) ${overriding} values ${sql.join(values)}`.execute(trx);
  }
}
