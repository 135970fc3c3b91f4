/**
 * Read bench: `GET /v21.0/me?fields=id,name,email` with the demo user token, through graphd
 * (SQLite in a temp dir, demo world, no request logger) and through a bare Fastify answering
 * the same path with graphd's own bytes and headers. The ratio graphd/bare is the share of
 * plain Fastify throughput that graphd keeps while doing the Graph work (token lookup, field
 * selection, store read, envelope).
 *
 * Each server runs in its own child process (`node --import tsx bench/read.ts --serve <kind>`)
 * so that autocannon, in this process, does not share an event loop with it; `inProcess`
 * runs them here instead, for comparison.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import { defaultConfig } from '../src/config.js';
import { compileGraphSchema } from '../src/schema/table.js';
import { buildApp } from '../src/server/app.js';
import { openStore } from '../src/store/index.js';
import { seedDemoWorld } from '../src/world/demo-world.js';
import { load, type LoadOptions, type LoadResult } from './lib/autocannon.js';

export const readPath = '/v21.0/me';
const query = 'fields=id,name,email';

/** What the bare server answers: graphd's reply, byte for byte. */
interface Canned {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Running {
  origin: string;
  /** The demo user token (graphd only). */
  token?: string;
  close(): Promise<void>;
}

export interface ReadBenchOptions extends Omit<LoadOptions, 'url'> {
  inProcess: boolean;
}

export interface ReadBenchResult {
  graphd: LoadResult;
  bare: LoadResult;
  /** graphd req/s divided by bare req/s. */
  ratio: number;
  /** Response headers graphd sent / the bare server sent (date, connection and the like included). */
  headerCounts: { graphd: number; bare: number };
}

export async function readBench(options: ReadBenchOptions): Promise<ReadBenchResult> {
  const start = options.inProcess ? startHere : startChild;

  const graphd = await start('graphd');
  let canned: Canned;
  let graphdResult: LoadResult;
  let graphdHeaders: number;
  try {
    const url = `${graphd.origin}${readPath}?${query}&access_token=${graphd.token}`;
    const reply = await fetch(url);
    canned = { status: reply.status, headers: replayable(reply.headers), body: await reply.text() };
    if (reply.status !== 200) throw new Error(`graphd answered ${reply.status}: ${canned.body}`);
    graphdHeaders = [...reply.headers.keys()].length;
    graphdResult = await load({ ...options, url });
  } finally {
    await graphd.close();
  }

  const bare = await start('bare', canned);
  let bareResult: LoadResult;
  let bareHeaders: number;
  try {
    const url = `${bare.origin}${readPath}?${query}&access_token=x`;
    const reply = await fetch(url);
    if ((await reply.text()) !== canned.body) throw new Error('the bare server does not answer graphd\'s bytes');
    bareHeaders = [...reply.headers.keys()].length;
    bareResult = await load({ ...options, url });
  } finally {
    await bare.close();
  }

  return {
    graphd: graphdResult,
    bare: bareResult,
    ratio: graphdResult.requestsPerSecond / bareResult.requestsPerSecond,
    headerCounts: { graphd: graphdHeaders, bare: bareHeaders },
  };
}

/** graphd's headers minus those Node writes itself for every response. */
function replayable(headers: Headers): Record<string, string> {
  const perConnection = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
  return Object.fromEntries([...headers].filter(([name]) => !perConnection.has(name)));
}

async function startHere(kind: 'graphd' | 'bare', canned?: Canned): Promise<Running> {
  return kind === 'graphd' ? serveGraphd() : serveBare(canned!);
}

async function serveGraphd(): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'graphd-bench-'));
  const store = await openStore(`sqlite:${join(dir, 'graphd.sqlite')}`);
  const world = await seedDemoWorld(store, { now: Math.floor(Date.now() / 1000) });
  const app = await buildApp({ config: defaultConfig, store, schema: compileGraphSchema() });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    origin: originOf(app.server.address()),
    token: world.tokens.user,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function serveBare(canned: Canned): Promise<Running> {
  const app = Fastify();
  app.get(readPath, (_request, reply) => reply.code(canned.status).headers(canned.headers).send(canned.body));
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { origin: originOf(app.server.address()), close: () => app.close() };
}

function originOf(address: ReturnType<import('node:net').Server['address']>): string {
  if (!address || typeof address === 'string') throw new Error('not listening on a TCP port');
  return `http://127.0.0.1:${address.port}`;
}

/** Starts a server in a child process; it prints one JSON line ({origin, token}) once listening. */
async function startChild(kind: 'graphd' | 'bare', canned?: Canned): Promise<Running> {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), fileURLToPath(import.meta.url), '--serve', kind], {
    env: { ...process.env, GRAPHD_BENCH_CANNED: canned ? JSON.stringify(canned) : '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench ${kind} server exited (${code}) before listening`)));
  });
  lines.close();
  const { origin, token } = JSON.parse(first) as { origin: string; token?: string };
  return {
    origin,
    token,
    async close() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Child side of startChild(). */
async function serveFromArgs(kind: string): Promise<void> {
  const running = kind === 'graphd' ? await serveGraphd() : await serveBare(JSON.parse(process.env.GRAPHD_BENCH_CANNED ?? '') as Canned);
  process.once('SIGTERM', () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  process.stdout.write(JSON.stringify({ origin: running.origin, token: running.token }) + '\n');
}

if (process.argv[2] === '--serve' && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await serveFromArgs(process.argv[3]);
}
