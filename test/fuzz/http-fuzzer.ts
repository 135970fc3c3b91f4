/**
 * Sends the cases of http-cases.ts to a listening graphd and sorts every answer:
 * a Graph error envelope, a success, or a violation (5xx, no answer, a body of another shape).
 * Shared by the short run in `npm test` and the long one of `npm run fuzz`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { defaultConfig, type Config } from '../../src/config.js';
import { compileGraphSchema } from '../../src/schema/table.js';
import { buildApp } from '../../src/server/app.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { seedDemoWorld } from '../../src/world/demo-world.js';
import { categories, fuzzCase, type Category, type FuzzCase, type FuzzRequest, type FuzzWorld } from './http-cases.js';

export interface FuzzTarget {
  app: FastifyInstance;
  origin: string;
  port: number;
  world: FuzzWorld;
  bodyLimit: number;
  close(): Promise<void>;
}

/**
 * The body limit is lowered so that the fuzzer's giant bodies (up to 4 MB) land on both
 * sides of it; rate limits are off so that thousands of calls keep reaching the code behind them.
 */
export const fuzzConfig: Config = { ...defaultConfig, bodyLimit: 2 * 1024 * 1024, rateLimits: 'off', journalSize: 100 };

/** graphd over a fresh SQLite file with the demo world and one customer-list audience, on a free port. */
export async function startFuzzTarget(config: Partial<Config> = {}): Promise<FuzzTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'graphd-fuzz-'));
  const store: Store = await openStore(`sqlite:${join(dir, 'graphd.db')}`);
  const demo = await seedDemoWorld(store, { now: Math.floor(Date.now() / 1000), people: 12, seed: 7 });
  const settings = { ...fuzzConfig, ...config };
  const app = await buildApp({ config: settings, store, schema: compileGraphSchema() });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('graphd did not listen on a TCP port');
  const origin = `http://127.0.0.1:${address.port}`;
  const act = `act_${demo.adAccount.id}`;
  const token = demo.tokens.user;
  const tos = (await (await fetch(`${origin}/v21.0/${act}/customaudiencestos?access_token=${token}`)).json()) as { data: { id: string }[] };
  await fetch(`${origin}/v21.0/${act}/customaudiencestos?access_token=${token}&tos_id=${tos.data[0].id}`, { method: 'POST' });
  const created = (await (await fetch(`${origin}/v21.0/${act}/customaudiences?access_token=${token}&name=Fuzz&subtype=CUSTOM&customer_file_source=USER_PROVIDED_ONLY`, { method: 'POST' })).json()) as { id?: string };
  if (!created.id) throw new Error(`could not create the fuzz audience: ${JSON.stringify(created)}`);
  const me = (await (await fetch(`${origin}/v21.0/me?access_token=${token}`)).json()) as { id: string };
  const world: FuzzWorld = { tokens: demo.tokens, userId: me.id, pageId: demo.page.id, appId: demo.app.id, adAccountId: act, audienceId: created.id };
  return {
    app,
    origin,
    port: address.port,
    world,
    bodyLimit: settings.bodyLimit,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What came back: a status and body, or nothing before the connection ended or timed out. */
export type Answer = { status: number; contentType: string; body: string } | { status: 'closed' | 'timeout' };

const answerTimeout = 15_000;

export async function send(target: FuzzTarget, request: FuzzRequest): Promise<Answer> {
  if (request.transport === 'raw') return sendRaw(target.port, request.bytes);
  // fetch will not send a body on GET or HEAD; graphd reads one there, so those go by socket.
  if (request.body !== undefined && (request.method === 'GET' || request.method === 'HEAD')) {
    const body = typeof request.body === 'string' ? Buffer.from(request.body) : Buffer.from(request.body);
    const headers = Object.entries(request.headers ?? {}).map(([name, value]) => `${name}: ${value}`);
    const head = `${request.method} ${request.path} HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\nContent-Length: ${body.length}\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n`;
    return sendRaw(target.port, Buffer.concat([Buffer.from(head, 'latin1'), body]));
  }
  try {
    const response = await fetch(target.origin + request.path, { method: request.method, headers: request.headers, body: request.body, redirect: 'manual', signal: AbortSignal.timeout(answerTimeout) });
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: await response.text() };
  } catch (error) {
    return { status: (error as Error).name === 'TimeoutError' ? 'timeout' : 'closed' };
  }
}

/** Writes the bytes, half-closes, and reads one HTTP/1.1 answer until the server closes. */
function sendRaw(port: number, bytes: Buffer): Promise<Answer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => finish('timeout'), answerTimeout);
    let done = false;
    function finish(outcome?: 'timeout') {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome ? { status: outcome } : parseAnswer(Buffer.concat(chunks)));
    }
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => finish());
    socket.on('close', () => finish());
    socket.end(bytes);
  });
}

function parseAnswer(raw: Buffer): Answer {
  const end = raw.indexOf('\r\n\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(raw.subarray(0, 16).toString('latin1'));
  if (end < 0 || !match) return { status: 'closed' };
  const headers = new Map<string, string>();
  for (const line of raw.subarray(0, end).toString('latin1').split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  let body = raw.subarray(end + 4);
  if (headers.get('transfer-encoding') === 'chunked') body = unchunk(body);
  return { status: Number(match[1]), contentType: headers.get('content-type') ?? '', body: body.toString('utf8') };
}

function unchunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', offset);
    const size = parseInt(data.subarray(offset, lineEnd).toString('latin1'), 16);
    if (lineEnd < 0 || !(size > 0)) return Buffer.concat(parts);
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}

/**
 * `graph-error`: a Graph error envelope {error: {message, type, code, fbtrace_id}} under 500.
 * `control-error`: the control plane's envelope (no fbtrace_id, type GraphdControlException) under /_graphd.
 * `success`: a 1xx-3xx answer (JSON, a picture redirect or an avatar).
 * `headless`: an answer to HEAD, which has no body by HTTP's rules, under 500.
 * `transport`: one of the two answers HTTP itself gives (docs/reliability.md): Node's bodiless 400
 *   to an HTTP/1.1 request without Host, or a connection closed under a client still sending a
 *   body over the limit (the 413 may be lost to the TCP reset).
 * `violation`: anything else, with the reason.
 */
export type Verdict = { kind: 'graph-error' | 'control-error' | 'success' | 'headless' | 'transport' } | { kind: 'violation'; reason: string };

export function judge(request: FuzzRequest, answer: Answer, bodyLimit: number): Verdict {
  const text = request.transport === 'fetch' ? `${request.method} ${request.path}` : request.bytes.subarray(0, 1024).toString('latin1');
  if (!('body' in answer)) {
    if (answer.status === 'closed' && request.transport === 'fetch' && (request.body?.length ?? 0) > bodyLimit) return { kind: 'transport' };
    return { kind: 'violation', reason: `no answer (${answer.status})` };
  }
  if (answer.status >= 500) return { kind: 'violation', reason: `status ${answer.status}` };
  if (text.startsWith('HEAD ') && answer.body === '') return { kind: 'headless' };
  if (answer.status === 400 && answer.body === '' && request.transport === 'raw' && !/\r?\nhost:/i.test(text)) return { kind: 'transport' };
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    if (answer.status < 400) return { kind: 'success' };
    return { kind: 'violation', reason: `status ${answer.status} with a body that is not JSON` };
  }
  const error = (json as { error?: Record<string, unknown> } | null)?.error;
  if (isEnvelope(error)) return answer.status >= 400 || isSuppressed(text) ? { kind: 'graph-error' } : { kind: 'violation', reason: `error envelope with status ${answer.status}` };
  if (isControlEnvelope(error) && /^[A-Z]+ \/_graphd\//.test(text)) return { kind: 'control-error' };
  if (answer.status < 400) return { kind: 'success' };
  return { kind: 'violation', reason: `status ${answer.status} with a body that is not a Graph error envelope` };
}

function isEnvelope(error: Record<string, unknown> | undefined): boolean {
  return typeof error === 'object' && error !== null && typeof error.message === 'string' && typeof error.type === 'string' && typeof error.code === 'number' && typeof error.fbtrace_id === 'string';
}

function isControlEnvelope(error: Record<string, unknown> | undefined): boolean {
  return typeof error === 'object' && error !== null && typeof error.message === 'string' && error.type === 'GraphdControlException' && typeof error.code === 'number';
}

/** suppress_http_code=1 asks for errors under 200. */
function isSuppressed(text: string): boolean {
  return /suppress_http_code=(1|true)/.test(text);
}

export interface FuzzReport {
  requests: number;
  seed: number;
  seconds: number;
  byCategory: Record<Category, Record<string, number>>;
  byStatus: Record<string, number>;
  violations: { index: number; category: Category; reason: string; request: string; body: string }[];
  /** Errors that escaped to the process while the run lasted. */
  crashes: string[];
  healthy: boolean;
}

/** Runs `requests` cases, `concurrency` at a time, then checks that graphd still answers its health check. */
export async function runFuzz(target: FuzzTarget, options: { requests: number; seed: number; concurrency?: number }): Promise<FuzzReport> {
  const { requests, seed, concurrency = 8 } = options;
  const report: FuzzReport = {
    requests,
    seed,
    seconds: 0,
    byCategory: Object.fromEntries(categories.map((category) => [category, {}])) as FuzzReport['byCategory'],
    byStatus: {},
    violations: [],
    crashes: [],
    healthy: false,
  };
  const crash = (error: unknown) => report.crashes.push(String((error as Error)?.stack ?? error));
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  const started = Date.now();
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < requests; index = next++) {
      const { category, request }: FuzzCase = fuzzCase(seed, index, target.world);
      const answer = await send(target, request);
      const verdict = judge(request, answer, target.bodyLimit);
      const counts = report.byCategory[category];
      counts[verdict.kind] = (counts[verdict.kind] ?? 0) + 1;
      report.byStatus[answer.status] = (report.byStatus[answer.status] ?? 0) + 1;
      if (verdict.kind === 'violation') {
        report.violations.push({ index, category, reason: verdict.reason, request: describe(request), body: 'body' in answer ? answer.body.slice(0, 300) : '' });
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    process.off('uncaughtException', crash);
    process.off('unhandledRejection', crash);
  }
  report.seconds = (Date.now() - started) / 1000;
  const health = await fetch(`${target.origin}/_graphd/health`).catch(() => undefined);
  report.healthy = health?.status === 200 && ((await health.json()) as { status?: string }).status === 'ok';
  return report;
}

function describe(request: FuzzRequest): string {
  const text = request.transport === 'raw' ? request.bytes.subarray(0, 200).toString('latin1') : `${request.method} ${request.path.slice(0, 200)} ${String(request.body ?? '').slice(0, 100)}`;
  return JSON.stringify(text);
}
