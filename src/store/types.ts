/**
 * The store's ports, split by aggregate. Domain code sees only these interfaces;
 * the SQL dialect stays behind them (sqlite/ and postgres/ adapters over Kysely).
 * Times are unix seconds (integers). JSON columns are parsed before they leave the store.
 */

import type { AudiencesStore } from './audience-types.js';
import type { BusinessUsersStore } from './business-user-types.js';
import type { PageBlocksStore } from './page-block-types.js';
import type { PixelsStore } from './pixel-types.js';
import type { TestUsersStore } from './test-user-types.js';
import type { SocialNodeType, SocialStore } from './social-types.js';

export type NodeType = 'User' | 'Application' | 'Page' | 'Business' | 'AdAccount' | 'SystemUser' | 'CustomAudience' | 'BusinessUser' | 'AdsPixel' | SocialNodeType;

/** The profile data of a person that has no column of its own. */
export interface PersonProfile {
  about?: string;
  quotes?: string;
  website?: string;
  political?: string;
  religion?: string;
  relationship_status?: string;
  meeting_for?: string[];
  languages?: { id: string; name: string }[];
  favorite_athletes?: { id: string; name: string }[];
  favorite_teams?: { id: string; name: string }[];
  inspirational_people?: { id: string; name: string }[];
  sports?: { id: string; name: string }[];
  significant_other_id?: string;
  likes?: { id: string; name: string; category: string }[];
  local_news_megaphone_dismissed?: boolean;
  local_news_subscribed?: boolean;
  /** Set by POST /{user-id} emoji_color_pref (write-only: no User field shows it). */
  emoji_color_pref?: number | string;
  /** Meta's integrity systems have blocked the person's writes: they answer (#368). */
  blocked?: boolean;
  /** A stable seed for the generated profile picture. */
  picture_seed?: string;
  /** Mobile advertiser ids (IDFA / AAID, UUIDs) of the person's devices: what MADID uploads match. */
  madids?: string[];
}

export interface PersonRow {
  id: string;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  email: string | null;
  phone: string | null;
  /** MM/DD/YYYY (or MM/DD, or YYYY when the person hides part of it). */
  birthday: string | null;
  gender: string | null;
  locale: string;
  timezone: number;
  city: string | null;
  state: string | null;
  zip: string | null;
  country: string | null;
  hometown: string | null;
  verified: boolean;
  is_test_user: boolean;
  test_password: string | null;
  profile: PersonProfile;
  created_time: number;
  updated_time: number;
}

/** What a lookalike's features are drawn from (src/audiences/lookalike): a person without names or contact details. */
export type PersonTraits = Pick<PersonRow, 'id' | 'birthday' | 'gender' | 'city' | 'state' | 'country' | 'locale' | 'profile' | 'updated_time'>;

/** A page of a traits scan: the people living in `countries`, or the members of the audience `memberOf`, in id order after `after`. */
export interface TraitsScan {
  countries?: readonly string[];
  memberOf?: string;
  after?: string;
  limit: number;
}

export type NewPerson = Omit<PersonRow, 'id' | 'created_time' | 'updated_time'> & {
  created_time?: number;
};

export type PersonPatch = Partial<Omit<PersonRow, 'id' | 'created_time'>>;

export interface BusinessRow {
  id: string;
  name: string;
  created_time: number;
}

export interface SystemUserRow {
  id: string;
  business_id: string;
  name: string;
  role: 'ADMIN' | 'EMPLOYEE';
  created_time: number;
}

export type AppType = 'web' | 'desktop' | 'native';

export interface AppRow {
  id: string;
  name: string;
  secret: string;
  client_token: string;
  business_id: string | null;
  namespace: string | null;
  category: string | null;
  app_type: AppType;
  require_appsecret_proof: boolean;
  created_time: number;
}

/** A person as one app sees them: the app-scoped user id (ASID). */
export interface AppUserRow {
  app_id: string;
  person_id: string;
  asid: string;
  installed: boolean;
  created_time: number;
}

export type GrantStatus = 'granted' | 'declined' | 'expired';

export interface GrantRow {
  app_id: string;
  person_id: string;
  permission: string;
  status: GrantStatus;
}

export interface PageRow {
  id: string;
  name: string;
  category: string;
  business_id: string | null;
  created_time: number;
}

export interface PageRoleRow {
  page_id: string;
  person_id: string;
  tasks: string[];
}

/** A person as one page sees them: the page-scoped id (PSID). */
export interface PageScopedIdRow {
  page_id: string;
  person_id: string;
  psid: string;
}

export interface AdAccountRow {
  /** Numeric id; the API shows it as `act_<id>`. */
  id: string;
  name: string;
  business_id: string | null;
  currency: string;
  timezone_name: string;
  account_status: number;
  created_time: number;
}

export interface AdAccountRoleRow {
  ad_account_id: string;
  person_id: string;
  role: 'ADMIN' | 'ADVERTISER' | 'ANALYST';
}

export type TokenKind = 'USER' | 'PAGE' | 'APP' | 'SYSTEM_USER';
export type TokenInvalidation = 'logged_out' | 'password_changed' | 'deauthorized' | 'checkpointed';

export interface TokenRow {
  /** SHA-256 hex of the token string; the token itself is never stored. */
  hash: string;
  kind: TokenKind;
  app_id: string;
  person_id: string | null;
  page_id: string | null;
  system_user_id: string | null;
  scopes: string[];
  issued_at: number;
  /** 0 = never. */
  expires_at: number;
  /** 0 = never. */
  data_access_expires_at: number;
  invalidated: TokenInvalidation | null;
  long_lived: boolean;
}

export interface Page<T> {
  rows: T[];
  /** The key of the row after the last one returned, when there are more. */
  more: boolean;
}

/** Keyset paging over a store list: rows with key > after (or < before), ordered by key. */
export interface ListRequest {
  limit: number;
  after?: string;
  before?: string;
}

export interface NodesStore {
  /** Allocates a new numeric id (15-17 digits, unique across all node types) and registers its type. */
  allocate(type: NodeType): Promise<string>;
  typeOf(id: string): Promise<NodeType | undefined>;
}

export interface PeopleStore {
  create(person: NewPerson): Promise<PersonRow>;
  get(id: string): Promise<PersonRow | undefined>;
  update(id: string, patch: PersonPatch): Promise<void>;
  delete(id: string): Promise<void>;
  list(request: ListRequest): Promise<Page<PersonRow>>;
  count(): Promise<number>;
  /**
   * Writes many people in one statement per dialect (bulk seeding), each with the id it
   * brings; people whose id is already taken are skipped. Answers the ids inserted.
   */
  insertMany(people: readonly (NewPerson & { id: string })[]): Promise<string[]>;
  /** People's traits a page at a time (lookalike builds stream whole countries this way). */
  traits(scan: TraitsScan): Promise<PersonTraits[]>;
}

export interface AppsStore {
  create(app: Omit<AppRow, 'id' | 'created_time'> & { id?: string; created_time?: number }): Promise<AppRow>;
  get(id: string): Promise<AppRow | undefined>;
  update(id: string, patch: Partial<Omit<AppRow, 'id'>>): Promise<void>;
  listByBusiness(businessId: string): Promise<AppRow[]>;
  /** The person's ASID in the app, allocated (as a User node) on first use. */
  scopedUser(appId: string, personId: string, installed?: boolean): Promise<AppUserRow>;
  findScopedUser(appId: string, personId: string): Promise<AppUserRow | undefined>;
  byAsid(asid: string): Promise<AppUserRow | undefined>;
  /** Every ASID the person has, in every app, oldest first. */
  scopedUsersOfPerson(personId: string): Promise<AppUserRow[]>;
  setInstalled(appId: string, personId: string, installed: boolean): Promise<void>;
  grants(appId: string, personId: string): Promise<GrantRow[]>;
  setGrant(appId: string, personId: string, permission: string, status: GrantStatus): Promise<void>;
  deleteGrants(appId: string, personId: string): Promise<void>;
}

export interface TokensStore {
  insert(row: TokenRow): Promise<void>;
  find(hash: string): Promise<TokenRow | undefined>;
  /** Marks every token of (app, person) invalid with the reason; returns how many. */
  invalidateFor(appId: string, personId: string, reason: TokenInvalidation): Promise<number>;
}

export interface PagesStore {
  create(page: Omit<PageRow, 'id' | 'created_time'> & { created_time?: number }): Promise<PageRow>;
  get(id: string): Promise<PageRow | undefined>;
  listByBusiness(businessId: string): Promise<PageRow[]>;
  setRole(pageId: string, personId: string, tasks: string[]): Promise<void>;
  rolesOfPerson(personId: string): Promise<PageRoleRow[]>;
  /** The person's PSID for the page, allocated on first use. */
  scopedId(pageId: string, personId: string): Promise<PageScopedIdRow>;
  byPsid(psid: string): Promise<PageScopedIdRow | undefined>;
  findScopedId(pageId: string, personId: string): Promise<PageScopedIdRow | undefined>;
}

export interface BusinessesStore {
  create(business: Omit<BusinessRow, 'id' | 'created_time'> & { created_time?: number }): Promise<BusinessRow>;
  get(id: string): Promise<BusinessRow | undefined>;
  createSystemUser(user: Omit<SystemUserRow, 'id' | 'created_time'> & { created_time?: number }): Promise<SystemUserRow>;
  getSystemUser(id: string): Promise<SystemUserRow | undefined>;
}

export interface AdAccountsStore {
  create(account: Omit<AdAccountRow, 'id' | 'created_time'> & { created_time?: number }): Promise<AdAccountRow>;
  get(id: string): Promise<AdAccountRow | undefined>;
  setRole(adAccountId: string, personId: string, role: AdAccountRoleRow['role']): Promise<void>;
  roleOf(adAccountId: string, personId: string): Promise<AdAccountRoleRow | undefined>;
  listForPerson(personId: string): Promise<AdAccountRow[]>;
}

export interface SettingsStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  /** Stores the value unless the key exists; returns the value now stored (first writer wins). */
  setIfAbsent(key: string, value: string): Promise<string>;
}

/** Every table's rows as plain JSON (bytes as `{ "$base64": ... }`), the same from either dialect. */
export type SnapshotTables = Record<string, Record<string, unknown>[]>;

/** What an app reset removed. */
export interface AppResetResult {
  tokens: number;
  app_scoped_users: number;
  test_users: number;
  /** People who lost an app-scoped id: their match keys need refreshing. */
  people: string[];
}

export interface AdAccountResetResult {
  custom_audiences: number;
  shares: number;
  terms_accepted: number;
}

/**
 * The control plane's whole-store operations. `keepSettings` names the settings that belong
 * to the install rather than its world (the admin token, the install salt): they survive.
 */
export interface AdminStore {
  /** Each table's columns, parents before children. */
  tables(): Promise<Record<string, string[]>>;
  /** Empties every table. */
  clear(keepSettings: readonly string[]): Promise<void>;
  /** Forgets the app's tokens, grants, app-scoped users, test users and app requests; the app stays. */
  resetApp(appId: string): Promise<AppResetResult>;
  /** Forgets the ad account's audiences (rows, members, sessions, shares), audiences shared to it and its ToS acceptances. */
  resetAdAccount(adAccountId: string): Promise<AdAccountResetResult>;
  export(omitSettings: readonly string[]): Promise<SnapshotTables>;
  /** Replaces every table with the snapshot's rows (tables it lacks end up empty); throws on tables or columns this store lacks. */
  import(tables: SnapshotTables, keepSettings: readonly string[]): Promise<void>;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly nodes: NodesStore;
  readonly people: PeopleStore;
  readonly apps: AppsStore;
  readonly tokens: TokensStore;
  readonly pages: PagesStore;
  readonly businesses: BusinessesStore;
  readonly adAccounts: AdAccountsStore;
  readonly settings: SettingsStore;
  readonly audiences: AudiencesStore;
  readonly pixels: PixelsStore;
  readonly businessUsers: BusinessUsersStore;
  readonly pageBlocks: PageBlocksStore;
  readonly testUsers: TestUsersStore;
  readonly social: SocialStore;
  readonly admin: AdminStore;
  /** Runs fn with a store bound to one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
