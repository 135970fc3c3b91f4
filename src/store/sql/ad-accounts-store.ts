import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { allocate, nowSeconds } from '../ids.js';
import type { AdAccountRoleRow, AdAccountRow, AdAccountsStore } from '../types.js';
import { inTransaction } from './transaction.js';

type NewAdAccount = Parameters<AdAccountsStore['create']>[0];
type Role = AdAccountRoleRow['role'];

export class SqlAdAccountsStore implements AdAccountsStore {
  constructor(private readonly db: Kysely<Database>) {}

  create(account: NewAdAccount): Promise<AdAccountRow> {
    const created_time = account.created_time ?? nowSeconds();
    return inTransaction(this.db, async (trx) => {
      const id = await allocate(trx, 'AdAccount', created_time);
      const { name, business_id, currency, timezone_name, account_status } = account;
      const row = { id, name, business_id: business_id ?? null, currency, timezone_name, account_status, created_time };
      await trx.insertInto('ad_accounts').values(row).execute();
      return row;
    });
  }

  get(id: string): Promise<AdAccountRow | undefined> {
    return this.db.selectFrom('ad_accounts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async setRole(adAccountId: string, personId: string, role: Role): Promise<void> {
    await this.db
      .insertInto('ad_account_roles')
      .values({ ad_account_id: adAccountId, person_id: personId, role })
      .onConflict((conflict) => conflict.columns(['ad_account_id', 'person_id']).doUpdateSet({ role }))
      .execute();
  }

  async roleOf(adAccountId: string, personId: string): Promise<AdAccountRoleRow | undefined> {
    const row = await this.db
      .selectFrom('ad_account_roles')
      .selectAll()
      .where('ad_account_id', '=', adAccountId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    return row && { ...row, role: row.role as Role };
  }

  /** The accounts the person has any role on, oldest first. */
  listForPerson(personId: string): Promise<AdAccountRow[]> {
    return this.db
      .selectFrom('ad_accounts')
      .innerJoin('ad_account_roles', 'ad_account_roles.ad_account_id', 'ad_accounts.id')
      .selectAll('ad_accounts')
      .where('ad_account_roles.person_id', '=', personId)
      .orderBy('ad_accounts.created_time')
      .orderBy('ad_accounts.id')
      .execute();
  }
}
