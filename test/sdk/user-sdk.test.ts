/**
 * Meta's official Node SDK (facebook-nodejs-business-sdk), unchanged, against graphd on a real
 * loopback port (as node-business-sdk.test.ts does): User.update(), Application.createAccount()
 * / getAccounts() / deleteAccounts() and User.delete() on test users.
 */
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { issueToken } from '../../src/identity/issue-token.js';
import { compileGraphSchema } from '../../src/schema/table.js';
import { buildApp } from '../../src/server/app.js';
import type { Store } from '../../src/store/types.js';
import { seedDemoWorld, type DemoWorld } from '../../src/world/demo-world.js';
import { startTime } from '../helpers/graph.js';
import { describeEachStore } from '../helpers/stores.js';

/** The slice of the SDK this file uses (the package ships no type declarations). */
interface SdkApi {
  setDebug(flag: boolean): SdkApi;
}
interface SdkObject {
  id: string;
  _data: Record<string, any>;
  read(fields: string[], params?: Record<string, unknown>): Promise<SdkObject>;
}
interface SdkUser extends SdkObject {
  update(fields: string[], params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  delete(fields: string[], params?: Record<string, unknown>): Promise<Record<string, unknown>>;
}
interface SdkCursor extends Array<SdkObject> {
  hasNext(): boolean;
}
interface SdkApplication extends SdkObject {
  createAccount(fields: string[], params?: Record<string, unknown>): Promise<SdkObject>;
  getAccounts(fields: string[], params?: Record<string, unknown>): Promise<SdkCursor>;
  deleteAccounts(params?: Record<string, unknown>): Promise<Record<string, unknown>>;
}
interface FacebookRequestError extends Error {
  status: number | null;
  response: { message: string; type: string; code: number; error_subcode?: number } | null;
}
interface Sdk {
  FacebookAdsApi: { new (token: string, locale?: string, crashLog?: boolean): SdkApi; init(token: string, locale?: string, crashLog?: boolean): SdkApi };
  User: new (id: string, data?: Record<string, unknown>, parentId?: string, api?: SdkApi) => SdkUser;
  Application: new (id: string, data?: Record<string, unknown>, parentId?: string, api?: SdkApi) => SdkApplication;
}

const { FacebookAdsApi, User, Application } = createRequire(import.meta.url)('facebook-nodejs-business-sdk') as Sdk;

interface Live {
  app: FastifyInstance;
  store: Store;
  world: DemoWorld;
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
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('graphd did not listen on a TCP port');
    const origin = `http://127.0.0.1:${address.port}`;
    for (const key of overridden) {
      originals.set(key, Object.getOwnPropertyDescriptor(FacebookAdsApi, key)!);
      Object.defineProperty(FacebookAdsApi, key, { get: () => origin, configurable: true });
    }
    live = { app, store, world };
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

/** An API without the crash reporter (it would hook process 'uncaughtException') and without debug output. */
const sdkApi = (token: string) => new FacebookAdsApi(token, 'en_US', false).setDebug(false);

async function rejection(promise: Promise<unknown>): Promise<FacebookRequestError> {
  try {
    await promise;
  } catch (error) {
    return error as FacebookRequestError;
  }
  throw new Error('expected the SDK call to fail');
}

describeEachStore('facebook-nodejs-business-sdk: User updates and test users against graphd', (open) => {
  const graph = useLiveGraph(open);

  it('updates the person through User.update() and reads the change back', async () => {
    const g = graph();
    const { token } = await issueToken(g.store, { kind: 'USER', appId: g.world.app.id, personId: g.world.people[1].id, scopes: ['public_profile'], expiresIn: 3600, now: startTime });
    const api = sdkApi(token);
    const answer = await new User('me', {}, undefined, api).update([], { firstname: 'Sdkfirst', lastname: 'Sdklast', local_news_subscription_status: 'STATUS_ON' });
    expect(answer).toEqual({ success: true });
    const me = await new User('me', {}, undefined, api).read(['first_name', 'last_name', 'local_news_subscription_status']);
    expect(me._data).toMatchObject({ first_name: 'Sdkfirst', last_name: 'Sdklast', local_news_subscription_status: true });

    const error = await rejection(new User('me', {}, undefined, api).update([], { password: 'secret123' }));
    expect(error.name).toBe('FacebookRequestError');
    expect(error.response).toMatchObject({ code: 100, message: '(#100) Param password can only be set for test accounts' });
  });

  it('creates, lists, renames and deletes a test user through Application and User', async () => {
    const g = graph();
    const appApi = sdkApi(g.world.tokens.app);
    const application = new Application(g.world.app.id, {}, undefined, appApi);
    // createEdge() with no target class folds the answer into the Application object itself.
    const created = (await application.createAccount([], { type: 'test-users', installed: true, permissions: ['email', 'ads_read'] }))._data;
    expect(created).toMatchObject({
      id: expect.stringMatching(/^\d{15,16}$/),
      access_token: expect.stringMatching(/^EAA/),
      login_url: expect.stringContaining('/checkpoint/test-user-login/'),
      email: expect.stringMatching(/@tfbnw\.net$/),
      password: expect.stringMatching(/^\d{10}$/),
    });

    const listed = await new Application(g.world.app.id, {}, undefined, appApi).getAccounts(['id', 'login_url', 'access_token'], { type: 'test-users' });
    expect(listed.map((entry) => entry._data)).toContainEqual({ id: created.id, login_url: created.login_url, access_token: created.access_token });

    const testUserApi = sdkApi(created.access_token);
    const me = await new User('me', {}, undefined, testUserApi).read(['id', 'email']);
    expect(me._data).toEqual({ id: created.id, email: created.email });

    expect(await new User(created.id, {}, undefined, appApi).update([], { name: 'Sdk Test User' })).toEqual({ success: true });
    expect((await new User(created.id, {}, undefined, appApi).read(['name']))._data.name).toBe('Sdk Test User');

    expect(await new User(created.id, {}, undefined, appApi).delete([])).toEqual({ success: true });
    const gone = await rejection(new User(created.id, {}, undefined, appApi).read(['id']));
    expect(gone.response).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('removes a test user from one app with deleteAccounts() and refuses to delete a real person (2903)', async () => {
    const g = graph();
    const appApi = sdkApi(g.world.tokens.app);
    const otherApi = sdkApi(`${g.world.otherApp.id}|${g.world.otherApp.secret}`);
    const created = (await new Application(g.world.app.id, {}, undefined, appApi).createAccount([], { installed: false }))._data;
    const joined = (await new Application(g.world.otherApp.id, {}, undefined, otherApi).createAccount([], { uid: created.id, owner_access_token: g.world.tokens.app }))._data;
    expect(await new Application(g.world.otherApp.id, {}, undefined, otherApi).deleteAccounts({ type: 'test-users', uid: joined.id })).toEqual({ success: true });
    expect(await new User(created.id, {}, undefined, appApi).delete([])).toEqual({ success: true });

    const real = (await g.store.apps.scopedUser(g.world.app.id, g.world.people[2].id)).asid;
    const error = await rejection(new User(real, {}, undefined, appApi).delete([]));
    expect(error.status).toBe(400);
    expect(error.response).toMatchObject({ code: 2903, type: 'OAuthException', message: '(#2903) Cannot delete this test account' });
  });
});
