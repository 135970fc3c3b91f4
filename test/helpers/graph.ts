import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { defaultConfig, type Config } from '../../src/config.js';
import { compileGraphSchema } from '../../src/schema/table.js';
import { buildApp } from '../../src/server/app.js';
import type { Store } from '../../src/store/types.js';
import type { SharedState } from '../../src/state/shared-state.js';
import { seedDemoWorld, type DemoWorld } from '../../src/world/demo-world.js';
import type { OpenStore } from './stores.js';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  json: any;
}

export interface Harness {
  app: FastifyInstance;
  store: Store;
  world: DemoWorld;
  clock: { now: number };
  request(method: string, url: string, options?: { headers?: Record<string, string>; payload?: string | object }): Promise<Reply>;
  get(path: string, query?: Record<string, string>, headers?: Record<string, string>): Promise<Reply>;
  post(path: string, form: Record<string, string>, query?: Record<string, string>): Promise<Reply>;
  del(path: string, query?: Record<string, string>): Promise<Reply>;
  /** A control-plane call (`/_graphd/...`) with the admin token and a JSON body. */
  control(method: string, path: string, body?: unknown): Promise<Reply>;
}

/** The admin token every test app is built with. */
export const testAdminToken = 'graphd_admin_test';

export const startTime = 1_767_225_600; // 2026-01-01T00:00:00Z

/** An app over a fresh store with a small demo world, shared by the tests of one describe block. */
export function useGraph(open: OpenStore, config: Partial<Config> = {}, options: { state?: () => SharedState; logger?: object } = {}): () => Harness {
  let harness: Harness | undefined;
  beforeAll(async () => {
    const store = await open();
    const clock = { now: startTime };
    const world = await seedDemoWorld(store, { now: clock.now, people: 12, seed: 7 });
    const app = await buildApp({ config: { ...defaultConfig, ...config }, store, schema: compileGraphSchema(), clock: () => clock.now, adminToken: testAdminToken, state: options.state?.(), logger: options.logger });
    const request: Harness['request'] = async (method, url, options = {}) => {
      const response = await app.inject({ method: method as 'GET', url, headers: options.headers, payload: options.payload as string });
      let json: unknown;
      try {
        json = response.body ? JSON.parse(response.body) : undefined;
      } catch {
        json = undefined;
      }
      return { status: response.statusCode, headers: response.headers, body: response.body, json };
    };
    const withQuery = (path: string, query: Record<string, string> = {}) => {
      const qs = new URLSearchParams(query).toString();
      return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
    };
    harness = {
      app,
      store,
      world,
      clock,
      request,
      get: (path, query, headers) => request('GET', withQuery(path, query), { headers }),
      post: (path, form, query) =>
        request('POST', withQuery(path, query), {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams(form).toString(),
        }),
      del: (path, query) => request('DELETE', withQuery(path, query)),
      control: (method, path, body) =>
        request(method, path, {
          headers: { authorization: `Bearer ${testAdminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          payload: body === undefined ? undefined : JSON.stringify(body),
        }),
    };
  });
  afterAll(async () => {
    await harness?.app.close();
    await harness?.store.close();
  });
  return () => {
    if (!harness) throw new Error('useGraph(): only inside a test');
    return harness;
  };
}
