import { expect, it } from 'vitest';
import { describeEachStore } from '../helpers/stores.js';
import { useGraph } from '../helpers/graph.js';

describeEachStore('Control plane: minting tokens', (open) => {
  const graph = useGraph(open);

  it('mints a person token whose scopes are in force on /me, and shows what debug_token shows', async () => {
    const g = graph();
    const person = g.world.people[4]; // did not log in to the demo app
    const reply = await g.control('POST', '/_graphd/tokens', { app_id: g.world.app.id, person_id: person.id, scopes: ['public_profile', 'email'], expires_in: 7200 });
    expect(reply.status).toBe(201);
    expect(reply.json.access_token).toMatch(/^EAA/);
    expect(reply.json.debug_token).toMatchObject({ app_id: g.world.app.id, type: 'USER', is_valid: true, expires_at: g.clock.now + 7200, scopes: ['public_profile', 'email'] });
    const me = await g.get('/v21.0/me', { fields: 'id,email', access_token: reply.json.access_token });
    expect(me.json).toEqual({ id: reply.json.debug_token.user_id, email: person.email });
  });

  it('mints page, system-user and app tokens, and never-expiring ones', async () => {
    const g = graph();
    const page = await g.control('POST', '/_graphd/tokens', { app_id: g.world.app.id, person_id: g.world.people[0].id, page_id: g.world.page.id, scopes: 'pages_show_list', expires_in: 'never' });
    expect(page.json.debug_token).toMatchObject({ type: 'PAGE', profile_id: g.world.page.id, expires_at: 0, is_valid: true });
    const botId = (await g.get('/v21.0/debug_token', { input_token: g.world.tokens.systemUser, access_token: g.world.tokens.app })).json.data.user_id;
    const system = await g.control('POST', '/_graphd/tokens', { app_id: g.world.app.id, system_user_id: botId, scopes: ['ads_read'] });
    expect(system.json.debug_token).toMatchObject({ type: 'SYSTEM_USER', user_id: botId, scopes: ['ads_read'], is_valid: true });
    const app = await g.control('POST', '/_graphd/tokens', { app_id: g.world.app.id });
    expect(app.json.access_token.startsWith(`${g.world.app.id}|`)).toBe(true);
    expect(app.json.debug_token).toMatchObject({ type: 'APP', is_valid: true });
  });

  it('refuses a token for an unknown app or person with 400', async () => {
    const g = graph();
    const unknownApp = await g.control('POST', '/_graphd/tokens', { app_id: '111111111111111', person_id: g.world.people[0].id });
    expect(unknownApp.status).toBe(400);
    expect(unknownApp.json.error.message).toContain('app "111111111111111" is neither a key of this document nor the id of an existing app');
    const badExpiry = await g.control('POST', '/_graphd/tokens', { app_id: g.world.app.id, person_id: g.world.people[0].id, expires_in: -5 });
    expect(badExpiry.status).toBe(400);
    expect(badExpiry.json.error.message).toContain('expires_in must be a whole number of at least 0');
  });
});

describeEachStore('Control plane: admin token and settings', (open) => {
  const graph = useGraph(open);

  it('answers 401 in the control envelope without the admin token or with a wrong one; health stays open', async () => {
    const g = graph();
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer wrong' }, { authorization: `Bearer ${g.world.tokens.user}` }];
    for (const headers of attempts) {
      const reply = await g.request('POST', '/_graphd/reset', { headers: { ...headers, 'content-type': 'application/json' }, payload: '{}' });
      expect(reply.status).toBe(401);
      expect(reply.json.error).toMatchObject({ type: 'GraphdControlException', code: 401 });
    }
    expect(await g.store.people.count()).toBe(12);
    expect((await g.request('GET', '/_graphd/health')).json).toMatchObject({ status: 'ok' });
  });

  it('shows the configuration without secrets and every runtime setting; PATCH sets them, checking first', async () => {
    const g = graph();
    const settings = await g.control('GET', '/_graphd/settings');
    expect(settings.status).toBe(200);
    expect(settings.json.config).toMatchObject({ port: expect.any(Number), versions: expect.any(Object) });
    expect(JSON.stringify(settings.json)).not.toContain('graphd_admin_test');
    const names = Object.keys(settings.json.runtime);
    expect(names.length).toBeGreaterThan(0);

    const unknown = await g.control('PATCH', '/_graphd/settings', { no_such_setting: true });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toContain('"no_such_setting" is not a runtime setting');
    const invalid = await g.control('PATCH', '/_graphd/settings', { [names[0]]: 'certainly not valid' });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.message).toContain(`settings.${names[0]}:`);

    const same = await g.control('PATCH', '/_graphd/settings', { [names[0]]: settings.json.runtime[names[0]] });
    expect(same.status).toBe(200);
    expect(same.json.runtime[names[0]]).toEqual(settings.json.runtime[names[0]]);
  });
});
