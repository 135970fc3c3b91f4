/**
 * Meta's rate limits through the HTTP API, with tiny budgets set in the `rate_limits` runtime
 * setting: the budget+1-th call answers the exact error, status and usage headers; windows end
 * when the server clock moves into the next one; the control plane shows and empties them.
 */
import { beforeEach, expect, it } from 'vitest';
import { rateLimitDocument } from '../../src/limits/rate-limits/settings.js';
import type { Budgets } from '../../src/limits/rate-limits/budgets.js';
import { MemoryState } from '../../src/state/memory-state.js';
import { newCustomerList } from '../helpers/audiences.js';
import { startTime, useGraph, type Harness, type Reply } from '../helpers/graph.js';
import { describeEachStore } from '../helpers/stores.js';

/** Time never throttles in these tests unless one asks it to: a minute per call. */
const slowCalls = { call_time_ms: 60_000 };
const hour = 3600;

describeEachStore('Rate limits', (open) => {
  let state: MemoryState;
  // The shared state's counters expire on the server's clock, which the tests move.
  const graph = useGraph(open, {}, { state: () => (state = new MemoryState(() => graph().clock.now * 1000)) });
  const setBudgets = (budgets: Partial<Budgets>, more: Record<string, unknown> = {}) => rateLimitDocument(state, 'standard').set({ budgets: { ...slowCalls, ...budgets }, ...more });
  const act = () => `act_${graph().world.adAccount.id}`;
  const me = (g: Harness) => g.get('/v21.0/me', { fields: 'id,name', access_token: g.world.tokens.user });

  beforeEach(async () => {
    const g = graph();
    g.clock.now = startTime;
    expect((await g.control('DELETE', '/_graphd/rate-limits')).json).toEqual({ success: true });
  });

  it('counts user-token calls in X-App-Usage and answers (#17) past the user budget, until the hour ends', async () => {
    const g = graph();
    await setBudgets({ app_calls: 100, user_calls: 3 });
    const first = await me(g);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.headers['x-app-usage'] as string)).toEqual({ call_count: 1, total_cputime: 0, total_time: 0 });
    await me(g);
    expect((await me(g)).status).toBe(200);

    const refused = await me(g);
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({ message: '(#17) User request limit reached', type: 'OAuthException', code: 17, is_transient: true });
    expect(refused.json.error.error_subcode).toBeUndefined();
    expect(JSON.parse(refused.headers['x-app-usage'] as string).call_count).toBe(4);
    expect(refused.headers['x-business-use-case-usage']).toBeUndefined();

    g.clock.now = startTime + hour - 1;
    expect((await me(g)).status).toBe(403);
    g.clock.now = startTime + hour;
    const again = await me(g);
    expect(again.status).toBe(200);
    expect(JSON.parse(again.headers['x-app-usage'] as string).call_count).toBe(1);
  });

  it('answers (#4) when the app budget is spent, for every token of the app', async () => {
    const g = graph();
    await setBudgets({ app_calls: 2 });
    const app = (token: string) => g.get(`/v21.0/${g.world.app.id}`, { fields: 'id,name', access_token: token });
    expect((await app(g.world.tokens.app)).status).toBe(200);
    expect((await me(g)).status).toBe(200);
    for (const token of [g.world.tokens.app, g.world.tokens.user]) {
      const refused = await app(token);
      expect(refused.status).toBe(403);
      expect(refused.json.error).toMatchObject({ message: '(#4) Application request limit reached', code: 4, is_transient: true });
    }
  });

  it('answers (#32) when a page budget is spent, and page-token calls carry no X-App-Usage', async () => {
    const g = graph();
    await setBudgets({ page_calls: 1 });
    const page = () => g.get(`/v21.0/${g.world.page.id}`, { fields: 'id,name', access_token: g.world.tokens.page });
    const ok = await page();
    expect(ok.status).toBe(200);
    expect(ok.headers['x-app-usage']).toBeUndefined();
    const refused = await page();
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({ message: '(#32) Page request limit reached', code: 32 });
  });

  it('budgets custom-audience calls per ad account as base + 40 x active audiences and answers 80003/2446079 past it', async () => {
    const g = graph();
    await setBudgets({});
    await newCustomerList(g, 'Counted');
    const active = await g.store.audiences.count(g.world.adAccount.id);
    expect(active).toBeGreaterThan(0);
    // The next hour: fresh windows, and the cached audience count (a minute old) is read again.
    const t0 = startTime + hour;
    g.clock.now = t0;
    await setBudgets({ custom_audience_calls: 2, per_active_audience: 1 });
    const budget = 2 + active;
    expect((await g.control('GET', `/_graphd/rate-limits?ad_account_id=${act()}`)).json.ad_account.custom_audience).toMatchObject({ calls: 0, budget, throttled: false });
    const list = () => g.get(`/v21.0/${act()}/customaudiences`, { access_token: g.world.tokens.user });
    let last: Reply | undefined;
    for (let call = 1; call <= budget; call++) {
      last = await list();
      expect(last.status, `call ${call}`).toBe(200);
    }
    const usage = JSON.parse(last!.headers['x-business-use-case-usage'] as string);
    expect(usage).toEqual({
      [g.world.adAccount.id]: [{ type: 'custom_audience', call_count: 100, total_cputime: 0, total_time: 0, estimated_time_to_regain_access: 0 }],
    });
    expect(JSON.parse(last!.headers['x-ad-account-usage'] as string)).toEqual({ acc_id_util_pct: 100, reset_time_duration: hour, ads_api_access_tier: 'standard_access' });

    g.clock.now = t0 + 30 * 60 + 1;
    const refused = await list();
    expect(refused.status).toBe(400);
    expect(refused.json.error).toEqual({
      message:
        '(#80003) There have been too many calls to this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#custom-audience.',
      type: 'OAuthException',
      code: 80003,
      error_subcode: 2446079,
      is_transient: true,
      fbtrace_id: expect.any(String),
    });
    const entry = JSON.parse(refused.headers['x-business-use-case-usage'] as string)[g.world.adAccount.id][0];
    expect(entry).toMatchObject({ type: 'custom_audience', call_count: Math.floor(((budget + 1) * 100) / budget), estimated_time_to_regain_access: 30 });
    expect(JSON.parse(refused.headers['x-ad-account-usage'] as string).reset_time_duration).toBe(30 * 60 - 1);

    // A CustomAudience node counts against the same budget.
    const audienceId = (await g.store.audiences.list(g.world.adAccount.id, { limit: 1 })).rows[0].id;
    expect((await g.get(`/v21.0/${audienceId}`, { access_token: g.world.tokens.user })).json.error.code).toBe(80003);
    // Other use cases and platform calls are not refused.
    expect((await g.get(`/v21.0/${act()}`, { fields: 'name', access_token: g.world.tokens.user })).status).toBe(200);
    expect((await me(g)).status).toBe(200);

    g.clock.now = t0 + hour;
    expect((await list()).status).toBe(200);
  });

  it('adds 40 x each new audience to the budget once the cached count is a minute old, never above the cap', async () => {
    const g = graph();
    await setBudgets({ custom_audience_calls: 10, per_active_audience: 40, custom_audience_cap: 700_000 });
    const before = await g.store.audiences.count(g.world.adAccount.id);
    const listed = async () => JSON.parse((await g.get(`/v21.0/${act()}/customaudiences`, { access_token: g.world.tokens.user })).headers['x-business-use-case-usage'] as string)[g.world.adAccount.id][0].call_count;
    await g.get(`/v21.0/${act()}/customaudiences`, { access_token: g.world.tokens.user });
    await newCustomerList(g, 'One more');
    await g.control('DELETE', '/_graphd/rate-limits');
    // Within the minute the cached count stands: no query per call.
    expect(await listed()).toBe(Math.floor(100 / (10 + 40 * before)));
    g.clock.now += 61;
    await g.control('DELETE', '/_graphd/rate-limits');
    const after = before + 1;
    expect(await g.store.audiences.count(g.world.adAccount.id)).toBe(after);
    expect(await listed()).toBe(Math.floor(100 / (10 + 40 * after)));
    const report = await g.control('GET', `/_graphd/rate-limits?ad_account_id=${g.world.adAccount.id}`);
    expect(report.json.ad_account.custom_audience.budget).toBe(10 + 40 * after);

    await setBudgets({ custom_audience_calls: 10, per_active_audience: 40, custom_audience_cap: 12 });
    expect((await g.control('GET', `/_graphd/rate-limits?ad_account_id=${g.world.adAccount.id}`)).json.ad_account.custom_audience.budget).toBe(12);
  });

  it('answers 80004/2446079 past the ads_management budget, with the tier in the entry', async () => {
    const g = graph();
    await setBudgets({ ads_management_calls: 1 }, { tier: 'development' });
    const account = () => g.get(`/v21.0/${act()}`, { fields: 'name', access_token: g.world.tokens.user });
    const ok = await account();
    expect(JSON.parse(ok.headers['x-business-use-case-usage'] as string)[g.world.adAccount.id]).toEqual([
      { type: 'ads_management', call_count: 100, total_cputime: 0, total_time: 0, estimated_time_to_regain_access: 0, ads_api_access_tier: 'development_access' },
    ]);
    const refused = await account();
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({
      message:
        '(#80004) There have been too many calls to this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#ads-management.',
      code: 80004,
      error_subcode: 2446079,
      is_transient: true,
    });
    expect(JSON.parse(refused.headers['x-ad-account-usage'] as string)).toMatchObject({ ads_api_access_tier: 'development_access' });
  });

  it('counts each id of ids= as its own call and lists every ad account it touched', async () => {
    const g = graph();
    await setBudgets({ ads_management_calls: 3, custom_audience_calls: 1000 });
    const audienceId = (await g.store.audiences.list(g.world.adAccount.id, { limit: 1 })).rows[0]?.id ?? (await newCustomerList(g, 'For ids'));
    await g.control('DELETE', '/_graphd/rate-limits');
    const reply = await g.get('/v21.0/', { ids: `${act()},${audienceId}`, fields: 'id', access_token: g.world.tokens.user });
    expect(reply.status).toBe(200);
    const entries = JSON.parse(reply.headers['x-business-use-case-usage'] as string)[g.world.adAccount.id];
    expect(entries.map((entry: { type: string }) => entry.type)).toEqual(['ads_management', 'custom_audience']);
    expect(entries[0].call_count).toBe(33);
    expect((await g.get('/v21.0/', { ids: `${act()},${act()}`, fields: 'id', access_token: g.world.tokens.user })).status).toBe(200);
    const refused = await g.get(`/v21.0/${act()}`, { fields: 'id', access_token: g.world.tokens.user });
    expect(refused.json.error?.code).toBe(80004);
  });

  it('enforces the ad-account score when set: a read costs 1 point, a write 3, then 613/1487742', async () => {
    const g = graph();
    await setBudgets({ ad_account_points: 4, ad_account_window_seconds: 300 });
    const read = () => g.get(`/v21.0/${act()}`, { fields: 'name', access_token: g.world.tokens.user });
    expect((await read()).status).toBe(200);
    const write = await g.post(`/v21.0/${act()}/customaudiencestos`, { tos_id: '215449065224656', access_token: g.world.tokens.user });
    expect(write.status).toBe(200);
    expect(JSON.parse(write.headers['x-ad-account-usage'] as string)).toEqual({ acc_id_util_pct: 100, reset_time_duration: 300, ads_api_access_tier: 'standard_access' });
    const refused = await read();
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({ message: '(#613) Calls to this api have exceeded the rate limit.', code: 613, error_subcode: 1487742, is_transient: true });
    g.clock.now = startTime + 300;
    expect((await read()).status).toBe(200);
  });

  it('takes budgets through PATCH /_graphd/settings and refuses a bad rate_limits value there', async () => {
    const g = graph();
    const patched = await g.control('PATCH', '/_graphd/settings', { rate_limits: { tier: 'development', budgets: { user_calls: 1, call_time_ms: 60_000 } } });
    expect(patched.status).toBe(200);
    expect(patched.json.runtime.rate_limits).toEqual({ enabled: true, tier: 'development', budgets: { user_calls: 1, call_time_ms: 60_000 } });
    expect((await me(g)).status).toBe(200);
    expect((await me(g)).json.error.code).toBe(17);

    const bad = await g.control('PATCH', '/_graphd/settings', { rate_limits: { budgets: { user_calls: -1 } } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toBe('settings.rate_limits: rate_limits.budgets.user_calls must be a whole number of at least 0');
  });

  it('counts nothing and sends no usage headers when disabled', async () => {
    const g = graph();
    await setBudgets({ user_calls: 1, custom_audience_calls: 1 }, { enabled: false });
    for (let call = 0; call < 3; call++) {
      const reply = await me(g);
      expect(reply.status).toBe(200);
      expect(reply.headers['x-app-usage']).toBeUndefined();
      const listed = await g.get(`/v21.0/${act()}/customaudiences`, { access_token: g.world.tokens.user });
      expect(listed.status).toBe(200);
      expect(listed.headers['x-business-use-case-usage']).toBeUndefined();
    }
    const report = await g.control('GET', `/_graphd/rate-limits?app_id=${g.world.app.id}`);
    expect(report.json).toMatchObject({ enabled: false, app: { calls: 0 } });
  });

  it('shows the windows of an app, page or ad account, empties them on DELETE and refuses bad ids', async () => {
    const g = graph();
    await setBudgets({ app_calls: 10 });
    await me(g);
    await me(g);
    const report = await g.control('GET', `/_graphd/rate-limits?app_id=${g.world.app.id}&page_id=${g.world.page.id}`);
    expect(report.status).toBe(200);
    expect(report.json).toMatchObject({
      enabled: true,
      tier: 'standard',
      budgets: { app_calls: 10, window_seconds: hour, custom_audience_calls: 190_000 },
      app: { id: g.world.app.id, calls: 2, budget: 10, throttled: false, reset_time_duration: hour },
      page: { id: g.world.page.id, calls: 0 },
    });
    expect(report.json.app.time_ms).toBeGreaterThanOrEqual(0);
    expect(report.json.ad_account).toBeUndefined();

    expect((await g.control('DELETE', '/_graphd/rate-limits')).json).toEqual({ success: true });
    expect((await g.control('GET', `/_graphd/rate-limits?app_id=${g.world.app.id}`)).json.app.calls).toBe(0);

    const bad = await g.control('GET', '/_graphd/rate-limits?app_id=act_1');
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ type: 'GraphdControlException', message: 'app_id must be a numeric id.' });
    expect((await g.request('DELETE', '/_graphd/rate-limits')).status).toBe(401);
  });
});

describeEachStore('Rate limits off (--rate-limits off)', (open) => {
  const graph = useGraph(open, { rateLimits: 'off' });

  it('starts disabled: no counting, no usage headers', async () => {
    const g = graph();
    const reply = await g.get('/v21.0/me', { access_token: g.world.tokens.user });
    expect(reply.status).toBe(200);
    expect(reply.headers['x-app-usage']).toBeUndefined();
    expect((await g.control('GET', '/_graphd/rate-limits')).json).toMatchObject({ enabled: false, tier: 'standard' });
  });
});
