/**
 * For the `graphd audiences` command tests: graphd listening on a real loopback port (the
 * commands speak HTTP through fetch), and the commands run in-process with captured output,
 * an injectable fetch and a sleeper that records waits instead of waiting.
 */
import { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { audiencesCommands } from '../../src/cli/audiences-commands.js';
import { defaultConfig } from '../../src/config.js';
import { compileGraphSchema } from '../../src/schema/table.js';
import { buildApp } from '../../src/server/app.js';
import type { Store } from '../../src/store/types.js';
import { seedDemoWorld, type DemoWorld } from '../../src/world/demo-world.js';
import { startTime, testAdminToken } from '../helpers/graph.js';
import type { OpenStore } from '../helpers/stores.js';

export interface LiveGraphd {
  app: FastifyInstance;
  store: Store;
  world: DemoWorld;
  origin: string;
  /** A Graph call with the demo user token; answers the JSON body. */
  graph(method: string, path: string, params?: Record<string, string>): Promise<any>;
  /** A control-plane call with the admin token. */
  control(method: string, path: string, body?: unknown): Promise<any>;
}

export interface CommandRun {
  code: number;
  out: string;
  err: string;
  waits: number[];
}

export function useLiveGraphd(open: OpenStore): () => LiveGraphd {
  let live: LiveGraphd | undefined;
  beforeAll(async () => {
    const store = await open();
    const world = await seedDemoWorld(store, { now: startTime, people: 12, seed: 7 });
    const app = await buildApp({ config: defaultConfig, store, schema: compileGraphSchema(), clock: () => startTime, adminToken: testAdminToken });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const graph: LiveGraphd['graph'] = async (method, path, params = {}) => {
      const form = new URLSearchParams({ ...params, access_token: world.tokens.user });
      const response = method === 'GET' ? await fetch(`${origin}/v21.0/${path}?${form}`) : await fetch(`${origin}/v21.0/${path}`, { method, body: form });
      return response.json();
    };
    const control: LiveGraphd['control'] = async (method, path, body) => {
      const headers: Record<string, string> = { authorization: `Bearer ${testAdminToken}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      return (await fetch(`${origin}/_graphd${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })).json();
    };
    const act = `act_${world.adAccount.id}`;
    const tos = await graph('GET', `${act}/customaudiencestos`);
    await graph('POST', `${act}/customaudiencestos`, { tos_id: tos.data[0].id });
    live = { app, store, world, origin, graph, control };
  });
  afterAll(async () => {
    await live?.app.close();
    await live?.store.close();
  });
  return () => {
    if (!live) throw new Error('useLiveGraphd(): only inside a test');
    return live;
  };
}

/** Runs `graphd audiences <args>` in-process against the live graphd, with the demo user token. */
export async function runAudiences(live: LiveGraphd, args: string[], options: { fetch?: typeof fetch; env?: Record<string, string> } = {}): Promise<CommandRun> {
  const run: CommandRun = { code: 0, out: '', err: '', waits: [] };
  const program = new Command('graphd').exitOverride();
  audiencesCommands(program, {
    out: { write: (text: string) => (run.out += text) },
    err: { write: (text: string) => (run.err += text) },
    env: { GRAPH_URL: live.origin, GRAPH_TOKEN: live.world.tokens.user, ...options.env },
    fetch: options.fetch,
    sleep: async (ms) => void run.waits.push(ms),
    random: () => 0.5,
    exit: (code) => (run.code = code),
  });
  await program.parseAsync(['audiences', ...args], { from: 'user' });
  return run;
}
