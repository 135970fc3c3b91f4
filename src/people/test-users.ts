import { createHmac, randomInt } from 'node:crypto';
import { GraphError } from '../graph/graph-error.js';
import type { EdgePage, PageRequest } from '../graph/paging.js';
import { authenticate, checkTokenRow } from '../identity/authenticate.js';
import { lifetimes } from '../identity/issue-token.js';
import { hashToken } from '../identity/token-strings.js';
import type { Viewer } from '../identity/viewer.js';
import type { TestUserRow } from '../store/test-user-types.js';
import type { AppRow, Store } from '../store/types.js';
import { refreshMatchKeys } from './match-keys.js';
import { assertMayWriteUser, hashTestPassword, splitName, type UserTarget } from './update-user.js';

/** Meta's limit of test users per app (graph-protocol.md §9.3); Config.testUsersPerApp overrides it. */
export const defaultTestUsersPerApp = 2000;

export interface TestUserOptions {
  now: number;
  /** The install's secret (Context.salt): keys the tokens the test-user list shows. */
  salt: string;
  /** Test users the app may have. */
  limit: number;
}

export interface NewTestUserInput {
  installed: boolean;
  permissions: string[];
  name?: string;
  minor?: boolean;
  /** Makes the app's undeletable "OG Test User" (2904); no API param sets it. */
  og?: boolean;
}

/** What `POST /{app-id}/accounts/test-users` answers, in Meta's key order. */
export interface CreatedTestUser {
  id: string;
  access_token?: string;
  login_url: string;
  email?: string;
  password?: string;
}

/** One entry of `GET /{app-id}/accounts/test-users`: no email, password or name. */
export interface ListedTestUser {
  id: string;
  login_url: string;
  access_token?: string;
}

export function loginUrl(id: string): string {
  return `https://developers.facebook.com/checkpoint/test-user-login/${id}/`;
}

/** Only the app itself (its app token) manages its test users. */
export function assertAppToken(viewer: Viewer, app: AppRow): void {
  if (viewer.kind !== 'APP' || viewer.app?.id !== app.id) throw GraphError.of('permissionsError');
}

/**
 * Creates a test user of the app: a person flagged as a test user, with a made-up name
 * unless one is given, a `@tfbnw.net` email and a password shown only now. Installed, the
 * app gets public_profile plus the asked permissions and the answer carries the user's token.
 */
export async function createTestUser(store: Store, app: AppRow, input: NewTestUserInput, options: TestUserOptions): Promise<CreatedTestUser> {
  const permissions = checkedPermissions(input.permissions);
  const names = input.name === undefined || input.name.trim() === '' ? madeUpName() : splitName(input.name);
  const password = randomDigits(10);
  const { now } = options;
  return store.transaction(async (tx) => {
    if ((await tx.testUsers.count(app.id)) >= options.limit) throw GraphError.of('testUserLimit');
    const person = await tx.people.create({
      ...names,
      email: testUserEmail(names.first_name, names.last_name, now),
      phone: null,
      birthday: input.minor ? `01/01/${new Date(now * 1000).getUTCFullYear() - 16}` : null,
      gender: null,
      locale: 'en_US',
      timezone: 0,
      city: null,
      state: null,
      zip: null,
      country: null,
      hometown: null,
      verified: false,
      is_test_user: true,
      test_password: hashTestPassword(password),
      profile: {},
      created_time: now,
    });
    const joined = await join(tx, app, person.id, input.installed, permissions, input.og ?? false, options);
    await refreshMatchKeys(tx, person);
    return { ...joined, email: person.email!, password };
  });
}

/**
 * `uid` + `owner_access_token`: makes a test user of another app (whose app token is the
 * owner token) a test user of this app too. The user gets this app's own id (ASID).
 */
export async function associateTestUser(
  store: Store,
  app: AppRow,
  input: { uid: string; ownerAccessToken: string | undefined; installed: boolean; permissions: string[] },
  options: TestUserOptions,
): Promise<CreatedTestUser> {
  if (input.ownerAccessToken === undefined) throw GraphError.of('paramRequired', { name: 'owner_access_token' });
  const permissions = checkedPermissions(input.permissions);
  let owner: Viewer;
  try {
    owner = await authenticate(store, input.ownerAccessToken, options.now);
  } catch {
    owner = { kind: 'ANONYMOUS', scopes: new Set() };
  }
  if (owner.kind !== 'APP' || !owner.app) throw GraphError.of('paramInvalid', { name: 'owner_access_token', constraint: 'an app access token' });
  const appUser = await store.apps.byAsid(input.uid);
  const membership = appUser?.app_id === owner.app.id ? await store.testUsers.find(owner.app.id, appUser.person_id) : undefined;
  if (!membership) throw GraphError.of('paramInvalid', { name: 'uid', constraint: 'a test user of the app that owner_access_token belongs to' });
  return store.transaction(async (tx) => {
    const already = await tx.testUsers.find(app.id, membership.person_id);
    if (!already && (await tx.testUsers.count(app.id)) >= options.limit) throw GraphError.of('testUserLimit');
    const joined = await join(tx, app, membership.person_id, input.installed, permissions, false, options);
    const person = await tx.people.get(membership.person_id);
    if (person) await refreshMatchKeys(tx, person); // the new ASID is a match key too
    return joined;
  });
}

/** The app's test users, a page at a time; installed ones with a working token. */
export async function listTestUsers(store: Store, app: AppRow, page: PageRequest, options: Omit<TestUserOptions, 'limit'>): Promise<EdgePage<ListedTestUser> & { total: number }> {
  const rows = await store.testUsers.list(app.id, page);
  const items = [];
  for (const row of rows.rows) {
    const token = row.installed ? await listedToken(store, row, options) : undefined;
    items.push({ key: row.asid, value: { id: row.asid, login_url: loginUrl(row.asid), ...(token && { access_token: token }) } });
  }
  return { items, more: rows.more, total: await store.testUsers.count(app.id) };
}

/**
 * `DELETE /{test-user-id}`, by the app or by the test user: the person goes, with every id,
 * grant and token they had. A person who is no test user of the app (2903), the app's OG
 * test user (2904) and a test user other apps still hold (2903) stay.
 */
export async function deleteTestUser(store: Store, viewer: Viewer, target: UserTarget): Promise<void> {
  await assertMayWriteUser(store, viewer, target, 'delete');
  const { person, app } = target;
  const membership = person.is_test_user ? await store.testUsers.find(app.id, person.id) : undefined;
  if (!membership) throw GraphError.of('notATestAccount');
  if (membership.og) throw GraphError.of('ogTestUser');
  const apps = await store.testUsers.appsOf(person.id);
  if (apps.some((appId) => appId !== app.id)) throw GraphError.of('testAccountOfOtherApps');
  await store.people.delete(person.id);
}

/**
 * `DELETE /{app-id}/accounts/test-users?uid=`: the test user leaves this app only (the app's
 * grants and tokens go; the id stays, as a person who removed the app). A test user must
 * keep one app: removing the last answers 2902.
 */
export async function removeTestUserFromApp(store: Store, app: AppRow, uid: string): Promise<void> {
  const appUser = await store.apps.byAsid(uid);
  const membership = appUser?.app_id === app.id ? await store.testUsers.find(app.id, appUser.person_id) : undefined;
  if (!membership) throw GraphError.of('paramInvalid', { name: 'uid', constraint: 'the id of a test user of this app' });
  if ((await store.testUsers.appsOf(membership.person_id)).length <= 1) throw GraphError.of('testUserSoleApp');
  await store.transaction(async (tx) => {
    await tx.testUsers.remove(app.id, membership.person_id);
    await tx.apps.deleteGrants(app.id, membership.person_id);
    await tx.apps.setInstalled(app.id, membership.person_id, false);
    await tx.tokens.invalidateFor(app.id, membership.person_id, 'deauthorized');
  });
}

/** Joins the person to the app as its test user; the answer of a create or an association. */
async function join(tx: Store, app: AppRow, personId: string, installed: boolean, permissions: string[], og: boolean, options: TestUserOptions): Promise<CreatedTestUser> {
  const appUser = await tx.apps.scopedUser(app.id, personId, installed);
  const scopes = installed ? ['public_profile', ...permissions.filter((p) => p !== 'public_profile')] : [];
  for (const scope of scopes) await tx.apps.setGrant(app.id, personId, scope, 'granted');
  await tx.testUsers.add({ app_id: app.id, person_id: personId, og, created_time: options.now });
  const membership = (await tx.testUsers.find(app.id, personId))!;
  const token = installed ? await listedToken(tx, membership, options) : undefined;
  return { id: appUser.asid, ...(token && { access_token: token }), login_url: loginUrl(appUser.asid) };
}

/**
 * The token the app's test-user list shows for an installed test user. Tokens are stored
 * hashed, so the list cannot read one back: it is derived from the install's salt and a
 * generation kept with the membership, and issued (with the user's grants as scopes) the
 * first time it is needed or again, one generation on, once it stops working.
 */
async function listedToken(store: Store, membership: TestUserRow, options: Omit<TestUserOptions, 'limit'>): Promise<string> {
  const { app_id: appId, person_id: personId } = membership;
  if (membership.token_generation > 0) {
    const current = derivedToken(options.salt, appId, personId, membership.token_generation);
    const row = await store.tokens.find(hashToken(current));
    if (row && isUsable(row, options.now)) return current;
  }
  const generation = membership.token_generation + 1;
  const token = derivedToken(options.salt, appId, personId, generation);
  const scopes = (await store.apps.grants(appId, personId)).filter((g) => g.status === 'granted').map((g) => g.permission);
  try {
    await store.transaction(async (tx) => {
      await tx.tokens.insert({
        hash: hashToken(token),
        kind: 'USER',
        app_id: appId,
        person_id: personId,
        page_id: null,
        system_user_id: null,
        scopes,
        issued_at: options.now,
        expires_at: options.now + lifetimes.long,
        data_access_expires_at: options.now + lifetimes.dataAccess,
        invalidated: null,
        long_lived: true,
      });
      await tx.testUsers.setTokenGeneration(appId, personId, generation);
    });
  } catch (error) {
    // A concurrent list issued the same generation first: its token is this one.
    if (!(await store.tokens.find(hashToken(token)))) throw error;
  }
  return token;
}

function isUsable(row: Parameters<typeof checkTokenRow>[0], now: number): boolean {
  try {
    checkTokenRow(row, now);
    return true;
  } catch {
    return false;
  }
}

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `EAA` + 177 base62 characters, like every user token, keyed by the install's salt. */
function derivedToken(salt: string, appId: string, personId: string, generation: number): string {
  let out = 'EAA';
  for (let block = 0; out.length < 180; block++) {
    const bytes = createHmac('sha256', salt).update(`test-user-token:${appId}:${personId}:${generation}:${block}`).digest();
    for (const byte of bytes) {
      if (out.length === 180) break;
      out += base62[byte % 62];
    }
  }
  return out;
}

function checkedPermissions(permissions: string[]): string[] {
  permissions.forEach((permission, index) => {
    if (!/^[a-z][a-z0-9_]*$/.test(permission)) throw GraphError.of('paramInvalid', { name: `permissions[${index}]`, constraint: 'a permission name' });
  });
  return [...new Set(permissions)];
}

function randomDigits(length: number): string {
  let out = String(randomInt(1, 10));
  while (out.length < length) out += String(randomInt(0, 10));
  return out;
}

function randomLetters(length: number, alphabet = 'abcdefghijklmnopqrstuvwxyz'): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

const firstNames = ['Dorothy', 'Carrie', 'Maria', 'Linda', 'Susan', 'Karen', 'Betty', 'Helen', 'Sandra', 'Donna', 'James', 'John', 'Robert', 'Michael', 'William', 'David', 'Richard', 'Joseph', 'Thomas', 'Charles', 'Open'];
const lastRoots = ['Sharpe', 'Roman', 'Fallon', 'Wong', 'Smith', 'Liu', 'Moiduson', 'Rosenthal', 'Chai', 'Okafor', 'Greene', 'Baker', 'Ching', 'Narang', 'Bowers', 'Lauren'];
const lastSuffixes = ['sky', 'son', 'berg', 'man', 'sen', 'stein', 'witz', 'escu', 'wood', 'son'];

/** Meta's style of made-up test-user names: "Dorothy Alaaaiifjeegd Sharpesky". */
function madeUpName(): Pick<UserTarget['person'], 'first_name' | 'middle_name' | 'last_name'> {
  return {
    first_name: firstNames[randomInt(firstNames.length)],
    middle_name: 'Al' + randomLetters(10, 'abcdefghij'),
    last_name: lastRoots[randomInt(lastRoots.length)] + lastSuffixes[randomInt(lastSuffixes.length)],
  };
}

/** `fupxzqr_carrieroman_1517492731@tfbnw.net`: seven random letters, the name, the creation time. */
function testUserEmail(first: string, last: string, now: number): string {
  const name = `${first}${last}`.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]/g, '') || 'user';
  return `${randomLetters(7)}_${name}_${now}@tfbnw.net`;
}
