import type { FastifyInstance } from 'fastify';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { newCustomerList } from '../helpers/audiences.js';
import { useGraph, type Reply } from '../helpers/graph.js';
import { skipRedis } from '../helpers/redis.js';
import { useAppsOnOneRedis } from '../helpers/redis-apps.js';
import { describeEachStore, testStores } from '../helpers/stores.js';

/** An error no real call of these tests answers with, so a hit is unmistakable. */
const injected = { code: 80003, error_subcode: 2446079, message: 'Injected by a fault rule' };
const isHit = (reply: Reply) => reply.json?.error?.code === 80003 && reply.json.error.error_subcode === 2446079;

describeEachStore('Fault injection', (open) => {
  const graph = useGraph(open);
  let audienceId = '';
  const token = () => graph().world.tokens.user;
  const act = () => `act_${graph().world.adAccount.id}`;
  const addRule = async (rule: object) => {
    const reply = await graph().control('POST', '/_graphd/faults', rule);
    expect(reply.status, reply.body).toBe(200);
    return reply.json.data[0].id as string;
  };
  const me = (path = '/v24.0/me', accessToken = token()) => graph().get(path, { access_token: accessToken });

  beforeAll(async () => {
    audienceId = await newCustomerList(graph(), 'Fault target');
  });
  afterEach(async () => {
    await graph().control('DELETE', '/_graphd/faults');
  });

  it("answers Meta's envelope exactly, with the status, subcode, transient flag and user texts set", async () => {
    await addRule({
      match: { path: '/v*/me' },
      error: { code: 2, message: 'Service temporarily unavailable', is_transient: true, status: 503, error_subcode: 1234, error_user_title: 'Try later', error_user_msg: 'Busy.' },
    });
    const reply = await me();
    expect(reply.status).toBe(503);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(reply.json.error)).toEqual(['message', 'type', 'code', 'error_subcode', 'is_transient', 'error_user_title', 'error_user_msg', 'fbtrace_id']);
    expect(reply.json).toEqual({
      error: {
        message: 'Service temporarily unavailable',
        type: 'OAuthException',
        code: 2,
        error_subcode: 1234,
        is_transient: true,
        error_user_title: 'Try later',
        error_user_msg: 'Busy.',
        fbtrace_id: reply.headers['x-fb-request-id'],
      },
    });
  });

  it('defaults to HTTP 400, OAuthException and is_transient false, and honours another type', async () => {
    await addRule({ match: { path: '/v*/me' }, error: { code: 100, message: '(#100) Injected' } });
    const plain = await me();
    expect(plain.status).toBe(400);
    expect(plain.json.error).toEqual({ message: '(#100) Injected', type: 'OAuthException', code: 100, is_transient: false, fbtrace_id: expect.any(String) });
    await graph().control('DELETE', '/_graphd/faults');
    await addRule({ match: { path: '/v*/me' }, error: { code: 100, message: 'Unsupported get request.', type: 'GraphMethodException' } });
    expect((await me()).json.error.type).toBe('GraphMethodException');
  });

  it('matches the method', async () => {
    await addRule({ match: { method: 'post', path: '/v*/me' }, error: injected });
    expect((await me()).status).toBe(200);
    expect(isHit(await graph().post('/v24.0/me', { access_token: token(), name: 'x' }))).toBe(true);
  });

  it('matches a path glob with or without the version, and a regular expression', async () => {
    await addRule({ match: { path: '/me' }, error: injected });
    expect(isHit(await me('/v24.0/me'))).toBe(true);
    expect(isHit(await me('/me'))).toBe(true);
    expect(isHit(await me('/v24.0/me/permissions'))).toBe(false);
    await graph().control('DELETE', '/_graphd/faults');

    await addRule({ match: { path: '/v*/me/**' }, error: injected });
    expect(isHit(await me('/v24.0/me/permissions'))).toBe(true);
    expect(isHit(await me('/v24.0/me'))).toBe(false);
    await graph().control('DELETE', '/_graphd/faults');

    await addRule({ match: { path: '^/v2[0-3]\\.0/me$' }, error: injected });
    expect(isHit(await me('/v21.0/me'))).toBe(true);
    expect(isHit(await me('/v24.0/me'))).toBe(false);
  });

  it('matches the node type the path reached', async () => {
    await addRule({ match: { node: 'CustomAudience' }, error: injected });
    expect(isHit(await graph().get(`/v24.0/${audienceId}`, { access_token: token(), fields: 'name' }))).toBe(true);
    expect(isHit(await me())).toBe(false);
  });

  it('matches the edge', async () => {
    await addRule({ match: { node: 'AdAccount', edge: 'customaudiences' }, error: injected });
    expect(isHit(await graph().get(`/v24.0/${act()}/customaudiences`, { access_token: token() }))).toBe(true);
    expect(isHit(await graph().get(`/v24.0/${act()}`, { access_token: token() }))).toBe(false);
  });

  it('matches the ad account of an account or an audience, written with or without act_', async () => {
    await addRule({ match: { ad_account_id: act() }, error: injected });
    expect(isHit(await graph().get(`/v24.0/${audienceId}`, { access_token: token() }))).toBe(true);
    expect(isHit(await graph().get(`/v24.0/${act()}/customaudiences`, { access_token: token() }))).toBe(true);
    expect(isHit(await me())).toBe(false);
    await graph().control('DELETE', '/_graphd/faults');
    await addRule({ match: { ad_account_id: '999' + graph().world.adAccount.id }, error: injected });
    expect(isHit(await graph().get(`/v24.0/${audienceId}`, { access_token: token() }))).toBe(false);
  });

  it('matches the app of the token', async () => {
    const { app, otherApp } = graph().world;
    await addRule({ match: { app_id: otherApp.id }, error: injected });
    expect(isHit(await me())).toBe(false);
    await addRule({ match: { app_id: app.id }, error: injected });
    expect(isHit(await me())).toBe(true);
  });

  it('matches the raw access token', async () => {
    const { tokens } = graph().world;
    await addRule({ match: { token: tokens.page }, error: injected });
    expect(isHit(await me('/v24.0/me', tokens.user))).toBe(false);
    expect(isHit(await me('/v24.0/me', tokens.page))).toBe(true);
  });

  it('never fires at probability 0 and always at probability 1', async () => {
    await addRule({ id: 'never', match: { path: '/v*/me' }, probability: 0, error: injected });
    for (let i = 0; i < 20; i++) expect((await me()).status).toBe(200);
    await addRule({ id: 'always', match: { path: '/v*/me' }, probability: 1, error: injected });
    for (let i = 0; i < 10; i++) expect(isHit(await me())).toBe(true);
    const listed = (await graph().control('GET', '/_graphd/faults')).json.data;
    expect(listed.map((rule: { id: string; fired: number }) => [rule.id, rule.fired])).toEqual([['never', 0], ['always', 10]]);
  });

  it('stops after count hits', async () => {
    await addRule({ id: 'twice', match: { path: '/v*/me' }, count: 2, error: injected });
    expect(isHit(await me())).toBe(true);
    expect(isHit(await me())).toBe(true);
    expect((await me()).status).toBe(200);
    expect((await me()).status).toBe(200);
    expect((await graph().control('GET', '/_graphd/faults')).json.data[0]).toMatchObject({ id: 'twice', count: 2, fired: 2 });
    // Adding it again starts the count over.
    await addRule({ id: 'twice', match: { path: '/v*/me' }, count: 1, error: injected });
    expect(isHit(await me())).toBe(true);
    expect((await me()).status).toBe(200);
  });

  it('delays the normal answer by latency_ms, or the error it carries', async () => {
    await addRule({ match: { path: '/v*/me' }, latency_ms: 150 });
    let started = performance.now();
    const slow = await me();
    expect(slow.status).toBe(200);
    expect(slow.json.id).toBeTruthy();
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    await graph().control('DELETE', '/_graphd/faults');

    await addRule({ match: { path: '/v*/me' }, latency_ms: 150, error: injected });
    started = performance.now();
    expect(isHit(await me())).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('matches each operation of a batch on its own; a transport fault leaves its slot null', async () => {
    const batch = JSON.stringify([{ method: 'GET', relative_url: 'me' }, { method: 'GET', relative_url: 'me/permissions' }]);
    const run = async () => (await graph().post('/v24.0/', { access_token: token(), batch })).json;
    await addRule({ id: 'me', match: { path: '/v*/me' }, error: injected });
    const [hit, untouched] = await run();
    expect(hit.code).toBe(400);
    expect(JSON.parse(hit.body).error).toMatchObject({ code: 80003, error_subcode: 2446079 });
    expect(untouched.code).toBe(200);
    await addRule({ id: 'me', match: { path: '/v*/me' }, transport: 'reset' });
    const [broken, fine] = await run();
    expect(broken).toBeNull();
    expect(fine.code).toBe(200);
  });

  it('lists rules in their stored form, removes one by id and clears all', async () => {
    const [first, second] = (
      await graph().control('POST', '/_graphd/faults', {
        rules: [
          { match: { method: 'get', ad_account_id: act() }, error: injected },
          { id: 'page', match: { path: '/v*/me' }, transport: 'html' },
        ],
      })
    ).json.data.map((entry: { id: string }) => entry.id);
    expect(first).toMatch(/^fault_[0-9a-f]{12}$/);
    expect(second).toBe('page');
    const listed = (await graph().control('GET', '/_graphd/faults')).json.data;
    expect(listed).toEqual([
      { id: first, match: { method: 'GET', ad_account_id: graph().world.adAccount.id }, probability: 1, error: { ...injected, type: 'OAuthException', is_transient: false, status: 400 }, fired: 0 },
      { id: 'page', match: { path: '/v*/me' }, probability: 1, transport: 'html', status: 502, fired: 0 },
    ]);

    expect((await graph().control('DELETE', `/_graphd/faults/${first}`)).json).toEqual({ success: true });
    expect((await graph().control('GET', '/_graphd/faults')).json.data.map((rule: { id: string }) => rule.id)).toEqual(['page']);
    const missing = await graph().control('DELETE', `/_graphd/faults/${first}`);
    expect(missing.status).toBe(404);
    expect(missing.json.error.type).toBe('GraphdControlException');

    expect((await graph().control('DELETE', '/_graphd/faults')).json).toEqual({ success: true, removed: 1 });
    expect((await graph().control('GET', '/_graphd/faults')).json.data).toEqual([]);
    expect((await me()).status).toBe(200);
  });

  it('refuses a bad rule with 400 naming the field, and stores none of a list with one bad rule', async () => {
    const cases: [object, RegExp][] = [
      [{ match: { path: '/v*/me' } }, /needs an effect/],
      [{ match: { method: 'PUT' }, error: injected }, /match\.method must be one of GET, POST, DELETE/],
      [{ match: { path: 'me' }, error: injected }, /match\.path must be a glob/],
      [{ match: { path: '^(' }, error: injected }, /match\.path is not a valid regular expression/],
      [{ match: { ad_account_id: 'act_x' }, error: injected }, /match\.ad_account_id must be numeric/],
      [{ match: { colour: 'red' }, error: injected }, /match\.colour is not a field/],
      [{ probability: 2, error: injected }, /probability must be a number from 0 to 1/],
      [{ count: 0, error: injected }, /count must be an integer of at least 1/],
      [{ error: { message: 'no code' } }, /error\.code is required/],
      [{ error: { ...injected, status: 200 } }, /error\.status must be an integer from 400 to 599/],
      [{ error: injected, transport: 'reset' }, /error and transport cannot both be given/],
      [{ transport: 'explode' }, /transport must be one of reset, html, truncated, stall/],
      [{ transport: 'reset', status: 502 }, /status only applies to transport "html"/],
    ];
    for (const [rule, message] of cases) {
      const reply = await graph().control('POST', '/_graphd/faults', rule);
      expect(reply.status, JSON.stringify(rule)).toBe(400);
      expect(reply.json.error.type).toBe('GraphdControlException');
      expect(reply.json.error.message).toMatch(/^fault rule #1: /);
      expect(reply.json.error.message).toMatch(message);
    }
    const list = await graph().control('POST', '/_graphd/faults', { rules: [{ id: 'good', error: injected }, { id: 'bad', count: -1, error: injected }] });
    expect(list.status).toBe(400);
    expect(list.json.error.message).toBe('fault rule "bad": count must be an integer of at least 1');
    expect((await graph().control('GET', '/_graphd/faults')).json.data).toEqual([]);
  });
});

/** Two graphd processes over one store and one Redis, as `--workers 2 --redis` runs them. */
(skipRedis ? describe.skip : describe)('Fault rules shared through Redis', () => {
  const shared = useAppsOnOneRedis(testStores()[0].open);
  const meOn = (app: FastifyInstance) => app.inject({ method: 'GET', url: `/v24.0/me?access_token=${shared().world.tokens.user}` });

  it('a rule added through one process hits calls on the other, and count holds across both', async () => {
    const { apps, control } = shared();
    const [first, second] = apps;
    expect((await meOn(second)).statusCode).toBe(200);
    const added = await control(first, 'POST', '/_graphd/faults', { id: 'thrice', match: { path: '/v*/me' }, count: 3, error: injected });
    expect(added.statusCode).toBe(200);
    // The other process hears of the change on the Redis channel; give it a moment. Its hit is the first of three.
    await vi.waitFor(async () => expect((await meOn(second)).statusCode).toBe(400));
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await meOn(i % 2 === 0 ? first : second)).statusCode);
    expect(answers).toEqual([400, 400, 200, 200, 200, 200]);
    expect((await control(second, 'GET', '/_graphd/faults')).json.data[0]).toMatchObject({ id: 'thrice', fired: 3 });
  });
});
