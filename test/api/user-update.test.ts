import { expect, it } from 'vitest';
import { installSalt } from '../../src/identity/install-salt.js';
import { issueToken } from '../../src/identity/issue-token.js';
import { newAppSecret, randomBase62 } from '../../src/identity/token-strings.js';
import { createTestUser } from '../../src/people/test-users.js';
import type { AppRow } from '../../src/store/types.js';
import { newCustomerList, sha256 } from '../helpers/audiences.js';
import { useGraph } from '../helpers/graph.js';
import { describeEachStore } from '../helpers/stores.js';

describeEachStore('POST /{user-id}: updating a User', (open) => {
  const graph = useGraph(open);

  /** A token of person `index` of the demo world in `app` (the demo app by default). */
  async function tokenOf(index: number, scopes = ['public_profile'], app?: AppRow) {
    const g = graph();
    const { token } = await issueToken(g.store, { kind: 'USER', appId: (app ?? g.world.app).id, personId: g.world.people[index].id, scopes, expiresIn: 3600, now: g.clock.now });
    return token;
  }

  async function asidOf(index: number, app?: AppRow) {
    const g = graph();
    return (await g.store.apps.scopedUser((app ?? g.world.app).id, g.world.people[index].id)).asid;
  }

  async function desktopApp(): Promise<AppRow> {
    const g = graph();
    return g.store.apps.create({
      name: 'Acme Desktop',
      secret: newAppSecret(),
      client_token: randomBase62(32),
      business_id: null,
      namespace: null,
      category: 'Utilities',
      app_type: 'desktop',
      require_appsecret_proof: false,
    });
  }

  it("updates the person's own names and local-news settings, and reads them back with fields", async () => {
    const g = graph();
    const token = await tokenOf(1);
    const params = { firstname: 'Rosalind', lastname: 'Franklin', local_news_megaphone_dismiss_status: 'YES', local_news_subscription_status: 'STATUS_ON', emoji_color_pref: '3' };
    const reply = await g.post('/v21.0/me', { ...params, access_token: token });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ success: true });
    const person = (await g.store.people.get(g.world.people[1].id))!;
    expect(person).toMatchObject({ first_name: 'Rosalind', last_name: 'Franklin', updated_time: g.clock.now });
    expect(person.profile).toMatchObject({ local_news_megaphone_dismissed: true, local_news_subscribed: true, emoji_color_pref: 3 });

    const asid = await asidOf(1);
    const readBack = await g.post(`/v21.0/${asid}`, { local_news_subscription_status: 'STATUS_OFF', fields: 'first_name,name,local_news_megaphone_dismiss_status,local_news_subscription_status', access_token: token });
    expect(readBack.json).toEqual({
      success: true,
      first_name: 'Rosalind',
      name: expect.stringMatching(/^Rosalind .*Franklin$/),
      local_news_megaphone_dismiss_status: true,
      local_news_subscription_status: false,
      id: asid,
    });
  });

  it('matches audiences against the new name (match keys follow the update)', async () => {
    const g = graph();
    const person = g.world.people[6];
    const audience = await newCustomerList(g, 'renamed');
    const row = [sha256('grace'), sha256('hopper'), sha256(person.zip!)];
    await g.post(`/v21.0/${audience}/users`, { payload: JSON.stringify({ schema: ['FN', 'LN', 'ZIP'], data: [row] }), access_token: g.world.tokens.user });
    expect((await g.store.audiences.get(audience))!.member_count).toBe(0);
    expect((await g.post('/v21.0/me', { firstname: 'Grace', lastname: 'Hopper', access_token: await tokenOf(6) })).json).toEqual({ success: true });
    expect((await g.store.audiences.get(audience))!.member_count).toBe(1);
  });

  it('takes name and password only for test accounts (100) and checks every param (100)', async () => {
    const g = graph();
    const token = await tokenOf(2);
    for (const name of ['name', 'password']) {
      const reply = await g.post('/v21.0/me', { [name]: 'Someone Else', access_token: token });
      expect(reply.status).toBe(400);
      expect(reply.json.error).toMatchObject({ code: 100, type: 'OAuthException', message: `(#100) Param ${name} can only be set for test accounts` });
    }
    const badEnum = await g.post('/v21.0/me', { local_news_subscription_status: 'ON', access_token: token });
    expect(badEnum.json.error).toMatchObject({ code: 100, message: '(#100) Param local_news_subscription_status must be one of {STATUS_ON, STATUS_OFF}' });
    const badInt = await g.post('/v21.0/me', { emoji_color_pref: 'blue', access_token: token });
    expect(badInt.json.error).toMatchObject({ code: 100, message: '(#100) Param emoji_color_pref must be an integer' });
    const empty = await g.post('/v21.0/me', { firstname: '  ', access_token: token });
    expect(empty.json.error).toMatchObject({ code: 100, message: '(#100) Param firstname must be a non-empty string' });
    expect((await g.store.people.get(g.world.people[2].id))!.first_name).toBe(g.world.people[2].first_name);
  });

  it('answers 2500 for /me without a user token and 190 for a bad token', async () => {
    const g = graph();
    const app = await g.post('/v21.0/me', { firstname: 'X', access_token: g.world.tokens.app });
    expect(app.json.error).toMatchObject({ code: 2500, message: 'An active access token must be used to query information about the current user.' });
    const garbage = await g.post('/v21.0/me', { firstname: 'X', access_token: 'garbage' });
    expect(garbage.json.error).toMatchObject({ code: 190, message: 'Invalid OAuth access token - Cannot parse access token' });
  });

  it('answers 459 for a checkpointed session', async () => {
    const g = graph();
    const token = await tokenOf(3);
    await g.store.tokens.invalidateFor(g.world.app.id, g.world.people[3].id, 'checkpointed');
    const reply = await g.post('/v21.0/me', { firstname: 'X', access_token: token });
    expect(reply.json.error).toMatchObject({ code: 190, error_subcode: 459 });
    expect(reply.json.error.message).toMatch(/^Error validating access token: You cannot access the app till you log in/);
  });

  it('answers 210 when a user token acts on another user, 200 for an app token on a real person or a page token', async () => {
    const g = graph();
    const other = await asidOf(5);
    const byUser = await g.post(`/v21.0/${other}`, { firstname: 'X', access_token: await tokenOf(7) });
    expect(byUser.status).toBe(403);
    expect(byUser.json.error).toMatchObject({ code: 210, message: '(#210) User not visible' });
    const byApp = await g.post(`/v21.0/${other}`, { firstname: 'X', access_token: g.world.tokens.app });
    expect(byApp.json.error).toMatchObject({ code: 200, message: '(#200) Permissions error' });
    const byPage = await g.post(`/v21.0/${other}`, { firstname: 'X', access_token: g.world.tokens.page });
    expect(byPage.json.error).toMatchObject({ code: 200 });
    expect((await g.store.people.get(g.world.people[5].id))!.first_name).toBe(g.world.people[5].first_name);
  });

  it("answers 240 for a desktop app's user token on someone else and 102 for a desktop app without a user session", async () => {
    const g = graph();
    const desktop = await desktopApp();
    const target = await asidOf(8, desktop);
    const other = await g.post(`/v21.0/${target}`, { firstname: 'X', access_token: await tokenOf(10, ['public_profile'], desktop) });
    expect(other.status).toBe(403);
    expect(other.json.error).toMatchObject({ code: 240, message: '(#240) Desktop applications cannot call this function for other users' });
    const appToken = await g.post(`/v21.0/${target}`, { firstname: 'X', access_token: `${desktop.id}|${desktop.secret}` });
    expect(appToken.json.error).toMatchObject({ code: 102, type: 'OAuthException', message: 'Session key invalid or no longer valid' });
    const self = await g.post(`/v21.0/${target}`, { firstname: 'Desk', access_token: await tokenOf(8, ['public_profile'], desktop) });
    expect(self.json).toEqual({ success: true });
  });

  it('answers 368 for a person whose writes are blocked', async () => {
    const g = graph();
    const person = g.world.people[11];
    await g.store.people.update(person.id, { profile: { ...person.profile, blocked: true } });
    const reply = await g.post('/v21.0/me', { firstname: 'X', access_token: await tokenOf(11) });
    expect(reply.status).toBe(403);
    expect(reply.json.error).toMatchObject({ code: 368, message: '(#368) The action attempted has been deemed abusive or is otherwise disallowed' });
  });

  it("lets the app rename a test user and change its password, which ends the test user's sessions", async () => {
    const g = graph();
    const created = await createTestUser(g.store, g.world.app, { installed: true, permissions: ['email'] }, { now: g.clock.now, salt: await installSalt(g.store), limit: 10 });
    const renamed = await g.post(`/v21.0/${created.id}`, { name: 'Open Graph Test User', fields: 'name,first_name,middle_name,last_name', access_token: g.world.tokens.app });
    expect(renamed.json).toEqual({ success: true, name: 'Open Graph Test User', first_name: 'Open', middle_name: 'Graph Test', last_name: 'User', id: created.id });
    expect((await g.get('/v21.0/me', { access_token: created.access_token! })).status).toBe(200);

    const password = await g.post(`/v21.0/${created.id}`, { password: 'n3w-pa55word', access_token: g.world.tokens.app });
    expect(password.json).toEqual({ success: true });
    const person = (await g.store.people.get((await g.store.apps.byAsid(created.id))!.person_id))!;
    expect(person.test_password).toMatch(/^sha256\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(person.test_password).not.toContain('n3w-pa55word');
    const ended = await g.get('/v21.0/me', { access_token: created.access_token! });
    expect(ended.json.error).toMatchObject({ code: 190, error_subcode: 460 });

    // The test user may also rename itself with its own (new) token.
    const listed = await g.get(`/v21.0/${g.world.app.id}/accounts/test-users`, { access_token: g.world.tokens.app, limit: '100' });
    const fresh = listed.json.data.find((entry: { id: string }) => entry.id === created.id).access_token;
    expect(fresh).not.toBe(created.access_token);
    expect((await g.post('/v21.0/me', { name: 'Self Named', access_token: fresh })).json).toEqual({ success: true });
    expect((await g.get(`/v21.0/${created.id}`, { fields: 'name', access_token: g.world.tokens.app })).json.name).toBe('Self Named');
  });
});
