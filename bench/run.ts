/**
 * `npm run bench [-- --duration 10 --connections 10 --warmup 2 --in-process]`: runs every
 * bench (only `read` so far) and prints a summary table. Exits 1 when a ratio misses its target.
 */
import { availableParallelism, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { readBench } from './read.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    'in-process': { type: 'boolean', default: false },
  },
});
const options = {
  duration: Number(values.duration),
  connections: Number(values.connections),
  warmup: Number(values.warmup),
  inProcess: values['in-process'],
};
const target = 0.6;

console.log(
  `node ${process.version}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; ` +
    `${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s measured; ` +
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
console.log(`\nresponse headers: graphd ${read.headerCounts.graphd}, bare ${read.headerCounts.bare}`);

const ok = read.ratio >= target;
console.log(`read: graphd/bare = ${fixed(read.ratio, 2)} (target >= ${target}) ${ok ? 'ok' : 'BELOW TARGET'}`);
if (!ok) process.exitCode = 1;

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}
