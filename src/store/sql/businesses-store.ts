import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { allocate, nowSeconds } from '../ids.js';
import type { BusinessRow, BusinessesStore, SystemUserRow } from '../types.js';
import { inTransaction } from './transaction.js';

type NewBusiness = Parameters<BusinessesStore['create']>[0];
type NewSystemUser = Parameters<BusinessesStore['createSystemUser']>[0];

export class SqlBusinessesStore implements BusinessesStore {
  constructor(private readonly db: Kysely<Database>) {}

  create(business: NewBusiness): Promise<BusinessRow> {
    const created_time = business.created_time ?? nowSeconds();
    return inTransaction(this.db, async (trx) => {
      const row = { id: await allocate(trx, 'Business', created_time), name: business.name, created_time };
      await trx.insertInto('businesses').values(row).execute();
      return row;
    });
  }

  get(id: string): Promise<BusinessRow | undefined> {
    return this.db.selectFrom('businesses').selectAll().where('id', '=', id).executeTakeFirst();
  }

  createSystemUser(user: NewSystemUser): Promise<SystemUserRow> {
    const created_time = user.created_time ?? nowSeconds();
    return inTransaction(this.db, async (trx) => {
      const id = await allocate(trx, 'SystemUser', created_time);
      const row: SystemUserRow = { id, business_id: user.business_id, name: user.name, role: user.role, created_time };
      await trx.insertInto('system_users').values(row).execute();
      return row;
    });
  }

  async getSystemUser(id: string): Promise<SystemUserRow | undefined> {
    const row = await this.db.selectFrom('system_users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && { ...row, role: row.role as SystemUserRow['role'] };
  }
}
