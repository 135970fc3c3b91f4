import { describe, expect, it } from 'vitest';
import { installSalt } from '../../src/identity/install-salt.js';
import { issueToken } from '../../src/identity/issue-token.js';
import { newAppSecret, randomBase62 } from '../../src/identity/token-strings.js';
import { createTestUser } from '../../src/people/test-users.js';
import type { AppRow } from '../../src/store/types.js';
import { useGraph, type Harness } from '../helpers/graph.js';
import { describeEachStore } from '../helpers/stores.js';

const emailPattern = /^[a-z]{7}_[a-z0-9]+_\d{10}@tfbnw\.net$/;

function create(g: Harness, form: Record<string, string> = {}, app: AppRow = g.world.app, token = g.world.tokens.app) {
  return g.post(`/v21.0/${app.id}/accounts/test-users`, { ...form, access_token: token });
}

function newApp(g: Harness, appType: AppRow['app_type'] = 'web'): Promise<AppRow> {
  return g.store.apps.create({
    name: `Acme ${appType}`,
    secret: newAppSecret(),
    client_token: randomBase62(32),
    business_id: null,
    namespace: null,
    category: 'Business',
    app_type: appType,
    require_appsecret_proof: false,
  });
}

const appToken = (app: AppRow) => `${app.id}|${app.secret}`;

describeEachStore('Test users: /{app-id}/accounts/test-users and DELETE /{test-user-id}', (open) => {
  const graph = useGraph(open);

  it('creates an installed test user with a token carrying the permissions, an email and a password', async () => {
    const g = graph();
    const reply = await create(g, { installed: 'true', permissions: 'email,user_birthday' });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.json)).toEqual(['id', 'access_token', 'login_url', 'email', 'password']);
    const { id, access_token: token, login_url, email, password } = reply.json;
    expect(id).toMatch(/^\d{15,16}$/);
    expect(token).toMatch(/^EAA[A-Za-z0-9]{177}$/);
    expect(login_url).toBe(`https://developers.facebook.com/checkpoint/test-user-login/${id}/`);
    expect(email).toMatch(emailPattern);
    expect(password).toMatch(/^\d{10}$/);

    const me = await g.get('/v21.0/me', { fields: 'id,name,email,installed', access_token: token });
    expect(me.json).toEqual({ id, name: expect.stringMatching(/^\w+ Al[a-j]{10} \w+$/), email, installed: true });
    const permissions = await g.get('/v21.0/me/permissions', { access_token: token });
    expect(permissions.json.data.map((p: { permission: string }) => p.permission).sort()).toEqual(['email', 'public_profile', 'user_birthday']);
    const debug = await g.get('/v21.0/debug_token', { input_token: token, access_token: g.world.tokens.app });
    expect(debug.json.data).toMatchObject({ type: 'USER', is_valid: true, user_id: id, scopes: expect.arrayContaining(['email', 'public_profile', 'user_birthday']) });
    const person = (await g.store.people.get((await g.store.apps.byAsid(id))!.person_id))!;
    expect(person).toMatchObject({ is_test_user: true, email });
    expect(person.test_password).not.toContain(password);
  });

  it('creates an uninstalled named test user (no token), reads it back with fields, and answers the same at /accounts', async () => {
    const g = graph();
    const reply = await create(g, { installed: 'false', name: 'Mary Ann Tester', fields: 'id,name,installed' });
    expect(reply.json).toEqual({
      id: expect.any(String),
      login_url: expect.stringContaining('/test-user-login/'),
      email: expect.stringMatching(/^[a-z]{7}_marytester_\d+@tfbnw\.net$/),
      password: expect.stringMatching(/^\d{10}$/),
      name: 'Mary Ann Tester',
      installed: false,
    });
    // The codegen form: POST /{app-id}/accounts with type=test-users.
    const codegen = await g.post(`/v21.0/${g.world.app.id}/accounts`, { type: 'test-users', name: 'Codegen User', access_token: g.world.tokens.app });
    expect(codegen.json).toMatchObject({ id: expect.any(String), access_token: expect.any(String) });
    const badType = await g.post(`/v21.0/${g.world.app.id}/accounts/real-users`, { access_token: g.world.tokens.app });
    expect(badType.json.error).toMatchObject({ code: 100, message: '(#100) Param type must be one of {test-users}' });
  });

  it('lists id, login_url and access_token (installed only), paged with cursors', async () => {
    const g = graph();
    const app = await newApp(g);
    const installed = (await create(g, {}, app, appToken(app))).json;
    const not = (await create(g, { installed: 'false' }, app, appToken(app))).json;
    const third = (await create(g, {}, app, appToken(app))).json;
    const list = await g.get(`/v21.0/${app.id}/accounts/test-users`, { access_token: appToken(app) });
    expect(list.status).toBe(200);
    const byId = new Map(list.json.data.map((entry: { id: string }) => [entry.id, entry]));
    expect(byId.size).toBe(3);
    expect(byId.get(installed.id)).toEqual({ id: installed.id, login_url: installed.login_url, access_token: installed.access_token });
    expect(Object.keys(byId.get(installed.id) as object)).toEqual(['id', 'login_url', 'access_token']);
    expect(byId.get(not.id)).toEqual({ id: not.id, login_url: not.login_url });
    expect(byId.get(third.id)).toMatchObject({ access_token: third.access_token });
    expect(list.json.paging.cursors).toEqual({ before: expect.any(String), after: expect.any(String) });
    expect(list.json.paging.next).toBeUndefined();

    const first = await g.get(`/v21.0/${app.id}/accounts/test-users`, { limit: '2', access_token: appToken(app) });
    expect(first.json.data).toHaveLength(2);
    expect(first.json.paging.next).toMatch(new RegExp(`/v21\\.0/${app.id}/accounts/test-users\\?.*after=`));
    const next = await g.request('GET', first.json.paging.next.replace(/^https?:\/\/[^/]+/, ''));
    expect(next.json.data).toHaveLength(1);
    expect([...first.json.data, ...next.json.data]).toEqual(list.json.data);

    const plain = await g.get(`/v21.0/${app.id}/accounts`, { access_token: appToken(app) });
    expect(plain.json.data).toEqual(list.json.data);
    const nested = await g.get(`/v21.0/${app.id}`, { fields: 'accounts.limit(1){id}', access_token: appToken(app) });
    expect(nested.json.accounts.data).toEqual([{ id: list.json.data[0].id }]);
  });

  it('pages 25 at a time by default', async () => {
    const g = graph();
    const app = await newApp(g);
    const salt = await installSalt(g.store);
    for (let i = 0; i < 26; i++) await createTestUser(g.store, app, { installed: false, permissions: [] }, { now: g.clock.now, salt, limit: 2000 });
    const page = await g.get(`/v21.0/${app.id}/accounts/test-users`, { access_token: appToken(app) });
    expect(page.json.data).toHaveLength(25);
    expect(page.json.paging.next).toContain('limit=25');
  });

  it('re-issues a listed token once the old one stops working', async () => {
    const g = graph();
    const created = (await create(g)).json;
    const person = (await g.store.apps.byAsid(created.id))!.person_id;
    await g.store.tokens.invalidateFor(g.world.app.id, person, 'logged_out');
    const list = await g.get(`/v21.0/${g.world.app.id}/accounts/test-users`, { limit: '100', access_token: g.world.tokens.app });
    const listed = list.json.data.find((entry: { id: string }) => entry.id === created.id).access_token;
    expect(listed).not.toBe(created.access_token);
    expect((await g.get('/v21.0/me', { fields: 'id', access_token: listed })).json).toEqual({ id: created.id });
    const again = await g.get(`/v21.0/${g.world.app.id}/accounts/test-users`, { limit: '100', access_token: g.world.tokens.app });
    expect(again.json.data.find((entry: { id: string }) => entry.id === created.id).access_token).toBe(listed);
  });

  it('takes only the app token of the app (200) and checks permissions (100)', async () => {
    const g = graph();
    const byUser = await create(g, {}, g.world.app, g.world.tokens.user);
    expect(byUser.json.error).toMatchObject({ code: 200, message: '(#200) Permissions error' });
    const other = await g.get(`/v21.0/${g.world.app.id}/accounts/test-users`, { access_token: `${g.world.otherApp.id}|${g.world.otherApp.secret}` });
    expect(other.json.error).toMatchObject({ code: 200 });
    const list = await g.get(`/v21.0/${g.world.app.id}/accounts/test-users`, { access_token: g.world.tokens.user });
    expect(list.json.error).toMatchObject({ code: 200 });
    const bad = await create(g, { permissions: 'email,Not A Permission' });
    expect(bad.json.error).toMatchObject({ code: 100, message: '(#100) Param permissions[1] must be a permission name' });
  });

  it('deletes a test user with the app token, and then it is gone (100/33)', async () => {
    const g = graph();
    const created = (await create(g)).json;
    const person = (await g.store.apps.byAsid(created.id))!.person_id;
    const reply = await g.del(`/v21.0/${created.id}`, { access_token: g.world.tokens.app });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ success: true });
    expect(await g.store.people.get(person)).toBeUndefined();
    const again = await g.del(`/v21.0/${created.id}`, { access_token: g.world.tokens.app });
    expect(again.json.error).toMatchObject({ code: 100, error_subcode: 33, message: expect.stringMatching(/^Unsupported delete request\. Object with ID '\d+' does not exist/) });
    const token = await g.get('/v21.0/me', { access_token: created.access_token });
    expect(token.json.error).toMatchObject({ code: 190 });
    const list = await g.get(`/v21.0/${g.world.app.id}/accounts/test-users`, { limit: '100', access_token: g.world.tokens.app });
    expect(list.json.data.map((entry: { id: string }) => entry.id)).not.toContain(created.id);
  });

  it("deletes a test user with the test user's own token", async () => {
    const g = graph();
    const created = (await create(g)).json;
    expect((await g.del('/v21.0/me', { access_token: created.access_token })).json).toEqual({ success: true });
    expect((await g.get(`/v21.0/${created.id}`, { access_token: g.world.tokens.app })).json.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('refuses to delete a real person (2903) or the OG Test User (2904)', async () => {
    const g = graph();
    const real = (await g.store.apps.scopedUser(g.world.app.id, g.world.people[1].id)).asid;
    const byApp = await g.del(`/v21.0/${real}`, { access_token: g.world.tokens.app });
    expect(byApp.status).toBe(400);
    expect(byApp.json.error).toMatchObject({ code: 2903, type: 'OAuthException', message: '(#2903) Cannot delete this test account' });
    const { token } = await issueToken(g.store, { kind: 'USER', appId: g.world.app.id, personId: g.world.people[1].id, scopes: ['public_profile'], expiresIn: 3600, now: g.clock.now });
    expect((await g.del('/v21.0/me', { access_token: token })).json.error).toMatchObject({ code: 2903 });
    expect(await g.store.people.get(g.world.people[1].id)).toBeDefined();

    const og = await createTestUser(g.store, g.world.app, { installed: true, permissions: [], name: 'Open Graph Test User', og: true }, { now: g.clock.now, salt: await installSalt(g.store), limit: 2000 });
    const ogReply = await g.del(`/v21.0/${og.id}`, { access_token: g.world.tokens.app });
    expect(ogReply.json.error).toMatchObject({ code: 2904, message: '(#2904) Cannot delete the OG Test User' });
    expect((await g.del('/v21.0/me', { access_token: og.access_token! })).json.error).toMatchObject({ code: 2904 });
  });

  it('associates a test user with a second app; deleting it then needs it removed from that app first (2903, 2902)', async () => {
    const g = graph();
    const second = await newApp(g);
    const created = (await create(g)).json;
    const joined = await create(g, { uid: created.id, owner_access_token: g.world.tokens.app, permissions: 'email' }, second, appToken(second));
    expect(Object.keys(joined.json)).toEqual(['id', 'access_token', 'login_url']);
    expect(joined.json.id).not.toBe(created.id); // graphd ids are app-scoped
    const me = await g.get('/v21.0/me', { fields: 'id,email', access_token: joined.json.access_token });
    expect(me.json).toEqual({ id: joined.json.id, email: expect.stringMatching(emailPattern) });

    const blocked = await g.del(`/v21.0/${created.id}`, { access_token: g.world.tokens.app });
    expect(blocked.json.error).toMatchObject({
      code: 2903,
      message:
        '(#2903) Cannot delete this test account because it is associated with other applications. Use DELETE <app_id>/accounts/test-users?uid=<test_account_id> to remove it from other apps first. Use GET test_user_id/ownerapps to get complete list of owner apps.',
    });
    const removed = await g.del(`/v21.0/${second.id}/accounts/test-users`, { uid: joined.json.id, access_token: appToken(second) });
    expect(removed.json).toEqual({ success: true });
    expect((await g.get('/v21.0/me', { access_token: joined.json.access_token })).json.error).toMatchObject({ code: 190, error_subcode: 458 });
    const sole = await g.del(`/v21.0/${g.world.app.id}/accounts/test-users`, { uid: created.id, access_token: g.world.tokens.app });
    expect(sole.json.error).toMatchObject({ code: 2902, message: '(#2902) Cannot remove test account from this app' });
    const missingUid = await g.del(`/v21.0/${g.world.app.id}/accounts/test-users`, { access_token: g.world.tokens.app });
    expect(missingUid.json.error).toMatchObject({ code: 100, message: '(#100) The parameter uid is required' });
    expect((await g.del(`/v21.0/${created.id}`, { access_token: g.world.tokens.app })).json).toEqual({ success: true });

    const badOwner = await create(g, { uid: joined.json.id, owner_access_token: g.world.tokens.user }, second, appToken(second));
    expect(badOwner.json.error).toMatchObject({ code: 100, message: '(#100) Param owner_access_token must be an app access token' });
  });

  it("answers 240 for a desktop app's user token on someone else, 102 for a desktop app token, 200 for another user's token", async () => {
    const g = graph();
    const desktop = await newApp(g, 'desktop');
    const created = (await create(g, {}, desktop, appToken(desktop))).json;
    const other = await issueToken(g.store, { kind: 'USER', appId: desktop.id, personId: g.world.people[2].id, scopes: ['public_profile'], expiresIn: 3600, now: g.clock.now });
    const byOther = await g.del(`/v21.0/${created.id}`, { access_token: other.token });
    expect(byOther.json.error).toMatchObject({ code: 240, message: '(#240) Desktop applications cannot call this function for other users' });
    const byApp = await g.del(`/v21.0/${created.id}`, { access_token: appToken(desktop) });
    expect(byApp.json.error).toMatchObject({ code: 102, message: 'Session key invalid or no longer valid' });
    expect((await g.del(`/v21.0/${created.id}`, { access_token: created.access_token })).json).toEqual({ success: true });

    const web = (await create(g)).json;
    const { token } = await issueToken(g.store, { kind: 'USER', appId: g.world.app.id, personId: g.world.people[3].id, scopes: ['public_profile'], expiresIn: 3600, now: g.clock.now });
    expect((await g.del(`/v21.0/${web.id}`, { access_token: token })).json.error).toMatchObject({ code: 200, message: '(#200) Permissions error' });
    expect((await g.del(`/v21.0/${web.id}`, { access_token: g.world.tokens.page })).json.error).toMatchObject({ code: 200 });
    expect((await g.del(`/v21.0/${web.id}`, { access_token: 'EAAnotarealtokenatall' })).json.error).toMatchObject({ code: 190 });
  });
});

describeEachStore('Test users: the per-app limit', (open) => {
  const graph = useGraph(open, { testUsersPerApp: 2 });

  it('answers (#2900) Too many test accounts past Config.testUsersPerApp', async () => {
    const g = graph();
    expect((await create(g)).status).toBe(200);
    expect((await create(g, { installed: 'false' })).status).toBe(200);
    const third = await create(g);
    expect(third.status).toBe(400);
    expect(third.json.error).toMatchObject({ code: 2900, type: 'OAuthException', message: '(#2900) Too many test accounts' });
    const list = await g.get(`/v21.0/${g.world.app.id}/accounts/test-users`, { access_token: g.world.tokens.app });
    expect(list.json.data).toHaveLength(2);
    // The limit is per app: another app still has room.
    const other = g.world.otherApp;
    expect((await create(g, {}, other, appToken(other))).status).toBe(200);
  });
});

describe('Test users: defaults', () => {
  it("defaults to Meta's 2000 per app", async () => {
    const { defaultConfig } = await import('../../src/config.js');
    expect(defaultConfig.testUsersPerApp).toBe(2000);
  });
});
