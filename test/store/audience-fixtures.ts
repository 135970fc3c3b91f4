import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { NewCustomAudience, UploadedRow } from '../../src/store/audience-types.js';
import type { Database } from '../../src/store/database.js';
import type { AdAccountRow, Store } from '../../src/store/types.js';

/** A made-up 32-byte match key. */
export const key = (text: string): Buffer => createHash('sha256').update(text).digest();

/** One uploaded row per text, each with its one key. */
export const rowsOf = (...texts: string[]): UploadedRow[] => texts.map((text) => ({ keys: [key(text)] }));

export function newAudience(adAccountId: string, overrides: Partial<NewCustomAudience> = {}): NewCustomAudience {
  return {
    ad_account_id: adAccountId,
    name: 'Customers',
    description: 'From the CRM',
    subtype: 'CUSTOM',
    customer_file_source: 'USER_PROVIDED_ONLY',
    data_source_type: 'FILE_IMPORTED',
    data_source_sub_type: 'HASHES',
    is_value_based: false,
    retention_days: 0,
    rule: null,
    rule_aggregation: null,
    lookalike_spec: null,
    origin_audience_id: null,
    pixel_id: null,
    opt_out_link: null,
    operation_status: 200,
    attributes: {},
    time_created: 1_700_000_000,
    ...overrides,
  };
}

export function adAccount(store: Store, name = 'Acme Ads'): Promise<AdAccountRow> {
  return store.adAccounts.create({ name, business_id: null, currency: 'USD', timezone_name: 'America/Los_Angeles', account_status: 1 });
}

/**
 * The store's own Kysely, to check what no port shows (stored values, orphan rows).
 * A peek at SqlAudiencesStore's private field; tests only.
 */
export const rawDb = (store: Store): Kysely<Database> => (store.audiences as unknown as { db: Kysely<Database> }).db;

/** Rows of table whose column equals value. */
export async function countWhere(store: Store, table: keyof Database, column: string, value: string | number): Promise<number> {
  const db = rawDb(store) as unknown as Kysely<any>;
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where(column, '=', value).executeTakeFirstOrThrow();
  return Number(row.n);
}
