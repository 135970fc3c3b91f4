/**
 * Meta's official Node SDK (facebook-nodejs-business-sdk), unchanged, against graphd on a real
 * loopback port. The SDK builds every URL from the static getter FacebookAdsApi.GRAPH (and
 * GRAPH_VIDEO for video uploads), so useLiveGraph() redefines those getters to graphd's origin
 * for the describe block and puts the originals back afterwards (graph-protocol.md §1).
 */
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { compileGraphSchema } from '../../src/schema/table.js';
import { buildApp } from '../../src/server/app.js';
import type { Store } from '../../src/store/types.js';
import type { SharedState } from '../../src/state/shared-state.js';
import { seedDemoWorld, type DemoWorld } from '../../src/world/demo-world.js';
import { startTime } from './graph.js';
import type { OpenStore } from './stores.js';

/** The slice of the SDK the tests share (the package ships no type declarations). */
export interface SdkApi {
  call(method: string, path: string[] | string, params?: Record<string, unknown>): Promise<any>;
  setDebug(flag: boolean): SdkApi;
}
export interface SdkObject {
  id: string;
  _data: Record<string, any>;
  constructor: { name: string };
  read(fields: string[], params?: Record<string, unknown>): Promise<SdkObject>;
}
export interface SdkCursor extends Array<SdkObject> {
  paging?: { cursors?: { before: string; after: string }; next?: string; previous?: string };
  summary?: { total_count?: number };
  hasNext(): boolean;
  next(): Promise<SdkCursor>;
  hasPrevious(): boolean;
  previous(): Promise<SdkCursor>;
}
/** A node class of the SDK: new User(id, data, parentId, api). */
export type SdkNodeClass<T extends SdkObject> = new (id: string, data?: Record<string, unknown>, parentId?: string, api?: SdkApi) => T;
/** What the SDK rejects with (not among the package's exports: it is known by its name). */
export interface FacebookRequestError extends Error {
  status: number | null;
  response: { message: string; type: string; code: number; error_subcode?: number; fbtrace_id: string } | null;
  headers: Record<string, string> | null;
  method: string;
  url: string;
}
interface SdkApiClass {
  new (token: string, locale?: string, crashLog?: boolean): SdkApi;
  init(token: string, locale?: string, crashLog?: boolean): SdkApi;
  VERSION: string;
  SDK_VERSION: string;
}

const sdk = createRequire(import.meta.url)('facebook-nodejs-business-sdk') as { FacebookAdsApi: SdkApiClass };
export const { FacebookAdsApi } = sdk;

/** The SDK's exports, as the slice a test file types them. */
export const sdkExports = <T>(): T => sdk as T;

/** The static getters of FacebookAdsApi that useLiveGraph() points at graphd. */
export const overridden = ['GRAPH', 'GRAPH_VIDEO'] as const;

/** A request graphd received. */
export interface Seen {
  method: string;
  url: string;
  userAgent?: string;
  contentType?: string;
}

export interface Live {
  app: FastifyInstance;
  store: Store;
  world: DemoWorld;
  origin: string;
  seen: Seen[];
}

/** graphd on 127.0.0.1:<free port>, with the SDK's base URLs pointed at it for the describe block. */
export function useLiveGraph(open: OpenStore, options: { state?: () => SharedState } = {}): () => Live {
  let live: Live | undefined;
  const originals = new Map<string, PropertyDescriptor>();
  beforeAll(async () => {
    const store = await open();
    const world = await seedDemoWorld(store, { now: startTime, people: 12, seed: 7 });
    const app = await buildApp({ config: defaultConfig, store, schema: compileGraphSchema(), clock: () => startTime, state: options.state?.() });
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

/** An API without the crash reporter (it would hook process 'uncaughtException') and without debug output. */
export const sdkApi = (token: string): SdkApi => new FacebookAdsApi(token, 'en_US', false).setDebug(false);

/** The same, made the SDK's default API (the one node objects built without an api use). */
export const initSdkApi = (token: string): SdkApi => FacebookAdsApi.init(token, 'en_US', false).setDebug(false);

/** The error an SDK call rejects with; fails when it does not. */
export async function rejection(promise: Promise<unknown>): Promise<FacebookRequestError> {
  try {
    await promise;
  } catch (error) {
    return error as FacebookRequestError;
  }
  throw new Error('expected the SDK call to fail');
}
