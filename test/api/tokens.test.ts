import { expect, it } from 'vitest';
import { appsecretProof } from '../../src/auth/appsecret-proof.js';
import { issueToken } from '../../src/identity/issue-token.js';
import { describeEachStore } from '../helpers/stores.js';
import { useGraph } from '../helpers/graph.js';

describeEachStore('Tokens and auth', (open) => {
  const graph = useGraph(open);

  async function mint(scopes: string[], expiresIn = 3600, personIndex = 1) {
    const g = graph();
    const { token } = await issueToken(g.store, { kind: 'USER', appId: g.world.app.id, personId: g.world.people[personIndex].id, scopes, expiresIn, now: g.clock.now });
    return token;
  }

  it('answers garbage tokens with 190 Cannot parse access token', async () => {
    const reply = await graph().get('/v21.0/me', { access_token: 'not-a-token' });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatchObject({ code: 190, type: 'OAuthException', message: 'Invalid OAuth access token - Cannot parse access token' });
    expect(reply.json.error.error_subcode).toBeUndefined();
  });

  it('answers an expired token with 463 and both times in Pacific time', async () => {
    const g = graph();
    const token = await mint(['public_profile'], 60);
    g.clock.now += 120;
    try {
      const reply = await g.get('/v21.0/me', { access_token: token });
      expect(reply.json.error.error_subcode).toBe(463);
      expect(reply.json.error.message).toBe(
        'Error validating access token: Session has expired on Wednesday, 31-Dec-25 16:01:00 PST. The current time is Wednesday, 31-Dec-25 16:02:00 PST.',
      );
    } finally {
      g.clock.now -= 120;
    }
  });

  it('debug_token describes a user token to the app, with fields=app_id as the SDKs ask', async () => {
    const g = graph();
    const token = await mint(['public_profile', 'email']);
    const reply = await g.get('/v21.0/debug_token', { input_token: token, access_token: g.world.tokens.app });
    expect(reply.json.data).toMatchObject({ app_id: g.world.app.id, type: 'USER', application: 'Acme Audience Sync', is_valid: true, scopes: ['public_profile', 'email'] });
    expect(reply.json.data.expires_at).toBe(g.clock.now + 3600);
    const asid = (await g.store.apps.scopedUser(g.world.app.id, g.world.people[1].id)).asid;
    expect(reply.json.data.user_id).toBe(asid);
    const appOnly = await g.get('/v21.0/debug_token', { input_token: token, access_token: token, fields: 'app_id' });
    expect(appOnly.json).toEqual({ data: { app_id: g.world.app.id } });
  });

  it('debug_token reports an invalid token as is_valid false, still 200', async () => {
    const g = graph();
    const reply = await g.get('/v21.0/debug_token', { input_token: 'EAAgarbagegarbagegarbagegarbage', access_token: g.world.tokens.app });
    expect(reply.status).toBe(200);
    expect(reply.json.data).toMatchObject({ is_valid: false, error: { code: 190 } });
  });

  it('issues app tokens by client_credentials and long-lived tokens by fb_exchange_token', async () => {
    const g = graph();
    const { app } = g.world;
    const cc = await g.get('/v21.0/oauth/access_token', { grant_type: 'client_credentials', client_id: app.id, client_secret: app.secret });
    expect(cc.json).toEqual({ access_token: expect.stringMatching(new RegExp(`^${app.id}\\|`)), token_type: 'bearer' });
    const asApp = await g.get(`/v21.0/${app.id}`, { access_token: cc.json.access_token });
    expect(asApp.json.name).toBe('Acme Audience Sync');
    const short = await mint(['public_profile']);
    const long = await g.get('/v21.0/oauth/access_token', { grant_type: 'fb_exchange_token', client_id: app.id, client_secret: app.secret, fb_exchange_token: short });
    expect(long.json).toEqual({ access_token: expect.stringMatching(/^EAA/), token_type: 'bearer', expires_in: 5184000 });
    const bad = await g.get('/v21.0/oauth/access_token', { grant_type: 'client_credentials', client_id: app.id, client_secret: 'wrong' });
    expect(bad.json.error).toMatchObject({ code: 1, message: 'Error validating client secret.' });
    const noApp = await g.get('/v21.0/oauth/access_token', { grant_type: 'client_credentials', client_id: '1', client_secret: 'x' });
    expect(noApp.json.error).toMatchObject({ code: 101 });
  });

  it('lists, revokes and de-authorizes permissions', async () => {
    const g = graph();
    const token = await mint(['public_profile', 'email', 'user_birthday'], 3600, 2);
    const list = await g.get('/v21.0/me/permissions', { access_token: token });
    expect(list.json.data).toEqual(
      expect.arrayContaining([
        { permission: 'public_profile', status: 'granted' },
        { permission: 'email', status: 'granted' },
      ]),
    );
    const one = await g.get('/v21.0/me/permissions/email', { access_token: token });
    expect(one.json).toEqual({ data: [{ permission: 'email', status: 'granted' }] });
    const revoke = await g.del('/v21.0/me/permissions/email', { access_token: token });
    expect(revoke.json).toEqual({ success: true });
    const after = await g.get('/v21.0/me', { fields: 'email', access_token: token });
    expect(after.json.email).toBeUndefined();
    const declined = await g.get('/v21.0/me/permissions', { status: 'declined', access_token: token });
    expect(declined.json.data).toEqual([{ permission: 'email', status: 'declined' }]);
    const deauth = await g.del('/v21.0/me/permissions', { access_token: token });
    expect(deauth.json).toEqual({ success: true });
    const dead = await g.get('/v21.0/me', { access_token: token });
    expect(dead.json.error).toMatchObject({ code: 190, error_subcode: 458 });
  });

  it('checks appsecret_proof: wrong always fails, missing fails when the app requires it', async () => {
    const g = graph();
    const token = g.world.tokens.user;
    const proof = appsecretProof(g.world.app.secret, token);
    expect((await g.get('/v21.0/me', { access_token: token, appsecret_proof: proof })).status).toBe(200);
    const wrong = await g.get('/v21.0/me', { access_token: token, appsecret_proof: 'ab'.repeat(32) });
    expect(wrong.json.error).toMatchObject({ code: 100, type: 'GraphMethodException', message: 'Invalid appsecret_proof provided in the API argument' });
    const time = String(g.clock.now);
    const timed = appsecretProof(g.world.app.secret, token, time);
    expect((await g.get('/v21.0/me', { access_token: token, appsecret_proof: timed, appsecret_time: time })).status).toBe(200);
    const stale = String(g.clock.now - 3600);
    const old = await g.get('/v21.0/me', { access_token: token, appsecret_proof: appsecretProof(g.world.app.secret, token, stale), appsecret_time: stale });
    expect(old.json.error.message).toBe('Invalid appsecret_proof provided in the API argument');
    await g.store.apps.update(g.world.app.id, { require_appsecret_proof: true });
    try {
      const missing = await g.get('/v21.0/me', { access_token: token });
      expect(missing.json.error).toMatchObject({ code: 100, message: 'API calls from the server require an appsecret_proof argument' });
      expect((await g.get('/v21.0/me', { access_token: token, appsecret_proof: proof })).status).toBe(200);
    } finally {
      await g.store.apps.update(g.world.app.id, { require_appsecret_proof: false });
    }
  });

  it('answers /me for page and system-user tokens with the page and the system user', async () => {
    const g = graph();
    const page = await g.get('/v21.0/me', { access_token: g.world.tokens.page });
    expect(page.json).toEqual({ name: 'Acme Outdoor', id: g.world.page.id });
    const system = await g.get('/v21.0/me', { access_token: g.world.tokens.systemUser });
    expect(system.json).toEqual({ name: 'Acme Sync Bot', id: expect.stringMatching(/^\d+$/) });
  });

  it('invalidated sessions answer 467 and 460', async () => {
    const g = graph();
    const token = await mint(['public_profile'], 3600, 3);
    await g.store.tokens.invalidateFor(g.world.app.id, g.world.people[3].id, 'logged_out');
    expect((await g.get('/v21.0/me', { access_token: token })).json.error.error_subcode).toBe(467);
    const second = await mint(['public_profile'], 3600, 4);
    await g.store.tokens.invalidateFor(g.world.app.id, g.world.people[4].id, 'password_changed');
    expect((await g.get('/v21.0/me', { access_token: second })).json.error.error_subcode).toBe(460);
  });
});
