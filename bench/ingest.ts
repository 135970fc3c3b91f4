/**
 * Ingest bench: `POST /{custom_audience_id}/users` with 10,000-row EMAIL_SHA256 batches over
 * HTTP, in sessions, on a few keep-alive connections, against a world of a million people,
 * end to end (JSON, validation, hashing to match keys, matching, storing). Beside it, in the
 * same run, a raw better-sqlite3 append of the same rows (one prepared INSERT in one
 * transaction into a plain table of a 32-byte blob and an integer): ratio = graphd rows/s ÷
 * raw rows/s. graphd's peak resident memory comes from /proc/<pid>/status.
 *
 *   npx tsx bench/ingest.ts [--rows 10000000] [--db postgres] [--connections 4] [--people 1000000]
 *                           [--session-rows 1000000] [--pg-url URL] [--store-only]
 *
 * graphd runs compiled, as `npm start` runs it: the bench builds dist/ first (`tsc -p
 * tsconfig.build.json`, incremental) and starts a child process on it (running the sources
 * through tsx instead would add about 100 MB of loader to the resident memory being
 * measured). It serves a SQLite file in a temp dir, or a fresh schema of PostgreSQL
 * (`--db postgres`, `--pg-url`); the world (demo world, then the people, written in bulk:
 * bench/lib/world.ts) is built before it starts. After the upload the bench checks the
 * member count, then times merging the keys graphd left staged
 * (src/store/sql/audience-staging.ts): work the upload deferred, reported beside the upload's
 * own figure. `--store-only` calls AudiencesStore.addRows in process instead (no HTTP).
 * GRAPHD_BENCH_NODE_ARGS passes node flags to graphd (`--cpu-prof`, say).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { openStore, type OpenStoreOptions, type UploadedRow } from '../src/store/index.js';
import { seedDemoWorld } from '../src/world/demo-world.js';
import { cpuSeconds, sampleRss, statusBytes } from './lib/rss.js';
import { emailMatchKey, growPostgresWorld, growSqliteWorld, personEmail, sha256 } from './lib/world.js';
import { customerListRow } from './lib/customer-list.js';

const BATCH_ROWS = 10_000;
const VERSION = 'v21.0';
export const DEFAULT_PG_URL = process.env.GRAPHD_BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';

export interface IngestOptions {
  rows: number;
  people: number;
  /** Concurrent keep-alive connections, each uploading whole sessions. */
  connections: number;
  /** Rows per upload session. */
  sessionRows: number;
  db: 'sqlite' | 'postgres';
  pgUrl: string;
  /** Progress lines on stderr. */
  progress: boolean;
  /** Call the store in process instead of graphd over HTTP (uploadInProcess). */
  storeOnly: boolean;
}

export const defaultIngestOptions: IngestOptions = {
  rows: 1_000_000,
  people: 1_000_000,
  connections: 4,
  sessionRows: 1_000_000,
  db: 'sqlite',
  pgUrl: DEFAULT_PG_URL,
  progress: true,
  storeOnly: false,
};

export interface IngestResult {
  rows: number;
  requests: number;
  /** From the first request sent to the last answer received. */
  seconds: number;
  rowsPerSecond: number;
  /** The same rows appended with one prepared better-sqlite3 INSERT in one transaction. */
  rawRowsPerSecond: number;
  ratio: number;
  /** graphd's peak resident memory, bytes. */
  peakRss: number;
  /** CPU seconds graphd used during the upload (user + system), and per row in microseconds. */
  cpuSeconds: number;
  cpuMicrosPerRow: number;
  members: number;
  /** Keys left staged when the upload ended, and the seconds merging them took. */
  staged: number;
  mergeSeconds: number;
  /** rows / (upload seconds + merge seconds). */
  rowsPerSecondMerged: number;
  worldSeconds: number;
}

/**
 * Row i's email: three rows in ten carry a person's (person 3·⌊i/10⌋ + i mod 10, while there
 * are that many people), the rest nobody's; so a million rows match 300,000 people.
 */
export function uploadEmail(i: number, people: number): string {
  const person = Math.floor(i / 10) * 3 + (i % 10);
  return i % 10 < 3 && person < people ? personEmail(person) : `nobody${i}@example.org`;
}

function expectedMembers(rows: number, people: number): number {
  let matched = 0;
  for (let i = 0; i < rows; i++) if (i % 10 < 3 && Math.floor(i / 10) * 3 + (i % 10) < people) matched++;
  return matched;
}

export async function ingestBench(options: IngestOptions): Promise<IngestResult> {
  const { rows, people, db } = options;
  const log = (line: string) => options.progress && process.stderr.write(`[ingest] ${line}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'graphd-ingest-'));
  const schema = db === 'postgres' ? `graphd_bench_${process.pid}` : undefined;
  const url = db === 'postgres' ? options.pgUrl : `sqlite:${join(dir, 'graphd.sqlite')}`;
  const storeOptions: OpenStoreOptions = schema ? { schema } : {};
  try {
    const started = performance.now();
    const now = Math.floor(Date.now() / 1000);
    const store = await openStore(url, storeOptions);
    let world: Awaited<ReturnType<typeof seedDemoWorld>>;
    try {
      world = await seedDemoWorld(store, { now });
    } finally {
      await store.close();
    }
    if (db === 'postgres') await growPostgresWorld(options.pgUrl, schema!, people, now);
    else growSqliteWorld(join(dir, 'graphd.sqlite'), people, now);
    const worldSeconds = (performance.now() - started) / 1000;
    log(`world: ${people.toLocaleString('en-US')} people in ${worldSeconds.toFixed(1)} s`);

    // The digests the advertiser uploads (SHA-256 of each email), end to end.
    const digests = Buffer.allocUnsafe(rows * 32);
    for (let i = 0; i < rows; i++) sha256(uploadEmail(i, people)).copy(digests, i * 32);

    const phase = options.storeOnly
      ? await uploadInProcess(url, storeOptions, world.adAccount.id, digests, rows, now, log)
      : await uploadOverHttp(url, schema, world, digests, rows, options, log);
    const { audienceId, seconds, requests, peakRss, cpu } = phase;

    const after = await openStore(url, storeOptions);
    let members: number;
    let staged: number;
    let mergeSeconds: number;
    try {
      members = (await after.audiences.get(audienceId))!.member_count;
      const expected = expectedMembers(rows, people);
      if (members !== expected) throw new Error(`ingest bench: the audience has ${members} members, expected ${expected}`);
      const t1 = performance.now();
      staged = await after.audiences.mergeStagedRows(audienceId);
      mergeSeconds = (performance.now() - t1) / 1000;
      log(`merged ${staged.toLocaleString('en-US')} staged keys in ${mergeSeconds.toFixed(1)} s`);
    } finally {
      await after.close();
    }

    const rawRowsPerSecond = rawAppend(join(dir, 'raw.sqlite'), digests, rows);
    const rowsPerSecond = rows / seconds;
    return {
      rows,
      requests,
      seconds,
      rowsPerSecond,
      rawRowsPerSecond,
      ratio: rowsPerSecond / rawRowsPerSecond,
      peakRss,
      cpuSeconds: cpu,
      cpuMicrosPerRow: (cpu / rows) * 1e6,
      members,
      staged,
      mergeSeconds,
      rowsPerSecondMerged: rows / (seconds + mergeSeconds),
      worldSeconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (schema) await dropSchema(options.pgUrl, schema);
  }
}

interface UploadPhase {
  audienceId: string;
  seconds: number;
  requests: number;
  /** graphd's peak resident memory (0 in process: not graphd's alone). */
  peakRss: number;
  cpu: number;
}

/** graphd in a child process; the rows go over HTTP in sessions on several connections. */
async function uploadOverHttp(
  url: string,
  schema: string | undefined,
  world: { adAccount: { id: string }; tokens: { user: string } },
  digests: Buffer,
  rows: number,
  options: IngestOptions,
  log: (line: string) => void,
): Promise<UploadPhase> {
  buildDist();
  const server = await startServer(url, schema);
  const rss = sampleRss(server.pid);
  try {
    const client = new Client(server.origin, world.tokens.user);
    const audienceId = await client.customerList(world.adAccount.id);
    log(`uploading ${rows.toLocaleString('en-US')} rows to audience ${audienceId}, ${options.connections} connections, sessions of ${options.sessionRows.toLocaleString('en-US')} rows`);
    const cpu0 = cpuSeconds(server.pid) ?? 0;
    const t0 = performance.now();
    const requests = await upload(client, audienceId, digests, rows, options, (done) => {
      const elapsed = (performance.now() - t0) / 1000;
      const mb = (statusBytes(server.pid, 'VmRSS') ?? 0) / 2 ** 20;
      log(`${done.toLocaleString('en-US')} rows, ${Math.round(done / elapsed).toLocaleString('en-US')} rows/s, RSS ${mb.toFixed(0)} MB`);
    });
    const seconds = (performance.now() - t0) / 1000;
    return { audienceId, seconds, requests, cpu: (cpuSeconds(server.pid) ?? 0) - cpu0, peakRss: rss.peak() };
  } finally {
    rss.stop();
    await server.close();
  }
}

/**
 * `--store-only`: the rows' match keys go straight to AudiencesStore.addRows in this process,
 * a 10,000-row batch per call, with no HTTP, no JSON and no payload validation; only the store
 * calls are timed. What the store costs apart from the rest of the request.
 */
async function uploadInProcess(
  url: string,
  storeOptions: OpenStoreOptions,
  adAccountId: string,
  digests: Buffer,
  rows: number,
  now: number,
  log: (line: string) => void,
): Promise<UploadPhase> {
  const store = await openStore(url, storeOptions);
  try {
    const audience = await store.audiences.create(customerListRow(adAccountId, 'Ingest bench', now));
    log(`adding ${rows.toLocaleString('en-US')} rows to audience ${audience.id} in process (store only)`);
    let storeMs = 0;
    let cpuMicros = 0;
    let requests = 0;
    for (let from = 0; from < rows; from += BATCH_ROWS) {
      const batch: UploadedRow[] = [];
      for (let i = from; i < Math.min(rows, from + BATCH_ROWS); i++) batch.push({ keys: [emailMatchKey(digests.subarray(i * 32, i * 32 + 32))] });
      const [t0, cpu0] = [performance.now(), process.cpuUsage()];
      await store.audiences.addRows(audience.id, batch, now);
      const used = process.cpuUsage(cpu0);
      storeMs += performance.now() - t0;
      cpuMicros += used.user + used.system;
      requests++;
      const done = from + batch.length;
      if (done % 1_000_000 === 0) log(`${done.toLocaleString('en-US')} rows, ${Math.round(done / (storeMs / 1000)).toLocaleString('en-US')} rows/s`);
    }
    return { audienceId: audience.id, seconds: storeMs / 1000, requests, peakRss: 0, cpu: cpuMicros / 1e6 };
  } finally {
    await store.close();
  }
}

/** The same rows, appended as plainly as better-sqlite3 allows: the yardstick for the ratio. */
export function rawAppend(path: string, digests: Buffer, rows: number): number {
  const db = new SqliteDatabase(path);
  try {
    // graphd's own settings for its file (src/store/sqlite/connect.ts).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('create table raw_rows (k blob not null, n integer not null)');
    const insert = db.prepare('insert into raw_rows (k, n) values (?, ?)');
    const t0 = performance.now();
    db.transaction(() => {
      for (let i = 0; i < rows; i++) insert.run(digests.subarray(i * 32, i * 32 + 32), i);
    })();
    return rows / ((performance.now() - t0) / 1000);
  } finally {
    db.close();
  }
}

/** Sessions of sessionRows rows; each connection takes the next session and sends its batches in order. */
async function upload(client: Client, audienceId: string, digests: Buffer, rows: number, options: IngestOptions, progress: (rows: number) => void): Promise<number> {
  const sessions: { id: string; from: number; to: number }[] = [];
  for (let from = 0, n = 1; from < rows; from += options.sessionRows, n++) {
    sessions.push({ id: String(1_000_000 + n), from, to: Math.min(rows, from + options.sessionRows) });
  }
  const step = Math.max(BATCH_ROWS, Math.round(rows / 10 / BATCH_ROWS) * BATCH_ROWS);
  let next = 0;
  let done = 0;
  let requests = 0;
  const connection = async () => {
    for (let session = sessions[next++]; session; session = sessions[next++]) {
      const batches = Math.ceil((session.to - session.from) / BATCH_ROWS);
      for (let b = 0; b < batches; b++) {
        const from = session.from + b * BATCH_ROWS;
        const to = Math.min(session.to, from + BATCH_ROWS);
        const data: string[] = [];
        for (let i = from; i < to; i++) data.push(digests.toString('hex', i * 32, i * 32 + 32));
        const param = { session_id: session.id, batch_seq: b + 1, last_batch_flag: b === batches - 1, estimated_num_total: session.to - session.from };
        const answer = await client.post(`/${audienceId}/users`, { payload: { schema: 'EMAIL_SHA256', data }, session: param });
        if (answer.num_received !== to - session.from || answer.num_invalid_entries !== 0) {
          throw new Error(`ingest bench: unexpected answer ${JSON.stringify(answer)}`);
        }
        requests++;
        const before = done;
        done += to - from;
        if (Math.floor(done / step) > Math.floor(before / step)) progress(done);
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, connection));
  return requests;
}

/** Graph calls over HTTP with JSON bodies (as the Node SDK sends them). */
class Client {
  constructor(
    private readonly origin: string,
    private readonly token: string,
  ) {}

  async get(path: string): Promise<any> {
    return this.answer(path, await fetch(`${this.origin}/${VERSION}${path}${path.includes('?') ? '&' : '?'}access_token=${this.token}`));
  }

  async post(path: string, params: Record<string, unknown>): Promise<any> {
    const body = JSON.stringify({ ...params, access_token: this.token });
    return this.answer(path, await fetch(`${this.origin}/${VERSION}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
  }

  /** Accepts the custom-audience terms, then creates a customer list; answers its id. */
  async customerList(adAccountId: string): Promise<string> {
    const tos = await this.get(`/act_${adAccountId}/customaudiencestos`);
    await this.post(`/act_${adAccountId}/customaudiencestos`, { tos_id: tos.data[0].id });
    const created = await this.post(`/act_${adAccountId}/customaudiences`, { name: 'Ingest bench', subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY' });
    return created.id;
  }

  private async answer(path: string, reply: Response): Promise<any> {
    const text = await reply.text();
    if (reply.status !== 200) throw new Error(`ingest bench: ${path} answered ${reply.status}: ${text.slice(0, 500)}`);
    return JSON.parse(text);
  }
}

interface Server {
  origin: string;
  pid: number;
  close(): Promise<void>;
}

const root = fileURLToPath(new URL('..', import.meta.url));

/** Compiles src/ to dist/ as `npm run build` does (incremental: quick when nothing changed). */
function buildDist(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`ingest bench: building dist/ failed:\n${build.stdout}${build.stderr}`);
}

/**
 * What the child runs: graphd from dist/, no request logger, printing one JSON line
 * ({origin}) once listening; SIGTERM closes it.
 */
const serveScript = `
const dist = ${JSON.stringify(pathToFileURL(join(root, 'dist')).href)};
const { openStore } = await import(dist + '/store/index.js');
const { buildApp } = await import(dist + '/server/app.js');
const { compileGraphSchema } = await import(dist + '/schema/table.js');
const { defaultConfig } = await import(dist + '/config.js');
const schema = process.env.GRAPHD_BENCH_SCHEMA || undefined;
const store = await openStore(process.env.GRAPHD_BENCH_DB, schema ? { schema } : {});
const app = await buildApp({ config: defaultConfig, store, schema: compileGraphSchema() });
await app.listen({ host: '127.0.0.1', port: 0 });
process.once('SIGTERM', () => app.close().then(() => store.close()).then(() => process.exit(0), () => process.exit(1)));
process.stdout.write(JSON.stringify({ origin: 'http://127.0.0.1:' + app.server.address().port }) + '\\n');
`;

/** graphd in a child process, once it listens. */
async function startServer(url: string, schema: string | undefined): Promise<Server> {
  // GRAPHD_BENCH_NODE_ARGS: extra node flags for graphd (`--cpu-prof` to profile it, say).
  const nodeArgs = (process.env.GRAPHD_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--input-type=module', '-e', serveScript], {
    cwd: root,
    env: { ...process.env, GRAPHD_BENCH_DB: url, GRAPHD_BENCH_SCHEMA: schema ?? '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`ingest bench: graphd exited (${code}) before listening`)));
  });
  lines.close();
  const { origin } = JSON.parse(first) as { origin: string };
  return {
    origin,
    pid: child.pid!,
    async close() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

export function formatIngest(result: IngestResult, options: IngestOptions): string {
  const n = (value: number) => Math.round(value).toLocaleString('en-US');
  return [
    options.storeOnly
      ? `ingest (${options.db}, store only, in process): ${n(result.rows)} rows in ${n(result.requests)} addRows calls of ${n(BATCH_ROWS)}, ${n(options.people)} people`
      : `ingest (${options.db}): ${n(result.rows)} rows in ${n(result.requests)} requests of ${n(BATCH_ROWS)}, ${options.connections} connections, ${n(options.people)} people`,
    `  graphd     ${n(result.rowsPerSecond)} rows/s ${options.storeOnly ? 'in addRows' : 'end to end'} (${result.seconds.toFixed(1)} s), ${n(result.members)} members`,
    `  graphd CPU ${result.cpuSeconds.toFixed(1)} s, ${result.cpuMicrosPerRow.toFixed(1)} µs per row`,
    `  raw append ${n(result.rawRowsPerSecond)} rows/s (better-sqlite3, one prepared INSERT, one transaction)`,
    `  ratio      ${result.ratio.toFixed(3)}`,
    `  peak RSS   ${options.storeOnly ? 'n/a (in process)' : `${(result.peakRss / 2 ** 20).toFixed(0)} MB (graphd process)`}`,
    `  deferred   ${n(result.staged)} keys left staged, merged in ${result.mergeSeconds.toFixed(1)} s; ${n(result.rowsPerSecondMerged)} rows/s counting it`,
    `  world      built in ${result.worldSeconds.toFixed(1)} s`,
  ].join('\n');
}

export function readIngestArgs(args: string[]): IngestOptions {
  const { values } = parseArgs({
    args,
    options: {
      rows: { type: 'string' },
      people: { type: 'string' },
      connections: { type: 'string' },
      'session-rows': { type: 'string' },
      db: { type: 'string' },
      'pg-url': { type: 'string' },
      'store-only': { type: 'boolean' },
    },
    strict: false,
  });
  const number = (value: unknown, fallback: number) => (typeof value === 'string' ? Number(value.replace(/_/g, '')) : fallback);
  const options: IngestOptions = {
    ...defaultIngestOptions,
    rows: number(values.rows, defaultIngestOptions.rows),
    people: number(values.people, defaultIngestOptions.people),
    connections: number(values.connections, defaultIngestOptions.connections),
    sessionRows: number(values['session-rows'], defaultIngestOptions.sessionRows),
    db: values.db === 'postgres' ? 'postgres' : 'sqlite',
    pgUrl: typeof values['pg-url'] === 'string' ? values['pg-url'] : DEFAULT_PG_URL,
    storeOnly: values['store-only'] === true,
  };
  for (const name of ['rows', 'people', 'connections', 'sessionRows'] as const) {
    if (!Number.isInteger(options[name]) || options[name] < 1) throw new Error(`ingest bench: --${name} must be a positive integer`);
  }
  return options;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = readIngestArgs(process.argv.slice(2));
  console.log(formatIngest(await ingestBench(options), options));
}
