import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeEachStore } from '../helpers/stores.js';
import { testAdminToken, useGraph } from '../helpers/graph.js';

const exampleWorld = readFileSync(new URL('../../examples/world.yaml', import.meta.url), 'utf8');

describeEachStore('Control plane: world documents', (open) => {
  const graph = useGraph(open);

  const loadYaml = (text: string) =>
    graph().request('POST', '/_graphd/world', { headers: { authorization: `Bearer ${testAdminToken}`, 'content-type': 'application/yaml' }, payload: text });

  it('loads examples/world.yaml and its tokens work against the Graph API', async () => {
    const g = graph();
    const reply = await loadYaml(exampleWorld);
    expect(reply.status).toBe(200);
    const loaded = reply.json;
    expect(Object.keys(loaded.people)).toEqual(['dana', 'marco']);
    expect(loaded.ad_accounts.main).toMatch(/^act_\d+$/);

    const me = await g.get('/v21.0/me', { fields: 'id,name,email', access_token: loaded.tokens.dana });
    expect(me.status).toBe(200);
    expect(me.json).toEqual({ id: loaded.people.dana.app_scoped_ids[loaded.apps.sync.id], name: 'Dana Whitfield', email: 'dana.whitfield@example.com' });

    const account = await g.get(`/v21.0/${loaded.ad_accounts.main}`, { fields: 'id,name', access_token: loaded.tokens.dana });
    expect(account.json).toEqual({ id: loaded.ad_accounts.main, name: 'Trailhead - Main' });

    const appToken = loaded.apps.sync.app_token;
    const debug = await g.get('/v21.0/debug_token', { input_token: loaded.tokens.marco_short, access_token: appToken });
    expect(debug.json.data).toMatchObject({ type: 'USER', is_valid: true, expires_at: g.clock.now + 3600, scopes: ['public_profile'] });
    const bot = await g.get('/v21.0/debug_token', { input_token: loaded.tokens.bot, access_token: appToken });
    expect(bot.json.data).toMatchObject({ type: 'SYSTEM_USER', is_valid: true, user_id: loaded.system_users.sync_bot });
  });

  it('refuses a document with a bad entry and writes nothing of it', async () => {
    const g = graph();
    const before = await g.store.people.count();
    const reply = await g.control('POST', '/_graphd/world', {
      businesses: [{ key: 'b', name: 'Half Loaded Inc.' }],
      people: [{ key: 'ok', first_name: 'Ann', last_name: 'Lee', apps: [g.world.app.id] }],
      tokens: [{ key: 't', app: g.world.app.id, person: 'nobody', scopes: ['email'] }],
    });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatchObject({ type: 'GraphdControlException', code: 400 });
    expect(reply.json.error.message).toBe('tokens[0] (key t) person "nobody" is neither a key of this document nor the id of an existing person');
    expect(await g.store.people.count()).toBe(before);
    const snapshot = await g.control('GET', '/_graphd/snapshot');
    expect(snapshot.json.tables.businesses.map((b: { name: string }) => b.name)).not.toContain('Half Loaded Inc.');
  });

  it('names the entry and field of a shape mistake', async () => {
    const cases: [unknown, string][] = [
      [{ people: [{ key: 'x', first_name: 'A' }] }, 'people[0] (key x) last_name is required'],
      [{ apps: [{ name: 'A', colour: 'red' }] }, 'apps[0] colour is not a known field'],
      [{ people: 'nobody' }, 'the world people must be a list'],
      [{ ad_accounts: [{ name: 'A', roles: { someone: 'OWNER' } }] }, 'ad_accounts[0] roles.someone must be one of ADMIN, ADVERTISER, ANALYST'],
      [{ businesses: [{ key: 'a', name: 'A' }, { key: 'a', name: 'B' }] }, 'businesses: key "a" is given twice'],
      [{ settings: { no_such_setting: 1 } }, 'settings: "no_such_setting" is not a runtime setting'],
      [{ faults: [{ match: { path: '/me' } }] }, 'fault rule'],
    ];
    for (const [document, message] of cases) {
      const reply = await graph().control('POST', '/_graphd/world', document);
      expect(reply.status, JSON.stringify(document)).toBe(400);
      expect(reply.json.error.message).toContain(message);
    }
    const yaml = await loadYaml('people: [unclosed');
    expect(yaml.status).toBe(400);
    expect(yaml.json.error.message).toContain('not valid YAML');
  });

  it('applies settings and fault rules a document carries', async () => {
    const g = graph();
    const settings = await g.control('GET', '/_graphd/settings');
    const name = Object.keys(settings.json.runtime)[0];
    expect(name).toBeDefined();
    const reply = await g.control('POST', '/_graphd/world', {
      settings: { [name]: settings.json.runtime[name] },
      faults: [{ id: 'world-fault', match: { path: '/world_fault_probe' }, error: { code: 2, message: 'from the world file' } }],
    });
    expect(reply.status).toBe(200);
    expect(reply.json.settings).toEqual([name]);
    expect(reply.json.faults).toEqual([{ id: 'world-fault' }]);
    const probe = await g.get('/v21.0/world_fault_probe', { access_token: `${g.world.app.id}|${g.world.app.secret}` });
    expect(probe.json.error).toMatchObject({ code: 2, message: 'from the world file' });
  });

  it('creates entities one at a time, referring to existing ids', async () => {
    const g = graph();
    const business = await g.control('POST', '/_graphd/businesses', { name: 'Solo Co.' });
    expect(business.status).toBe(201);
    const app = await g.control('POST', '/_graphd/apps', { name: 'Solo App', business: business.json.id });
    expect(app.json).toMatchObject({ id: expect.stringMatching(/^\d+$/), secret: expect.any(String) });
    const person = await g.control('POST', '/_graphd/people', { first_name: 'Sol', last_name: 'Oh', email: 'sol@example.com', apps: [app.json.id] });
    expect(Object.keys(person.json.app_scoped_ids)).toEqual([app.json.id]);
    const account = await g.control('POST', '/_graphd/ad_accounts', { name: 'Solo Ads', business: business.json.id, roles: { [person.json.id]: 'ADVERTISER' } });
    expect(account.json.id).toMatch(/^act_\d+$/);
    const page = await g.control('POST', '/_graphd/pages', { name: 'Solo Page', roles: { [person.json.id]: ['MANAGE'] } });
    expect(page.status).toBe(201);
    const bot = await g.control('POST', '/_graphd/system_users', { name: 'Solo Bot', business: business.json.id });
    expect(bot.json.id).toMatch(/^\d+$/);
    expect((await g.store.adAccounts.roleOf(account.json.id.slice(4), person.json.id))?.role).toBe('ADVERTISER');

    const bad = await g.control('POST', '/_graphd/apps', { name: 'Orphan', business: '999999999999999' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain('business "999999999999999" is neither a key of this document nor the id of an existing business');

    const listed = await g.control('GET', '/_graphd/people?limit=1000');
    expect(listed.json.data.map((p: { id: string }) => p.id)).toContain(person.json.id);
  });
});
