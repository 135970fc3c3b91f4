/**
 * Meta's official Node SDK (facebook-nodejs-business-sdk), unchanged, against graphd on a
 * real loopback port. The SDK builds every URL from the static getter FacebookAdsApi.GRAPH
 * (and GRAPH_VIDEO for video uploads), so the test redefines those getters to graphd's origin
 * and puts the originals back afterwards (graph-protocol.md §1).
 */
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { compileGraphSchema } from '../../src/schema/table.js';
import { buildApp } from '../../src/server/app.js';
import type { Store } from '../../src/store/types.js';
import { seedDemoWorld, type DemoWorld } from '../../src/world/demo-world.js';
import { startTime } from '../helpers/graph.js';
import { describeEachStore } from '../helpers/stores.js';

/** The slice of the SDK this file uses (the package ships no type declarations). */
interface SdkObject {
  id: string;
  _data: Record<string, unknown>;
  read(fields: string[], params?: Record<string, unknown>): Promise<SdkObject>;
}
interface SdkCursor extends Array<SdkObject> {
  paging?: { cursors?: { before: string; after: string }; next?: string; previous?: string };
  summary?: { total_count?: number };
  hasNext(): boolean;
  next(): Promise<SdkCursor>;
}
interface SdkUser extends SdkObject {
  getPermissions(fields: string[], params?: Record<string, unknown>): Promise<SdkCursor>;
  getIdsForApps(fields: string[], params?: Record<string, unknown>): Promise<SdkCursor>;
}
interface SdkApi {
  call(method: string, path: string[] | string, params?: Record<string, unknown>): Promise<any>;
  setDebug(flag: boolean): SdkApi;
}
interface FacebookRequestError extends Error {
  status: number | null;
  response: { message: string; type: string; code: number; error_subcode?: number; fbtrace_id: string } | null;
  headers: Record<string, string> | null;
  method: string;
  url: string;
}
interface Sdk {
  FacebookAdsApi: { new (token: string, locale?: string, crashLog?: boolean): SdkApi; init(token: string, locale?: string, crashLog?: boolean): SdkApi; VERSION: string; SDK_VERSION: string };
  User: new (id: string, data?: Record<string, unknown>, parentId?: string, api?: SdkApi) => SdkUser;
}

const sdk = createRequire(import.meta.url)('facebook-nodejs-business-sdk') as Sdk;
// FacebookRequestError is not among the package's exports: it is known by its name.
const { FacebookAdsApi, User } = sdk;

interface Seen {
  method: string;
  url: string;
  userAgent?: string;
  contentType?: string;
}

interface Live {
  app: FastifyInstance;
  store: Store;
  world: DemoWorld;
  origin: string;
  seen: Seen[];
}

const overridden = ['GRAPH', 'GRAPH_VIDEO'] as const;

/** graphd on 127.0.0.1:<free port>, with the SDK's base URLs pointed at it for the describe block. */
function useLiveGraph(open: () => Promise<Store>): () => Live {
  let live: Live | undefined;
  const originals = new Map<string, PropertyDescriptor>();
  beforeAll(async () => {
    const store = await open();
    const world = await seedDemoWorld(store, { now: startTime, people: 12, seed: 7 });
    const app = await buildApp({ config: defaultConfig, store, schema: compileGraphSchema(), clock: () => startTime });
    const seen: Seen[] = [];
    app.addHook('onRequest', async (request) => {
      seen.push({ method: request.method, url: request.url, userAgent: request.headers['user-agent'], contentType: request.headers['content-type'] });
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('graphd did not listen on a TCP port');
    const origin = `http://127.0.0.1:${address.port}`;
    for (const key of overridden) {
      originals.set(key, Object.getOwnPropertyDescriptor(FacebookAdsApi, key)!);
      Object.defineProperty(FacebookAdsApi, key, { get: () => origin, configurable: true });
    }
    live = { app, store, world, origin, seen };
  });
  afterAll(async () => {
    for (const [key, descriptor] of originals) Object.defineProperty(FacebookAdsApi, key, descriptor);
    await live?.app.close();
    await live?.store.close();
  });
  return () => {
    if (!live) throw new Error('useLiveGraph(): only inside a test');
    return live;
  };
}

/** A default API without the crash reporter (it would hook process 'uncaughtException') and without debug output. */
function sdkApi(token: string): SdkApi {
  return FacebookAdsApi.init(token, 'en_US', false).setDebug(false);
}

async function rejection(promise: Promise<unknown>): Promise<FacebookRequestError> {
  try {
    await promise;
  } catch (error) {
    return error as FacebookRequestError;
  }
  throw new Error('expected the SDK call to fail');
}

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
    sdkApi(g.world.tokens.user);
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
    const api = sdkApi(g.world.tokens.user);
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
    sdkApi(g.world.tokens.user);
    const seenByDeveloper = await new User(asid).read(['id', 'name', 'email']);
    expect(seenByDeveloper._data).toMatchObject({ id: asid, name: expect.stringContaining(other.first_name) });
    expect(seenByDeveloper._data.email).toBeUndefined();
  });

  it('rejects a bad token with a FacebookRequestError carrying code 190', async () => {
    sdkApi('EAAnotarealtoken');
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
    sdkApi(g.world.tokens.user);
    const error = await rejection(new User('me').read(['id', 'foo']));
    expect(error.name).toBe('FacebookRequestError');
    expect(error.response).toMatchObject({ code: 100, message: '(#100) Tried accessing nonexisting field (foo) on node type (User)' });
  });

  it('pages /me/permissions with the Cursor, following next', async () => {
    const g = graph();
    sdkApi(g.world.tokens.user);
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
    const api = sdkApi(g.world.tokens.user) as SdkApi & { getAppID(): Promise<{ data: { data: { app_id: string } } }> };
    const answer = await api.getAppID();
    expect(answer.data).toEqual({ data: { app_id: g.world.app.id } });
  });

  // The crash reporter posts with Http.request() directly, so no access_token rides along;
  // graph-protocol.md §8.4: answer {"success":true} so the SDK never calls the real host.
  it('takes a crash report posted exactly as the crash reporter posts it (no token)', async () => {
    const g = graph();
    const api = sdkApi(g.world.tokens.user);
    const report = { bizsdk_crash_report: { reason: 'TypeError', callstack: ['TypeError: boom', '    at facebook-nodejs-business-sdk/dist/cjs.js:1:1'], platform: process.version } };
    // A string path is sent verbatim (no token added), as CrashReporter's Http.request() does.
    const body = await api.call('POST', [g.origin, 'v24.0', g.world.app.id, 'instruments'].join('/'), report);
    expect(body).toEqual({ success: true });
  });

  it('takes a crash report posted with a token through api.call()', async () => {
    const g = graph();
    const api = sdkApi(g.world.tokens.user);
    const report = { bizsdk_crash_report: { reason: 'TypeError', callstack: ['TypeError: boom'], platform: process.version } };
    expect(await api.call('POST', [g.world.app.id, 'instruments'], report)).toEqual({ success: true });
  });

  it('lists /me/ids_for_apps through the Cursor', async () => {
    const g = graph();
    sdkApi(g.world.tokens.user);
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
