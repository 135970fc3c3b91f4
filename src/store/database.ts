/**
 * The Kysely view of the tables, as the rows are stored (not as the store's ports show them).
 * Both dialects store the same shapes so one set of SQL serves both:
 * - flags are integers 0/1 (SQLite has no boolean type and better-sqlite3 cannot bind booleans);
 * - JSON is text, parsed at the store's edge;
 * - times are integer unix seconds (`bigint` columns; the Postgres pool parses int8 as number);
 * - match keys are binary (BLOB / bytea), read back as Buffers.
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

/** Named counters (the next value is value + 1). */
export interface SequencesTable {
  name: string;
  value: number;
}

export interface CustomAudiencesTable {
  id: string;
  /** A compact key for the audience's (large) child tables; never shown. */
  seq: number;
  ad_account_id: string;
  name: string | null;
  description: string | null;
  subtype: string;
  customer_file_source: string | null;
  data_source_type: string;
  data_source_sub_type: string;
  is_value_based: Flag;
  retention_days: number;
  rule: string | null;
  rule_aggregation: string | null;
  lookalike_spec: JsonText | null;
  origin_audience_id: string | null;
  pixel_id: string | null;
  opt_out_link: string | null;
  operation_status: number;
  member_count: number;
  attributes: JsonText;
  time_created: number;
  time_updated: number;
  time_content_updated: number;
  delete_time: number;
  processing_until: number;
  settled_status: number;
  reads_left: number;
  transition: string | null;
}

/** One uploaded match key of an audience (kept whether or not it matches anyone). */
export interface AudienceRowsTable {
  audience_seq: number;
  /** A 32-byte digest. */
  match_key: Buffer;
  value: number | null;
}

export interface AudienceMembersTable {
  audience_seq: number;
  person_id: string;
}

export interface PersonMatchKeysTable {
  match_key: Buffer;
  person_id: string;
}

export interface AudienceSessionsTable {
  audience_id: string;
  session_id: string;
  kind: string;
  start_time: number;
  end_time: number;
  num_received: number;
  num_invalid_entries: number;
  num_matched: number;
  stage: string;
  schema: string;
  estimated_num_total: number;
}

export interface AudienceSessionBatchesTable {
  audience_id: string;
  session_id: string;
  batch_seq: number;
}

export interface AudienceSharesTable {
  audience_id: string;
  ad_account_id: string;
  permissions: string;
  time_shared: number;
}

export interface CustomAudienceTosTable {
  ad_account_id: string;
  tos_id: string;
  accepted_time: number;
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
  sequences: SequencesTable;
  custom_audiences: CustomAudiencesTable;
  audience_rows: AudienceRowsTable;
  audience_members: AudienceMembersTable;
  person_match_keys: PersonMatchKeysTable;
  audience_sessions: AudienceSessionsTable;
  audience_session_batches: AudienceSessionBatchesTable;
  audience_shares: AudienceSharesTable;
  custom_audience_tos: CustomAudienceTosTable;
}
