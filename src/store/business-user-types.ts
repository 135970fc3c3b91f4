/**
 * Ports for the people of a business: business users (a person's identity inside one
 * business) and who is assigned to the business's ad accounts. Assignments carry the
 * person's role on the account (ad_account_roles), so every check that reads
 * AdAccountsStore.roleOf follows them.
 */

export type BusinessUserRole = 'ADMIN' | 'EMPLOYEE';

export interface BusinessUserRow {
  /** A node of type BusinessUser: the id the business knows the person by. */
  id: string;
  business_id: string;
  /** Never leaves graphd. */
  person_id: string;
  role: BusinessUserRole;
  first_name: string;
  last_name: string;
  /** The work email the business knows the person by. */
  email: string | null;
  title: string | null;
  created_time: number;
}

export type NewBusinessUser = Omit<BusinessUserRow, 'id' | 'created_time'> & { created_time?: number };

export type AssignedUserType = 'BUSINESS_USER' | 'SYSTEM_USER';

/** A business user or system user assigned to an ad account, with the tasks they may do there. */
export interface AdAccountAssignmentRow {
  ad_account_id: string;
  /** A business user id or a system user id. */
  user_id: string;
  user_type: AssignedUserType;
  /** Unpacked task names (MANAGE, ADVERTISE, ANALYZE, DRAFT, AA_ANALYZE). */
  tasks: string[];
  created_time: number;
}

/** The person's role on the account that goes with a business user's assignment. */
export interface PersonAccountRole {
  personId: string;
  role: 'ADMIN' | 'ADVERTISER' | 'ANALYST';
}

export interface BusinessUsersStore {
  /** A new business user (a BusinessUser node); one per person and business. */
  create(user: NewBusinessUser): Promise<BusinessUserRow>;
  get(id: string): Promise<BusinessUserRow | undefined>;
  findByPerson(businessId: string, personId: string): Promise<BusinessUserRow | undefined>;
  /** Oldest first. */
  listByBusiness(businessId: string): Promise<BusinessUserRow[]>;
  /**
   * Assigns (or re-assigns, replacing the tasks) a user to an ad account. With personRole,
   * the person's role on the account is set in the same transaction.
   */
  assign(assignment: AdAccountAssignmentRow, personRole?: PersonAccountRole): Promise<void>;
  /**
   * Removes an assignment; with personId, the person's role on the account goes with it, in the
   * same transaction. False when there was no assignment.
   */
  unassign(adAccountId: string, userId: string, personId?: string): Promise<boolean>;
  assignment(adAccountId: string, userId: string): Promise<AdAccountAssignmentRow | undefined>;
  /** The account's assignments, by user id. */
  assignments(adAccountId: string): Promise<AdAccountAssignmentRow[]>;
}
