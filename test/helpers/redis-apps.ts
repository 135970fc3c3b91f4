import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { compileGraphSchema } from '../../src/schema/table.js';
import { buildApp } from '../../src/server/app.js';
import { RedisState } from '../../src/state/redis-state.js';
import type { Store } from '../../src/store/types.js';
import { seedDemoWorld, type DemoWorld } from '../../src/world/demo-world.js';
import { startTime, testAdminToken } from './graph.js';
import { dropRedisPrefix, freshRedisPrefix, REDIS_URL, requireRedis } from './redis.js';
import type { OpenStore } from './stores.js';

export interface RedisApps {
  apps: FastifyInstance[];
  states: RedisState[];
  store: Store;
  world: DemoWorld;
  /** A control-plane call on one app, with the admin token. */
  control(app: FastifyInstance, method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown): Promise<{ statusCode: number; json: any }>;
}

/**
 * Two graphd apps over one store and one Redis prefix, as two processes behind a load
 * balancer (or `--workers 2 --redis`) run: for tests of what they must share. `prepare`
 * runs on the first app's state before the apps are built (settings in force from the start).
 */
export function useAppsOnOneRedis(open: OpenStore, prepare?: (state: RedisState) => Promise<void>): () => RedisApps {
  const prefix = freshRedisPrefix();
  let shared: RedisApps | undefined;
  beforeAll(async () => {
    requireRedis();
    const store = await open();
    const world = await seedDemoWorld(store, { now: startTime, people: 4, seed: 5 });
    const states = [await RedisState.connect(REDIS_URL, prefix), await RedisState.connect(REDIS_URL, prefix)];
    await prepare?.(states[0]);
    const apps = await Promise.all(states.map((state) => buildApp({ config: defaultConfig, store, schema: compileGraphSchema(), clock: () => startTime, state, adminToken: testAdminToken })));
    const control: RedisApps['control'] = async (app, method, url, body) => {
      const reply = await app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${testAdminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        payload: body === undefined ? undefined : JSON.stringify(body),
      });
      return { statusCode: reply.statusCode, json: reply.body ? reply.json() : undefined };
    };
    shared = { apps, states, store, world, control };
  });
  afterAll(async () => {
    for (const app of shared?.apps ?? []) await app.close();
    for (const state of shared?.states ?? []) await state.close();
    await shared?.store.close();
    await dropRedisPrefix(prefix);
  });
  return () => {
    if (!shared) throw new Error('useAppsOnOneRedis(): only inside a test');
    return shared;
  };
}
