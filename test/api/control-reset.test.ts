import { expect, it } from 'vitest';
import { newCustomerList } from '../helpers/audiences.js';
import { describeEachStore } from '../helpers/stores.js';
import { useGraph, type Harness } from '../helpers/graph.js';

const rowsOf = async (g: Harness, table: string): Promise<Record<string, unknown>[]> => (await g.control('GET', '/_graphd/snapshot')).json.tables[table];

// In this order: each reset takes away what the next test would otherwise lean on.
describeEachStore('Control plane: reset', (open) => {
  const graph = useGraph(open);

  it('resets one ad account: its audiences and ToS go, its people and roles stay', async () => {
    const g = graph();
    const audience = await newCustomerList(g, 'To be reset');
    const act = `act_${g.world.adAccount.id}`;
    const reply = await g.control('POST', '/_graphd/reset', { ad_account_id: act });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ reset: 'ad_account', ad_account_id: act, custom_audiences: 1, shares: 0, terms_accepted: 1 });
    const read = await g.get(`/v21.0/${audience}`, { fields: 'id', access_token: g.world.tokens.user });
    expect(read.status).toBe(400);
    expect(await rowsOf(g, 'custom_audience_tos')).toEqual([]);
    expect(await g.store.adAccounts.roleOf(g.world.adAccount.id, g.world.people[0].id)).toMatchObject({ role: 'ADMIN' });
  });

  it('resets one app: its tokens, app-scoped users and test users go; the app and other apps stay', async () => {
    const g = graph();
    const person = g.world.people[1];
    const minted = await g.control('POST', '/_graphd/tokens', { app_id: g.world.app.id, person_id: person.id, scopes: ['email'], expires_in: 600 });
    expect((await g.get('/v21.0/me', { access_token: minted.json.access_token })).status).toBe(200);
    const appToken = `${g.world.app.id}|${g.world.app.secret}`;
    const testUser = await g.post(`/v21.0/${g.world.app.id}/accounts/test-users`, { installed: 'false', access_token: appToken });
    expect(testUser.status).toBe(200);
    const otherAsid = (await g.store.apps.findScopedUser(g.world.otherApp.id, g.world.people[0].id))?.asid;
    expect(otherAsid).toBeDefined();

    const reply = await g.control('POST', '/_graphd/reset', { app_id: g.world.app.id });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ reset: 'app', app_id: g.world.app.id, test_users: 1 });
    expect(reply.json.tokens).toBeGreaterThanOrEqual(3);
    expect(reply.json.app_scoped_users).toBeGreaterThan(0);

    const me = await g.get('/v21.0/me', { access_token: minted.json.access_token });
    expect(me.json.error).toMatchObject({ code: 190 });
    expect(await g.store.apps.findScopedUser(g.world.app.id, person.id)).toBeUndefined();
    expect(await g.store.apps.grants(g.world.app.id, person.id)).toEqual([]);
    const listed = await g.get(`/v21.0/${g.world.app.id}/accounts/test-users`, { access_token: appToken });
    expect(listed.json.data).toEqual([]);
    expect(await g.store.apps.get(g.world.app.id)).toBeDefined();
    expect((await g.store.apps.findScopedUser(g.world.otherApp.id, g.world.people[0].id))?.asid).toBe(otherAsid);
  });

  it('answers 404 for an app or ad account that does not exist, 400 for both at once', async () => {
    const g = graph();
    expect((await g.control('POST', '/_graphd/reset', { app_id: '123456789012345' })).status).toBe(404);
    expect((await g.control('POST', '/_graphd/reset', { ad_account_id: 'act_123456789012345' })).status).toBe(404);
    const both = await g.control('POST', '/_graphd/reset', { app_id: g.world.app.id, ad_account_id: g.world.adAccount.id });
    expect(both.status).toBe(400);
    expect(both.json.error.type).toBe('GraphdControlException');
  });

  it('resets everything: an empty world and cleared shared state, the admin token still valid', async () => {
    const g = graph();
    await g.control('POST', '/_graphd/faults', { id: 'to-be-cleared', match: { path: '/nowhere' }, error: { code: 2, message: 'never seen' } });
    expect(JSON.stringify((await g.control('GET', '/_graphd/faults')).json)).toContain('to-be-cleared');
    const reply = await g.control('POST', '/_graphd/reset', {});
    expect(reply.json).toEqual({ reset: 'everything' });
    expect(await g.store.people.count()).toBe(0);
    const tables = (await g.control('GET', '/_graphd/snapshot')).json.tables as Record<string, unknown[]>;
    for (const [table, rows] of Object.entries(tables)) expect(rows, table).toEqual([]);
    expect(await g.store.settings.get('install_salt')).toBeDefined();
    const faults = await g.control('GET', '/_graphd/faults');
    expect(JSON.stringify(faults.json)).not.toContain('to-be-cleared');
  });

  it('resets everything and seeds the demo world again with {demo: true}', async () => {
    const g = graph();
    const reply = await g.control('POST', '/_graphd/reset', { demo: true });
    expect(reply.status).toBe(200);
    expect(reply.json.demo).toMatchObject({ userToken: expect.stringMatching(/^EAA/), adAccountId: expect.stringMatching(/^act_\d+$/) });
    const me = await g.get('/v21.0/me', { fields: 'name', access_token: reply.json.demo.userToken });
    expect(me.status).toBe(200);
    expect(await g.store.people.count()).toBe(50);
  });
});
