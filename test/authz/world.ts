import { appsecretProof } from '../../src/auth/appsecret-proof.js';
import type { Harness } from '../helpers/graph.js';
import { sha256 } from '../helpers/audiences.js';

/**
 * The world of the authorization matrix, loaded through the control plane on top of the
 * demo world: two businesses each owning an ad account, two apps (the second requires
 * appsecret_proof), Alice (admin of X) and Bob (admin of Y only), a page, a system user,
 * and one token per kind of caller.
 */
export const worldDocument = {
  businesses: [
    { key: 'acme', name: 'Authz Acme' },
    { key: 'globex', name: 'Authz Globex' },
  ],
  system_users: [{ key: 'bot', business: 'acme', name: 'Acme Bot', role: 'ADMIN' }],
  apps: [
    { key: 'main', name: 'Authz Main', business: 'acme', secret: 'authz-main-secret-0123456789' },
    { key: 'guarded', name: 'Authz Guarded', business: 'globex', require_appsecret_proof: true, secret: 'authz-guarded-secret-9876543210' },
  ],
  people: [
    { key: 'alice', first_name: 'Alice', last_name: 'Authz', email: 'alice.authz@example.com', apps: ['main', 'guarded'] },
    { key: 'bob', first_name: 'Bob', last_name: 'Authz', email: 'bob.authz@example.com', apps: ['main', 'guarded'] },
    { key: 'carol', first_name: 'Carol', last_name: 'Authz', email: 'carol.authz@example.com', apps: ['main'] },
    { key: 'dave', first_name: 'Dave', last_name: 'Authz', email: 'dave.authz@example.com', apps: ['main'] },
    { key: 'erin', first_name: 'Erin', last_name: 'Authz', email: 'erin.authz@example.com', apps: ['main'] },
  ],
  pages: [{ key: 'store', name: 'Authz Store', business: 'acme', roles: { alice: ['MANAGE', 'ADVERTISE'] } }],
  ad_accounts: [
    { key: 'x', name: 'Authz X', business: 'acme', roles: { alice: 'ADMIN' } },
    { key: 'y', name: 'Authz Y', business: 'globex', roles: { bob: 'ADMIN' } },
  ],
  tokens: [
    { key: 'alice', app: 'main', person: 'alice', scopes: ['public_profile', 'email', 'ads_management', 'ads_read'] },
    { key: 'bob', app: 'main', person: 'bob', scopes: ['public_profile', 'email', 'ads_management', 'ads_read'] },
    { key: 'alice_no_ads', app: 'main', person: 'alice', scopes: ['public_profile', 'email'] },
    { key: 'alice_no_email', app: 'main', person: 'alice', scopes: ['public_profile', 'ads_management'] },
    { key: 'erin_expired', app: 'main', person: 'erin', scopes: ['public_profile', 'ads_management'], expires_in: 60 },
    { key: 'alice_guarded', app: 'guarded', person: 'alice', scopes: ['public_profile', 'ads_management'] },
    { key: 'carol', app: 'main', person: 'carol', scopes: ['public_profile', 'ads_management'] },
    { key: 'dave', app: 'main', person: 'dave', scopes: ['public_profile', 'ads_management'] },
    { key: 'page', app: 'main', person: 'alice', page: 'store', scopes: ['pages_show_list', 'ads_management'] },
    { key: 'bot', app: 'main', system_user: 'bot', scopes: ['ads_management', 'ads_read', 'business_management'] },
  ],
};

/** Every kind of caller the matrix asks as: what it sends besides the route's own params. */
export type CallerName =
  | 'none'
  | 'malformed'
  | 'expired'
  | 'revoked'
  | 'logged_out'
  | 'proof_missing'
  | 'proof_wrong'
  | 'alice'
  | 'bob'
  | 'alice_no_ads'
  | 'alice_no_email'
  | 'page'
  | 'app'
  | 'other_app'
  | 'system_user';

export interface AuthzWorld {
  appId: string;
  guardedAppId: string;
  secrets: { main: string; guarded: string };
  businessId: string;
  pageId: string;
  systemUserId: string;
  act: { x: string; y: string };
  /** Alice's and Bob's ids as the main app sees them. */
  asid: { alice: string; bob: string; aliceGuarded: string };
  /** One customer list per ad account, with members uploaded in a session. */
  audience: { x: string; y: string };
  /** Raw values uploaded (hashed by the client) and tokens: none may leak. */
  uploadedEmails: string[];
  tokens: Record<string, string>;
  /** The params that make a caller of each kind (access_token, appsecret_proof). */
  credentials: Record<CallerName, Record<string, string>>;
  /** The instant the expired token stopped working. */
  expiredAt: number;
  personIds: Record<string, string>;
}

/** Loads the authz world, creates and fills the audiences, and invalidates the dead tokens. */
export async function loadAuthzWorld(g: Harness): Promise<AuthzWorld> {
  const loaded = await g.control('POST', '/_graphd/world', worldDocument);
  if (loaded.status !== 201 && loaded.status !== 200) throw new Error(`world did not load: ${loaded.body}`);
  const made = loaded.json;
  const tokens: Record<string, string> = made.tokens;
  const appId: string = made.apps.main.id;
  const guardedAppId: string = made.apps.guarded.id;
  const act = { x: made.ad_accounts.x as string, y: made.ad_accounts.y as string };
  const uploadedEmails = ['alice.authz@example.com', 'bob.authz@example.com', 'raw-secret-member@example.org'];
  const audience = {
    x: await customerList(g, act.x, tokens.alice, uploadedEmails),
    y: await customerList(g, act.y, tokens.bob, uploadedEmails),
  };
  // Carol takes her grants back (a revoked token); Dave logs out.
  const revoked = await g.del('/v21.0/me/permissions', { access_token: tokens.carol });
  if (revoked.json?.success !== true) throw new Error(`could not revoke: ${revoked.body}`);
  await g.store.tokens.invalidateFor(appId, made.people.dave.id, 'logged_out');
  const expiredAt = g.clock.now + 60;
  g.clock.now += 120;
  const secrets = { main: made.apps.main.secret as string, guarded: made.apps.guarded.secret as string };
  const token = (value: string) => ({ access_token: value });
  return {
    appId,
    guardedAppId,
    secrets,
    businessId: made.businesses.acme,
    pageId: made.pages.store,
    systemUserId: made.system_users.bot,
    act,
    asid: {
      alice: made.people.alice.app_scoped_ids[appId],
      bob: made.people.bob.app_scoped_ids[appId],
      aliceGuarded: made.people.alice.app_scoped_ids[guardedAppId],
    },
    audience,
    uploadedEmails,
    tokens: { ...tokens, app: made.apps.main.app_token, other_app: made.apps.guarded.app_token },
    expiredAt,
    personIds: Object.fromEntries(Object.entries(made.people).map(([key, person]: [string, any]) => [key, person.id])),
    credentials: {
      none: {},
      malformed: token('EAAnot-a-real-token!!'),
      expired: token(tokens.erin_expired),
      revoked: token(tokens.carol),
      logged_out: token(tokens.dave),
      proof_missing: token(tokens.alice_guarded),
      proof_wrong: { access_token: tokens.alice_guarded, appsecret_proof: appsecretProof(secrets.main, tokens.alice_guarded) },
      alice: token(tokens.alice),
      bob: token(tokens.bob),
      alice_no_ads: token(tokens.alice_no_ads),
      alice_no_email: token(tokens.alice_no_email),
      page: token(tokens.page),
      app: token(made.apps.main.app_token),
      other_app: token(made.apps.guarded.app_token),
      system_user: token(tokens.bot),
    },
  };
}

async function customerList(g: Harness, act: string, accessToken: string, emails: string[]): Promise<string> {
  const tos = await g.get(`/v21.0/${act}/customaudiencestos`, { access_token: accessToken });
  await g.post(`/v21.0/${act}/customaudiencestos`, { tos_id: tos.json.data[0].id, access_token: accessToken });
  const created = await g.post(`/v21.0/${act}/customaudiences`, { name: 'Authz list', subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY', access_token: accessToken });
  if (!created.json?.id) throw new Error(`could not create an audience in ${act}: ${created.body}`);
  const payload = JSON.stringify({ schema: 'EMAIL_SHA256', data: emails.map((email) => [sha256(email)]) });
  const session = JSON.stringify({ session_id: 7, batch_seq: 1, last_batch_flag: true, estimated_num_total: emails.length });
  const uploaded = await g.post(`/v21.0/${created.json.id}/users`, { payload, session, access_token: accessToken });
  if (uploaded.json?.num_received !== emails.length) throw new Error(`upload failed: ${uploaded.body}`);
  return created.json.id;
}

/** The callers a write on a person can take away (DELETE /me/permissions), minted anew as at load. */
const renewable = ['alice', 'bob', 'alice_no_ads', 'alice_no_email', 'page'] as const;

export async function renewPeopleTokens(g: Harness, world: AuthzWorld): Promise<void> {
  for (const key of renewable) {
    const entry = worldDocument.tokens.find((token) => token.key === key)!;
    const minted = await g.control('POST', '/_graphd/tokens', {
      app_id: world.appId,
      person_id: world.personIds[entry.person!],
      ...(entry.page ? { page_id: world.pageId } : {}),
      scopes: entry.scopes,
    });
    if (!minted.json?.access_token) throw new Error(`could not mint ${key}: ${minted.body}`);
    world.tokens[key] = minted.json.access_token;
    world.credentials[key] = { access_token: minted.json.access_token };
  }
}
