/**
 * The stores the store suite (and any suite that needs a store) runs against:
 * GRAPHD_TEST_STORES=sqlite,postgres (the default). PostgreSQL is at
 * GRAPHD_TEST_PG_URL or postgres://postgres@127.0.0.1:5432/test; each open() gets a
 * fresh schema, dropped on close. When PostgreSQL is down, its runs are skipped with
 * a notice, unless CI is set: then they fail, so CI can never pass without them.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe } from 'vitest';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';

export type OpenStore = () => Promise<Store>;
export interface TestStore {
  name: string;
  open: OpenStore;
}

export const PG_URL = process.env.GRAPHD_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';
const inCi = !!process.env.CI && !['0', 'false'].includes(process.env.CI.toLowerCase());
const KNOWN = ['sqlite', 'postgres'];
const requested = (process.env.GRAPHD_TEST_STORES || KNOWN.join(','))
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
const unknown = requested.filter((name) => !KNOWN.includes(name));
if (unknown.length > 0) throw new Error(`GRAPHD_TEST_STORES names unknown stores: ${unknown.join(', ')}`);

/** Why PostgreSQL cannot be used, or undefined when it can (probed once per test file). */
export const postgresProblem: string | undefined = requested.includes('postgres') ? await probe(PG_URL) : undefined;
/** True when PostgreSQL runs are skipped (down and not in CI). */
export const skipPostgres = postgresProblem !== undefined && !inCi;
if (skipPostgres) noticeOnce(`[graphd] PostgreSQL not reachable at ${redact(PG_URL)}; skipping PostgreSQL runs`);

/** The stores to run against, skipped ones left out. */
export function testStores(): TestStore[] {
  return allStores().filter((store) => !store.skipped);
}

/** describe(title [store]) once per requested store; skipped stores show as skipped, not passed. */
export function describeEachStore(title: string, fn: (open: OpenStore) => void): void {
  for (const { name, open, skipped } of allStores()) {
    (skipped ? describe.skip : describe)(`${title} [${name}]`, () => fn(open));
  }
}

/** describe(title [name]) for tests of one dialect's internals; skipped when that store is not run. */
export function describeStore(name: 'sqlite' | 'postgres', title: string, fn: () => void): void {
  const run = allStores().some((store) => store.name === name && !store.skipped);
  (run ? describe : describe.skip)(`${title} [${name}]`, fn);
}

/** Throws the loud CI error when PostgreSQL runs are required but it is down. */
export function requirePostgres(): void {
  if (postgresProblem === undefined) return;
  throw new Error(
    `[graphd] PostgreSQL not reachable at ${redact(PG_URL)} (${postgresProblem}). ` +
      'CI is set, so PostgreSQL runs are required: start PostgreSQL or point GRAPHD_TEST_PG_URL at one.',
  );
}

/** A fresh store per test, closed after it. */
export function useStore(open: OpenStore): () => Store {
  let store: Store | undefined;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  return () => {
    if (!store) throw new Error('useStore(): the store is only available inside a test');
    return store;
  };
}

function allStores(): (TestStore & { skipped: boolean })[] {
  return requested.map((name) =>
    name === 'sqlite'
      ? { name, open: openSqlite, skipped: false }
      : { name, open: openPostgres, skipped: skipPostgres },
  );
}

async function openSqlite(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'graphd-test-'));
  const store = await openStore(`sqlite:${join(dir, 'graphd.db')}`);
  const close = store.close;
  store.close = async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  };
  return store;
}

async function openPostgres(): Promise<Store> {
  requirePostgres();
  const schema = freshSchemaName();
  const store = await openStore(PG_URL, { schema });
  const close = store.close;
  store.close = async () => {
    await close();
    await dropSchema(schema);
  };
  return store;
}

/** A schema name no other test file or run uses. */
export function freshSchemaName(): string {
  return `graphd_test_${process.pid}_${randomBytes(5).toString('hex')}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

async function probe(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Test files run in separate workers, each loading this module; a marker file named
 * after the vitest main process keeps the notice to one per run.
 */
function noticeOnce(message: string): void {
  const runPid = typeof process.send === 'function' ? process.ppid : process.pid;
  try {
    closeSync(openSync(join(tmpdir(), `graphd-pg-skip-notice-${runPid}`), 'wx'));
  } catch {
    return;
  }
  console.warn(message);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
