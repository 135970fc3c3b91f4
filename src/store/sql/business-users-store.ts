import type { Kysely, Selectable } from 'kysely';
import type {
  AdAccountAssignmentRow,
  AssignedUserType,
  BusinessUserRole,
  BusinessUserRow,
  BusinessUsersStore,
  NewBusinessUser,
  PersonAccountRole,
} from '../business-user-types.js';
import type { Database, JsonText } from '../database.js';
import { allocate, nowSeconds } from '../ids.js';
import { fromJson, toJson } from './codec.js';
import { inTransaction } from './transaction.js';

/** The tables of migration 0007 this store reads, as stored. */
interface BusinessUsersTable {
  id: string;
  business_id: string;
  person_id: string;
  role: string;
  first_name: string;
  last_name: string;
  email: string | null;
  title: string | null;
  created_time: number;
}

interface AdAccountAssignedUsersTable {
  ad_account_id: string;
  user_id: string;
  user_type: string;
  /** JSON array of task names. */
  tasks: JsonText;
  created_time: number;
}

type Tables = { business_users: BusinessUsersTable; ad_account_assigned_users: AdAccountAssignedUsersTable };

const toBusinessUser = (row: Selectable<BusinessUsersTable>): BusinessUserRow => ({ ...row, role: row.role as BusinessUserRole });

const toAssignment = (row: Selectable<AdAccountAssignedUsersTable>): AdAccountAssignmentRow => ({
  ...row,
  user_type: row.user_type as AssignedUserType,
  tasks: fromJson<string[]>(row.tasks),
});

export class SqlBusinessUsersStore implements BusinessUsersStore {
  private readonly tables: Kysely<Database & Tables>;

  constructor(private readonly db: Kysely<Database>) {
    this.tables = db.withTables<Tables>();
  }

  create(user: NewBusinessUser): Promise<BusinessUserRow> {
    const created_time = user.created_time ?? nowSeconds();
    return inTransaction(this.db, async (trx) => {
      const id = await allocate(trx, 'BusinessUser', created_time);
      const { business_id, person_id, role, first_name, last_name, email, title } = user;
      const row: BusinessUserRow = { id, business_id, person_id, role, first_name, last_name, email, title, created_time };
      await trx.withTables<Tables>().insertInto('business_users').values(row).execute();
      return row;
    });
  }

  async get(id: string): Promise<BusinessUserRow | undefined> {
    const row = await this.tables.selectFrom('business_users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toBusinessUser(row);
  }

  async findByPerson(businessId: string, personId: string): Promise<BusinessUserRow | undefined> {
    const row = await this.tables
      .selectFrom('business_users')
      .selectAll()
      .where('business_id', '=', businessId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    return row && toBusinessUser(row);
  }

  async listByBusiness(businessId: string): Promise<BusinessUserRow[]> {
    const rows = await this.tables
      .selectFrom('business_users')
      .selectAll()
      .where('business_id', '=', businessId)
      .orderBy('created_time')
      .orderBy('id')
      .execute();
    return rows.map(toBusinessUser);
  }

  assign(assignment: AdAccountAssignmentRow, personRole?: PersonAccountRole): Promise<void> {
    return inTransaction(this.db, async (trx) => {
      const tasks = toJson(assignment.tasks);
      await trx
        .withTables<Tables>()
        .insertInto('ad_account_assigned_users')
        .values({ ...assignment, tasks })
        .onConflict((conflict) => conflict.columns(['ad_account_id', 'user_id']).doUpdateSet({ tasks, user_type: assignment.user_type }))
        .execute();
      if (!personRole) return;
      const { personId, role } = personRole;
      await trx
        .insertInto('ad_account_roles')
        .values({ ad_account_id: assignment.ad_account_id, person_id: personId, role })
        .onConflict((conflict) => conflict.columns(['ad_account_id', 'person_id']).doUpdateSet({ role }))
        .execute();
    });
  }

  unassign(adAccountId: string, userId: string, personId?: string): Promise<boolean> {
    return inTransaction(this.db, async (trx) => {
      const removed = await trx
        .withTables<Tables>()
        .deleteFrom('ad_account_assigned_users')
        .where('ad_account_id', '=', adAccountId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (personId !== undefined) {
        await trx.deleteFrom('ad_account_roles').where('ad_account_id', '=', adAccountId).where('person_id', '=', personId).execute();
      }
      return Number(removed.numDeletedRows) > 0;
    });
  }

  async assignment(adAccountId: string, userId: string): Promise<AdAccountAssignmentRow | undefined> {
    const row = await this.tables
      .selectFrom('ad_account_assigned_users')
      .selectAll()
      .where('ad_account_id', '=', adAccountId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row && toAssignment(row);
  }

  /** Leaves out business users whose row went with their person (their node, which the assignment hangs on, stays). */
  async assignments(adAccountId: string): Promise<AdAccountAssignmentRow[]> {
    const rows = await this.tables
      .selectFrom('ad_account_assigned_users as a')
      .leftJoin('business_users as u', 'u.id', 'a.user_id')
      .selectAll('a')
      .where('a.ad_account_id', '=', adAccountId)
      .where((eb) => eb.or([eb('a.user_type', '<>', 'BUSINESS_USER'), eb('u.id', 'is not', null)]))
      .orderBy('a.user_id')
      .execute();
    return rows.map(toAssignment);
  }
}
