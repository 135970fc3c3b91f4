import { randomInt } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { openStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import { seededSample, storeSample, writeCustomerList } from '../world/seeding/customer-list.js';
import { DEFAULT_BATCH_SIZE, seedPeople } from '../world/seeding/seed-people.js';
import { configFrom } from './config.js';

interface SeedFlags {
  people?: string;
  randomSeed?: string;
  batchSize?: string;
  db?: string;
  dataDir?: string;
  emitCsv?: string;
  overlap: string;
  rows?: string;
}

/** `graphd seed`: synthetic people straight into the store (no server needed), and customer lists to upload. */
export function registerSeedCommands(program: Command): void {
  program
    .command('seed')
    .description('Add synthetic people to the store, and/or write a customer list that partly matches them')
    .option('--people <n>', 'people to add')
    .option('--random-seed <n>', 'the same seed gives the same people (default: random, printed)')
    .option('--batch-size <n>', `people per transaction (default ${DEFAULT_BATCH_SIZE})`)
    .option('--db <url>', 'sqlite:PATH or postgres://... (GRAPHD_DB)')
    .option('--data-dir <dir>', 'where the SQLite file lives (GRAPHD_DATA_DIR)')
    .option('--emit-csv <file>', 'write a raw customer list (CSV) to this file')
    .option('--overlap <fraction>', "fraction of the list's rows that are people of the store", '0.6')
    .option('--rows <n>', 'rows of the customer list (default: --people, or 1000)')
    .action(seed);
}

function wholeNumber(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`${flag} must be a whole number of at least ${min}: ${text}`);
  return value;
}

async function seed(flags: SeedFlags): Promise<void> {
  const people = wholeNumber('--people', flags.people, 1);
  const batchSize = wholeNumber('--batch-size', flags.batchSize, 1) ?? DEFAULT_BATCH_SIZE;
  const randomSeed = wholeNumber('--random-seed', flags.randomSeed, 0) ?? randomInt(2 ** 31);
  const overlap = Number(flags.overlap);
  if (!(overlap >= 0 && overlap <= 1)) throw new Error(`--overlap must be a fraction between 0 and 1: ${flags.overlap}`);
  const rows = wholeNumber('--rows', flags.rows, 1) ?? people ?? 1_000;
  if (people === undefined && flags.emitCsv === undefined) throw new Error('graphd seed needs --people N, --emit-csv FILE or both');

  const { db } = configFrom({ db: flags.db, dataDir: flags.dataDir });
  const store = await openStore(db);
  const now = Math.floor(Date.now() / 1000);
  try {
    if (people !== undefined) {
      const result = await withProgress(people, (onProgress) => seedPeople(store, { people, seed: randomSeed, batchSize, now, onProgress }));
      const rate = Math.round(people / Math.max(result.seconds, 1e-3));
      const skipped = result.skipped > 0 ? `, ${result.skipped} already there` : '';
      console.log(`seeded ${result.inserted} people in ${result.seconds.toFixed(1)} s (${rate} people/s${skipped}), --random-seed ${randomSeed}`);
    }
    if (flags.emitCsv !== undefined) await emitCsv(store, flags.emitCsv, { rows, overlap, seed: randomSeed, now, people });
  } finally {
    await store.close();
  }
}

async function emitCsv(store: Store, file: string, options: { rows: number; overlap: number; seed: number; now: number; people?: number }): Promise<void> {
  const sample = options.people === undefined ? storeSample(store, options.seed) : seededSample(options.seed, 0, options.people, options.now);
  const out = createWriteStream(file);
  const result = await writeCustomerList(out, sample, options);
  out.end();
  await finished(out);
  console.log(`wrote ${result.rows} rows to ${file}: ${result.matched} of them people of the store (${((100 * result.matched) / result.rows).toFixed(1)}%)`);
}

/** A progress bar on a terminal (people, people/s, ETA); nothing when output is piped. */
async function withProgress<T>(total: number, run: (onProgress: (done: number) => void) => Promise<T>): Promise<T> {
  if (!process.stderr.isTTY) return run(() => {});
  const bar = new cliProgress.SingleBar(
    { format: '{bar} {value}/{total} people | {rate} people/s | ETA {eta_formatted}', stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  bar.start(total, 0, { rate: 0 });
  try {
    return await run((done) => bar.update(done, { rate: Math.round(done / ((performance.now() - started) / 1000)) }));
  } finally {
    bar.stop();
  }
}
