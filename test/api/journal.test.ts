import { describe, expect, it } from 'vitest';
import { acceptAudienceTos, newCustomerList, sha256 } from '../helpers/audiences.js';
import { useGraph, type Harness } from '../helpers/graph.js';
import { skipRedis } from '../helpers/redis.js';
import { useAppsOnOneRedis } from '../helpers/redis-apps.js';
import { describeEachStore, testStores } from '../helpers/stores.js';

interface Entry {
  id: string;
  time: string;
  fbtrace_id?: string;
  method: string;
  path: string;
  version?: string;
  params: Record<string, any>;
  viewer: Record<string, string | undefined>;
  target?: Record<string, string | undefined>;
  status: number;
  error?: { code: number; subcode?: number; type: string; message: string };
  duration_ms: number;
  batch_index?: number;
}

const journal = async (g: Harness, query: Record<string, string> = {}): Promise<Entry[]> => {
  const qs = new URLSearchParams({ limit: '1000', ...query }).toString();
  const reply = await g.control('GET', `/_graphd/requests?${qs}`);
  expect(reply.status, reply.body).toBe(200);
  return reply.json.data;
};

describeEachStore('Request journal', (open) => {
  const graph = useGraph(open);
  const act = () => `act_${graph().world.adAccount.id}`;

  it('records a call: trace id, method, path, version, params, viewer as the app sees them, target, status, duration', async () => {
    const g = graph();
    await g.control('DELETE', '/_graphd/requests');
    const before = Date.now();
    const me = await g.get('/v24.0/me', { access_token: g.world.tokens.user, fields: 'id,name' });
    expect(me.status).toBe(200);
    const [entry, ...rest] = await journal(g);
    expect(rest).toEqual([]);
    expect(entry).toEqual({
      id: expect.stringMatching(/^\d+$/),
      time: expect.any(String),
      fbtrace_id: me.headers['x-fb-request-id'],
      method: 'GET',
      path: '/v24.0/me',
      version: 'v24.0',
      params: { access_token: '[redacted]', fields: 'id,name' },
      viewer: { kind: 'USER', app_id: g.world.app.id, user_id: me.json.id, token_type: expect.stringMatching(/^(short|long)_lived$/) },
      target: { node_type: 'User', id: 'me' },
      status: 200,
      duration_ms: expect.any(Number),
    });
    expect(Date.parse(entry.time)).toBeGreaterThanOrEqual(before - 1000);
    expect(entry.duration_ms).toBeGreaterThanOrEqual(0);
    // The viewer is the ASID, never graphd's own person id.
    expect(entry.viewer.user_id).not.toBe(g.world.people[0].id);
  });

  it("records the chosen error's code, subcode, type and message, and the ad account a call reached", async () => {
    const g = graph();
    await g.control('DELETE', '/_graphd/requests');
    const bad = await g.get(`/v24.0/${act()}`, { access_token: g.world.tokens.user, fields: 'no_such_field' });
    expect(bad.status).toBe(400);
    const [unknownField] = await journal(g);
    expect(unknownField.status).toBe(400);
    expect(unknownField.error).toEqual({ code: bad.json.error.code, type: bad.json.error.type, message: bad.json.error.message });
    expect(unknownField.target).toEqual({ node_type: 'AdAccount', id: act(), ad_account_id: g.world.adAccount.id });

    const rule = await g.control('POST', '/_graphd/faults', { match: { path: '/v*/me' }, error: { code: 2, error_subcode: 1357, message: 'Journaled fault', status: 503 } });
    expect(rule.status, rule.body).toBe(200);
    try {
      const faulted = await g.get('/v24.0/me', { access_token: g.world.tokens.user });
      expect(faulted.status).toBe(503);
      const [entry] = await journal(g);
      expect(entry.status).toBe(503);
      expect(entry.error).toEqual({ code: 2, subcode: 1357, type: 'OAuthException', message: 'Journaled fault' });
      expect(entry.fbtrace_id).toBe(faulted.json.error.fbtrace_id);
    } finally {
      await g.control('DELETE', '/_graphd/faults');
    }
  });

  it('never keeps a token, a secret, a password or raw uploaded values', async () => {
    const g = graph();
    await g.control('DELETE', '/_graphd/requests');
    const { tokens, app } = g.world;
    const rawEmails = ['journal.secret.person@example.com', 'other.journal.person@example.org'];
    const audienceId = await newCustomerList(g, 'Journal redaction');
    await g.post(`/v24.0/${audienceId}/users`, {
      access_token: tokens.user,
      appsecret_proof: 'f'.repeat(64),
      payload: JSON.stringify({ schema: 'EMAIL', data: rawEmails }),
    });
    await g.request('POST', `/v24.0/${audienceId}/users?access_token=${tokens.user}`, {
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ payload: { schema: ['EMAIL', 'PHONE'], data: [[sha256(rawEmails[0]), '15551234567']] } }),
    });
    await g.get('/v24.0/debug_token', { input_token: tokens.page, access_token: tokens.app });
    await g.get('/v24.0/oauth/access_token', { grant_type: 'fb_exchange_token', client_id: app.id, client_secret: app.secret, fb_exchange_token: tokens.user });
    await g.get('/v24.0/oauth/access_token', { client_id: app.id, client_secret: app.secret, code: 'an-oauth-code-1234', redirect_uri: 'https://example.com/' });
    await g.get('/v24.0/me', {}, { authorization: `OAuth ${tokens.systemUser}` });
    await g.get('/v24.0/me', { access_token: 'EAAB-not-a-real-token-0987' });
    await g.post(`/v24.0/${app.id}/accounts/test-users`, { access_token: tokens.app, installed: 'false', password: 'hunter2-journal' });
    await g.post('/v24.0/', { batch: JSON.stringify([{ method: 'GET', relative_url: `me?access_token=${tokens.page}` }]) }, { access_token: tokens.user });

    const entries = await journal(g);
    const text = JSON.stringify(entries);
    const secrets = [tokens.user, tokens.page, tokens.systemUser, tokens.app, app.secret, 'f'.repeat(64), 'an-oauth-code-1234', 'EAAB-not-a-real-token-0987', 'hunter2-journal', '15551234567', ...rawEmails, sha256(rawEmails[0])];
    for (const secret of secrets) expect(text, `journal holds ${secret}`).not.toContain(secret);

    const uploads = entries.filter((entry) => entry.path === `/v24.0/${audienceId}/users`);
    expect(uploads.map((entry) => entry.params.payload)).toEqual([
      { schema: ['EMAIL', 'PHONE'], rows: 1 },
      { schema: 'EMAIL', rows: 2 },
    ]);
    expect(uploads[1].params).toMatchObject({ access_token: '[redacted]', appsecret_proof: '[redacted]' });
    const exchange = entries.find((entry) => entry.params.grant_type === 'fb_exchange_token')!;
    expect(exchange.params).toMatchObject({ client_id: app.id, client_secret: '[redacted]', fb_exchange_token: '[redacted]' });
    const outerBatch = entries.find((entry) => entry.params.batch !== undefined)!;
    expect(outerBatch.params.batch).toEqual({ operations: 1 });
  });

  it('marks the operations of a batch with their index', async () => {
    const g = graph();
    await acceptAudienceTos(g);
    await g.control('DELETE', '/_graphd/requests');
    const reply = await g.post('/v24.0/', { batch: JSON.stringify([{ method: 'GET', relative_url: 'me?fields=id' }, { method: 'GET', relative_url: `${act()}/customaudiences` }]) }, { access_token: g.world.tokens.user });
    expect(reply.status).toBe(200);
    const entries = await journal(g);
    const inner = entries.filter((entry) => entry.batch_index !== undefined).sort((a, b) => a.batch_index! - b.batch_index!);
    expect(inner.map((entry) => [entry.batch_index, entry.target?.node_type, entry.status])).toEqual([
      [0, 'User', 200],
      [1, 'AdAccount', 200],
    ]);
    expect(entries.filter((entry) => entry.batch_index === undefined)).toHaveLength(1);
  });

  it('filters by app, ad account, path, status and since, newest first, up to limit', async () => {
    const g = graph();
    await g.control('DELETE', '/_graphd/requests');
    const { tokens, otherApp } = g.world;
    await g.get('/v24.0/me', { access_token: tokens.user });
    await g.get(`/v24.0/${act()}/customaudiences`, { access_token: tokens.user });
    await g.get(`/v24.0/${otherApp.id}`, { access_token: `${otherApp.id}|${otherApp.secret}` });
    await g.get('/v24.0/me', { access_token: tokens.user, fields: 'not_a_field' });
    const all = await journal(g);
    expect(all.map((entry) => entry.path)).toEqual(['/v24.0/me', `/v24.0/${otherApp.id}`, `/v24.0/${act()}/customaudiences`, '/v24.0/me']);
    expect(all.map((entry) => Number(entry.id))).toEqual([...all.map((entry) => Number(entry.id))].sort((a, b) => b - a));

    const paths = async (query: Record<string, string>) => (await journal(g, query)).map((entry) => entry.path);
    expect(await paths({ app_id: otherApp.id })).toEqual([`/v24.0/${otherApp.id}`]);
    expect(await paths({ app_id: g.world.app.id })).toEqual(['/v24.0/me', `/v24.0/${act()}/customaudiences`, '/v24.0/me']);
    expect(await paths({ ad_account_id: act() })).toEqual([`/v24.0/${act()}/customaudiences`]);
    expect(await paths({ ad_account_id: g.world.adAccount.id })).toEqual([`/v24.0/${act()}/customaudiences`]);
    expect(await paths({ path: 'customaudiences' })).toEqual([`/v24.0/${act()}/customaudiences`]);
    expect(await paths({ path: '/v*/me' })).toEqual(['/v24.0/me', '/v24.0/me']);
    expect(await paths({ path: '/v24.0/act_*/*' })).toEqual([`/v24.0/${act()}/customaudiences`]);
    expect(await paths({ status: '4xx' })).toEqual(['/v24.0/me']);
    expect(await paths({ status: '400' })).toEqual(['/v24.0/me']);
    expect(await paths({ status: '2xx' })).toHaveLength(3);
    expect(await paths({ status: '5xx' })).toEqual([]);
    expect(await paths({ since: all[2].id })).toEqual(['/v24.0/me', `/v24.0/${otherApp.id}`]);
    expect(await paths({ since: all[0].id })).toEqual([]);
    const sinceSeconds = String(Math.floor(Date.parse(all[3].time) / 1000));
    expect(await paths({ since: sinceSeconds })).toHaveLength(4);
    expect(await paths({ since: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect(await paths({ since: all[3].time })).toHaveLength(4);
    expect(await paths({ limit: '2' })).toEqual(['/v24.0/me', `/v24.0/${otherApp.id}`]);
    expect(await paths({ status: '2xx', app_id: g.world.app.id, path: 'me' })).toEqual(['/v24.0/me']);
  });

  it('answers a control error for a filter it cannot read', async () => {
    const g = graph();
    for (const query of ['status=4yy', 'since=yesterday-ish', 'limit=0', 'limit=abc']) {
      const reply = await g.control('GET', `/_graphd/requests?${query}`);
      expect(reply.status, query).toBe(400);
      expect(reply.json.error.type).toBe('GraphdControlException');
    }
    expect((await g.request('GET', '/_graphd/requests')).status).toBe(401);
  });

  it('DELETE forgets every entry; ids keep growing', async () => {
    const g = graph();
    await g.get('/v24.0/me', { access_token: g.world.tokens.user });
    const [last] = await journal(g);
    expect((await g.control('DELETE', '/_graphd/requests')).json).toEqual({ success: true });
    expect(await journal(g)).toEqual([]);
    await g.get('/v24.0/me', { access_token: g.world.tokens.user });
    const [next] = await journal(g);
    expect(Number(next.id)).toBeGreaterThan(Number(last.id));
  });
});

describe.each(testStores().slice(0, 1))('Request journal retention ($name)', ({ open }) => {
  const bounded = useGraph(open, { journalSize: 3 });
  const off = useGraph(open, { journalSize: 0 });

  it('keeps only the newest journalSize entries', async () => {
    const g = bounded();
    for (const fields of ['id', 'name', 'first_name', 'last_name', 'short_name']) await g.get('/v24.0/me', { access_token: g.world.tokens.user, fields });
    const reply = await g.control('GET', '/_graphd/requests');
    expect(reply.json.data.map((entry: Entry) => entry.params.fields)).toEqual(['short_name', 'last_name', 'first_name']);
    expect(reply.json.summary).toEqual({ retained: 3, capacity: 3 });
  });

  it('journals nothing when journalSize is 0', async () => {
    const g = off();
    await g.get('/v24.0/me', { access_token: g.world.tokens.user });
    const reply = await g.control('GET', '/_graphd/requests');
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ data: [], summary: { retained: 0, capacity: 0 } });
  });
});

(skipRedis ? describe.skip : describe)('Request journal shared through Redis', () => {
  const shared = useAppsOnOneRedis(testStores()[0].open);

  it('two processes write one journal with ids that never repeat, and either reads it', async () => {
    const { apps, world, control } = shared();
    for (const [index, app] of [apps[0], apps[1], apps[0]].entries()) {
      const reply = await app.inject({ method: 'GET', url: `/v24.0/me?fields=id&access_token=${world.tokens.user}&call=${index}` });
      expect(reply.statusCode).toBe(200);
    }
    // Writes happen after the answer and a read waits only for its own process's: read through
    // the first app to let its writes land, then through the second.
    await control(apps[0], 'GET', '/_graphd/requests');
    const entries: Entry[] = (await control(apps[1], 'GET', '/_graphd/requests')).json.data;
    expect(entries.map((entry) => entry.params.call).sort()).toEqual(['0', '1', '2']);
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(3);
    expect(JSON.stringify(entries)).not.toContain(world.tokens.user);
  });
});
