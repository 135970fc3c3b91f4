/**
 * Seed bench: `graphd seed --people N` into a fresh SQLite file (generation, match keys and
 * the bulk writes, as the CLI runs them), and beside it, in the same run, a raw better-sqlite3
 * write of the same people and keys (one prepared multi-row INSERT per table, one transaction
 * per batch, no graphd layers, generation not timed): ratio = graphd people/s ÷ raw people/s.
 *
 *   npx tsx bench/seed.ts [--people 1000000] [--batch-size 5000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { openStore } from '../src/store/index.js';
import { DEFAULT_BATCH_SIZE, seedPeople } from '../src/world/seeding/seed-people.js';
import { seededMatchKeys, seededPerson, type SeededPerson } from '../src/world/seeding/seeded-person.js';

export interface SeedBenchOptions {
  people: number;
  batchSize: number;
}

export interface SeedBenchResult {
  people: number;
  seconds: number;
  peoplePerSecond: number;
  /** Seconds a million people take at this rate. */
  secondsPerMillion: number;
  rawPeoplePerSecond: number;
  ratio: number;
}

const SEED = 1;
const ROWS_PER_STATEMENT = 500;

export async function seedBench(options: SeedBenchOptions): Promise<SeedBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'graphd-seed-bench-'));
  const now = Math.floor(Date.now() / 1000);
  try {
    const store = await openStore(`sqlite:${join(dir, 'graphd.sqlite')}`);
    let result;
    try {
      result = await seedPeople(store, {
        people: options.people,
        seed: SEED,
        batchSize: options.batchSize,
        now,
        onProgress: (done) => done % 100_000 === 0 && process.stderr.write(`[seed] ${done} people\n`),
      });
    } finally {
      await store.close();
    }
    const rawSeconds = rawWrite(join(dir, 'raw.sqlite'), options, now);
    const peoplePerSecond = options.people / result.seconds;
    const rawPeoplePerSecond = options.people / rawSeconds;
    return {
      people: options.people,
      seconds: result.seconds,
      peoplePerSecond,
      secondsPerMillion: 1_000_000 / peoplePerSecond,
      rawPeoplePerSecond,
      ratio: peoplePerSecond / rawPeoplePerSecond,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const COLUMNS = ['id', 'first_name', 'last_name', 'email', 'phone', 'birthday', 'gender', 'city', 'state', 'zip', 'country', 'profile'] as const;

/** The same people and keys written with plain prepared statements into plain tables; returns the seconds spent writing. */
function rawWrite(path: string, options: SeedBenchOptions, now: number): number {
  const db = new SqliteDatabase(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(`create table people (${COLUMNS.map((c) => `${c} text`).join(', ')}, primary key (id)) without rowid`);
    db.exec('create table person_match_keys (match_key blob, person_id text, primary key (match_key, person_id)) without rowid');
    db.exec('create index person_match_keys_person_id_idx on person_match_keys (person_id)');
    const people = (n: number) => db.prepare(`insert into people values ${Array(n).fill(`(${COLUMNS.map(() => '?').join(', ')})`).join(', ')}`);
    const keys = (n: number) => db.prepare(`insert into person_match_keys values ${Array(n).fill('(?, ?)').join(', ')}`);
    const [fullPeople, fullKeys] = [people(ROWS_PER_STATEMENT), keys(ROWS_PER_STATEMENT)];
    const write = db.transaction((batch: SeededPerson[], batchKeys: [Buffer, string][]) => {
      for (let i = 0; i < batch.length; i += ROWS_PER_STATEMENT) {
        const slice = batch.slice(i, i + ROWS_PER_STATEMENT);
        const values = slice.flatMap((p) => COLUMNS.map((c) => (c === 'profile' ? JSON.stringify(p.profile) : p[c])));
        (slice.length === ROWS_PER_STATEMENT ? fullPeople : people(slice.length)).run(values);
      }
      for (let i = 0; i < batchKeys.length; i += ROWS_PER_STATEMENT) {
        const slice = batchKeys.slice(i, i + ROWS_PER_STATEMENT);
        (slice.length === ROWS_PER_STATEMENT ? fullKeys : keys(slice.length)).run(slice.flat());
      }
    });
    let seconds = 0;
    for (let from = 0; from < options.people; from += options.batchSize) {
      const batch = Array.from({ length: Math.min(options.batchSize, options.people - from) }, (_, i) => seededPerson(SEED, from + i, now));
      const batchKeys = batch.flatMap((p) => seededMatchKeys(p).map((key): [Buffer, string] => [key, p.id]));
      const started = performance.now();
      write(batch, batchKeys);
      seconds += (performance.now() - started) / 1000;
    }
    return seconds;
  } finally {
    db.close();
  }
}

export function formatSeed(result: SeedBenchResult): string {
  return [
    `seed: ${result.people} people into SQLite in ${result.seconds.toFixed(1)} s = ${result.peoplePerSecond.toFixed(0)} people/s ` +
      `(${result.secondsPerMillion.toFixed(1)} s per million)`,
    `raw better-sqlite3 writes of the same rows: ${result.rawPeoplePerSecond.toFixed(0)} people/s; graphd/raw = ${result.ratio.toFixed(3)}`,
  ].join('\n');
}

export function readSeedArgs(args: string[]): SeedBenchOptions {
  const { values } = parseArgs({ args, options: { people: { type: 'string', default: '1000000' }, 'batch-size': { type: 'string', default: String(DEFAULT_BATCH_SIZE) } } });
  return { people: Number(values.people), batchSize: Number(values['batch-size']) };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatSeed(await seedBench(readSeedArgs(process.argv.slice(2)))));
}
