/**
 * Meta's official Node SDK (facebook-nodejs-business-sdk), unchanged, against graphd on a
 * real loopback port, through test/helpers/sdk.ts: the SDK builds every URL from the static
 * getter FacebookAdsApi.GRAPH (and GRAPH_VIDEO for video uploads), which the helper redefines
 * to graphd's origin and puts back afterwards (graph-protocol.md §1).
 */
import { describe, expect, it } from 'vitest';
import { FacebookAdsApi, initSdkApi, overridden, rejection, sdkExports, useLiveGraph, type SdkApi, type SdkCursor, type SdkNodeClass, type SdkObject } from '../helpers/sdk.js';
import { describeEachStore } from '../helpers/stores.js';

/** The slice of the SDK this file uses beyond the shared one. */
interface SdkUser extends SdkObject {
  getPermissions(fields: string[], params?: Record<string, unknown>): Promise<SdkCursor>;
  getIdsForApps(fields: string[], params?: Record<string, unknown>): Promise<SdkCursor>;
}

const { User } = sdkExports<{ User: SdkNodeClass<SdkUser> }>();

describe('facebook-nodejs-business-sdk', () => {
  it('is the version these tests were written against, with the base URLs as static getters', () => {
    expect(FacebookAdsApi.SDK_VERSION).toBe('24.0.0');
    expect(FacebookAdsApi.VERSION).toBe('v24.0');
    for (const key of overridden) expect(Object.getOwnPropertyDescriptor(FacebookAdsApi, key)).toMatchObject({ configurable: true, get: expect.any(Function) });
  });
});

describeEachStore('facebook-nodejs-business-sdk against graphd', (open) => {
  const graph = useLiveGraph(open);

  it('reads /me with fields through User.read()', async () => {
    const g = graph();
    initSdkApi(g.world.tokens.user);
    const developer = g.world.people[0];
    const me = await new User('me').read(['id', 'name', 'email']);
    expect(me._data).toMatchObject({ name: expect.stringContaining(developer.first_name), email: developer.email });
    expect(me.id).toMatch(/^\d{15,17}$/);
    const asid = (await g.store.apps.scopedUser(g.world.app.id, developer.id)).asid;
    expect(me.id).toBe(asid);

    const last = g.seen.at(-1)!;
    expect(last.method).toBe('GET');
    expect(last.url).toMatch(/^\/v24\.0\/me\?fields=id%2Cname%2Cemail&access_token=/);
    expect(last.userAgent).toBe('fbbizsdk-nodejs-v24.0.0');
    // axios sends every GET with a JSON body "{}"; graphd has to take it in its stride.
    expect(last.contentType).toBe('application/json');
  });

  it('answers api.call() with the raw JSON object', async () => {
    const g = graph();
    const api = initSdkApi(g.world.tokens.user);
    const body = await api.call('GET', ['me'], { fields: 'id,first_name' });
    expect(Object.keys(body)).toEqual(['id', 'first_name']);
    expect(body.first_name).toBe(g.world.people[0].first_name);
  });

  it('reads another app user by id with the app token', async () => {
    const g = graph();
    const other = g.world.people[1];
    const asid = (await g.store.apps.scopedUser(g.world.app.id, other.id)).asid;
    const appApi = new FacebookAdsApi(g.world.tokens.app, 'en_US', false);
    const user = await new User(asid, {}, undefined, appApi).read(['id', 'first_name', 'last_name', 'email']);
    expect(user._data).toEqual({ id: asid, first_name: other.first_name, last_name: other.last_name, email: other.email });

    // Through the developer's user token the same person shows only public_profile fields.
    initSdkApi(g.world.tokens.user);
    const seenByDeveloper = await new User(asid).read(['id', 'name', 'email']);
    expect(seenByDeveloper._data).toMatchObject({ id: asid, name: expect.stringContaining(other.first_name) });
    expect(seenByDeveloper._data.email).toBeUndefined();
  });

  it('rejects a bad token with a FacebookRequestError carrying code 190', async () => {
    initSdkApi('EAAnotarealtoken');
    const error = await rejection(new User('me').read(['id', 'name']));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('FacebookRequestError');
    expect(error.status).toBe(400);
    expect(error.response).toMatchObject({ code: 190, type: 'OAuthException', fbtrace_id: expect.any(String) });
    expect(error.message).toBe(error.response!.message);
    expect(error.message).toMatch(/^Invalid OAuth access token/);
    expect(error.headers!['www-authenticate']).toMatch(/invalid_token/);
    expect(error.method).toBe('GET');
    expect(error.url).toMatch(/\/v24\.0\/me\?/);
  });

  it('reports an unknown field as code 100 through the SDK', async () => {
    const g = graph();
    initSdkApi(g.world.tokens.user);
    const error = await rejection(new User('me').read(['id', 'foo']));
    expect(error.name).toBe('FacebookRequestError');
    expect(error.response).toMatchObject({ code: 100, message: '(#100) Tried accessing nonexisting field (foo) on node type (User)' });
  });

  it('pages /me/permissions with the Cursor, following next', async () => {
    const g = graph();
    initSdkApi(g.world.tokens.user);
    const all = (await new User('me').getPermissions(['permission', 'status'], { limit: 100 })).map((p) => p._data);
    expect(all.length).toBeGreaterThan(2);

    const cursor = await new User('me').getPermissions(['permission', 'status'], { limit: 2 });
    const collected = cursor.map((p) => p._data);
    expect(cursor.length).toBe(2);
    let pages = 1;
    while (cursor.hasNext()) {
      await cursor.next();
      collected.push(...cursor.map((p) => p._data));
      pages++;
      expect(pages).toBeLessThanOrEqual(all.length);
    }
    expect(collected).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 2));
    for (const p of collected) expect(p).toEqual({ permission: expect.any(String), status: 'granted' });
  });

  it("answers the crash reporter's app id lookup (debug_token with fields=app_id)", async () => {
    const g = graph();
    const api = initSdkApi(g.world.tokens.user) as SdkApi & { getAppID(): Promise<{ data: { data: { app_id: string } } }> };
    const answer = await api.getAppID();
    expect(answer.data).toEqual({ data: { app_id: g.world.app.id } });
  });

  // The crash reporter posts with Http.request() directly, so no access_token rides along;
  // graph-protocol.md §8.4: answer {"success":true} so the SDK never calls the real host.
  it('takes a crash report posted exactly as the crash reporter posts it (no token)', async () => {
    const g = graph();
    const api = initSdkApi(g.world.tokens.user);
    const report = { bizsdk_crash_report: { reason: 'TypeError', callstack: ['TypeError: boom', '    at facebook-nodejs-business-sdk/dist/cjs.js:1:1'], platform: process.version } };
    // A string path is sent verbatim (no token added), as CrashReporter's Http.request() does.
    const body = await api.call('POST', [g.origin, 'v24.0', g.world.app.id, 'instruments'].join('/'), report);
    expect(body).toEqual({ success: true });
  });

  it('takes a crash report posted with a token through api.call()', async () => {
    const g = graph();
    const api = initSdkApi(g.world.tokens.user);
    const report = { bizsdk_crash_report: { reason: 'TypeError', callstack: ['TypeError: boom'], platform: process.version } };
    expect(await api.call('POST', [g.world.app.id, 'instruments'], report)).toEqual({ success: true });
  });

  it('lists /me/ids_for_apps through the Cursor', async () => {
    const g = graph();
    initSdkApi(g.world.tokens.user);
    const developer = g.world.people[0];
    const cursor = await new User('me').getIdsForApps(['id', 'app']);
    const expected = [
      (await g.store.apps.scopedUser(g.world.app.id, developer.id)).asid,
      (await g.store.apps.scopedUser(g.world.otherApp.id, developer.id)).asid,
    ].sort();
    expect(cursor.map((entry) => entry.id).sort()).toEqual(expected);
    expect(cursor.hasNext()).toBe(false);
  });
});
