/**
 * `npm run bench [-- --duration 10 --connections 10 --warmup 2 --in-process --only read|ingest|seed|lookalike
 * --rows 1000000 --db sqlite|postgres]`: runs every bench (read, then ingest) and prints a
 * summary. Exits 1 when a figure misses its target.
 */
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { defaultIngestOptions, formatIngest, ingestBench, readIngestArgs } from './ingest.js';
import { readBench } from './read.js';
import { formatLookalike, lookalikeBench, readLookalikeArgs } from './lookalike.js';
import { formatSeed, readSeedArgs, seedBench } from './seed.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    'in-process': { type: 'boolean', default: false },
    only: { type: 'string' },
    // Passed to the ingest bench (bench/ingest.ts).
    rows: { type: 'string' },
    people: { type: 'string' },
    db: { type: 'string' },
    'pg-url': { type: 'string' },
    'ingest-connections': { type: 'string' },
  },
});
const options = {
  duration: Number(values.duration),
  connections: Number(values.connections),
  warmup: Number(values.warmup),
  inProcess: values['in-process'],
};
const targets = { read: 0.6, ingest: 0.35, ingestRssBytes: 300 * 2 ** 20, seedSecondsPerMillion: 60, lookalikeSeconds: 30 };
const benches = values.only ? [values.only] : ['read', 'ingest', 'seed'];
for (const name of benches) if (!['read', 'ingest', 'seed', 'lookalike'].includes(name)) throw new Error(`--only takes read, ingest, seed or lookalike, not ${name}`);

console.log(`node ${process.version}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${loadavg()[0].toFixed(2)}\n`);
const verdicts: string[] = [];
const verdict = (line: string, ok: boolean) => {
  verdicts.push(`${line} ${ok ? 'ok' : 'BELOW TARGET'}`);
  if (!ok) process.exitCode = 1;
};

if (benches.includes('read')) {
  console.log(
    `read: ${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s measured; ` +
      `servers ${options.inProcess ? 'in this process' : 'in child processes'}\n`,
  );
  const read = await readBench(options);
  const rows = [
    ['bench', 'server', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'graphd/bare'],
    ['read', 'graphd', fixed(read.graphd.requestsPerSecond, 0), fixed(read.graphd.p50, 0), fixed(read.graphd.p99, 0), String(read.graphd.requests), fixed(read.ratio, 2)],
    ['read', 'bare', fixed(read.bare.requestsPerSecond, 0), fixed(read.bare.p50, 0), fixed(read.bare.p99, 0), String(read.bare.requests), ''],
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) console.log(row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));
  console.log(`\nresponse headers: graphd ${read.headerCounts.graphd}, bare ${read.headerCounts.bare}\n`);
  verdict(`read: graphd/bare = ${fixed(read.ratio, 2)} (target >= ${targets.read})`, read.ratio >= targets.read);
}

if (benches.includes('ingest')) {
  const passed = Object.entries({ rows: values.rows, people: values.people, db: values.db, 'pg-url': values['pg-url'], connections: values['ingest-connections'] })
    .filter(([, value]) => value !== undefined)
    .flatMap(([name, value]) => [`--${name}`, value!]);
  const ingestOptions = passed.length > 0 ? readIngestArgs(passed) : defaultIngestOptions;
  const ingest = await ingestBench(ingestOptions);
  console.log(`${formatIngest(ingest, ingestOptions)}\n`);
  verdict(`ingest: graphd/raw append = ${fixed(ingest.ratio, 3)} (target >= ${targets.ingest})`, ingest.ratio >= targets.ingest);
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
  verdict(`ingest: peak RSS ${mb(ingest.peakRss)} MB (target <= ${mb(targets.ingestRssBytes)} MB)`, ingest.peakRss <= targets.ingestRssBytes);
}

if (benches.includes('seed')) {
  // --people here is the ingest world's size; the seed bench always seeds its million.
  const seed = await seedBench(readSeedArgs([]));
  console.log(`${formatSeed(seed)}\n`);
  verdict(`seed: ${fixed(seed.secondsPerMillion, 1)} s per million people (target <= ${targets.seedSecondsPerMillion})`, seed.secondsPerMillion <= targets.seedSecondsPerMillion);
}

if (benches.includes('lookalike')) {
  // Only with --only lookalike (it seeds its own world); --people sizes it, a million by default.
  const lookalike = await lookalikeBench(readLookalikeArgs(values.people ? ['--people', values.people] : []));
  console.log(`${formatLookalike(lookalike)}\n`);
  verdict(`lookalike: build ${fixed(lookalike.buildSeconds, 1)} s for ${lookalike.people} people (target <= ${targets.lookalikeSeconds} s)`, lookalike.buildSeconds <= targets.lookalikeSeconds);
}

for (const line of verdicts) console.log(line);

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}
