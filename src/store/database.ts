/**
 * The Kysely view of the tables, as the rows are stored (not as the store's ports show them).
 * Both dialects store the same shapes so one set of SQL serves both:
 * - flags are integers 0/1 (SQLite has no boolean type and better-sqlite3 cannot bind booleans);
 * - JSON is text, parsed at the store's edge;
 * - times are integer unix seconds (`bigint` columns; the Postgres pool parses int8 as number).
 */

/** 0 or 1. */
export type Flag = number;
/** Serialised JSON. */
export type JsonText = string;

export interface NodesTable {
  id: string;
  type: string;
  created_time: number;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface BusinessesTable {
  id: string;
  name: string;
  created_time: number;
}

export interface SystemUsersTable {
  id: string;
  business_id: string;
  name: string;
  role: string;
  created_time: number;
}

export interface PeopleTable {
  id: string;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  email: string | null;
  phone: string | null;
  birthday: string | null;
  gender: string | null;
  locale: string;
  timezone: number;
  city: string | null;
  state: string | null;
  zip: string | null;
  country: string | null;
  hometown: string | null;
  verified: Flag;
  is_test_user: Flag;
  test_password: string | null;
  profile: JsonText;
  created_time: number;
  updated_time: number;
}

export interface AppsTable {
  id: string;
  name: string;
  secret: string;
  client_token: string;
  business_id: string | null;
  namespace: string | null;
  category: string | null;
  app_type: string;
  require_appsecret_proof: Flag;
  created_time: number;
}

export interface AppUsersTable {
  app_id: string;
  person_id: string;
  asid: string;
  installed: Flag;
  created_time: number;
}

export interface GrantsTable {
  app_id: string;
  person_id: string;
  permission: string;
  status: string;
}

export interface PagesTable {
  id: string;
  name: string;
  category: string;
  business_id: string | null;
  created_time: number;
}

export interface PageRolesTable {
  page_id: string;
  person_id: string;
  /** JSON array of task names. */
  tasks: JsonText;
}

export interface PageScopedIdsTable {
  page_id: string;
  person_id: string;
  psid: string;
  created_time: number;
}

export interface AdAccountsTable {
  id: string;
  name: string;
  business_id: string | null;
  currency: string;
  timezone_name: string;
  account_status: number;
  created_time: number;
}

export interface AdAccountRolesTable {
  ad_account_id: string;
  person_id: string;
  role: string;
}

export interface AccessTokensTable {
  hash: string;
  kind: string;
  app_id: string;
  person_id: string | null;
  page_id: string | null;
  system_user_id: string | null;
  /** JSON array of permission names. */
  scopes: JsonText;
  issued_at: number;
  expires_at: number;
  data_access_expires_at: number;
  invalidated: string | null;
  long_lived: Flag;
}

export interface Database {
  nodes: NodesTable;
  settings: SettingsTable;
  businesses: BusinessesTable;
  system_users: SystemUsersTable;
  people: PeopleTable;
  apps: AppsTable;
  app_users: AppUsersTable;
  grants: GrantsTable;
  pages: PagesTable;
  page_roles: PageRolesTable;
  page_scoped_ids: PageScopedIdsTable;
  ad_accounts: AdAccountsTable;
  ad_account_roles: AdAccountRolesTable;
  access_tokens: AccessTokensTable;
}
