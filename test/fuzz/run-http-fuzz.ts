/**
 * The long HTTP fuzz run: `npm run fuzz` (10,000 requests), or
 * `tsx test/fuzz/run-http-fuzz.ts --requests N --seed S --concurrency C`.
 * Prints counts per category and per status and exits 1 on any violation or crash.
 */
import { parseArgs } from 'node:util';
import { runFuzz, startFuzzTarget } from './http-fuzzer.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' }, concurrency: { type: 'string', default: '8' } } });
const target = await startFuzzTarget();
try {
  const report = await runFuzz(target, { requests: Number(values.requests), seed: Number(values.seed), concurrency: Number(values.concurrency) });
  console.log(`${report.requests} requests, seed ${report.seed}, ${report.seconds.toFixed(1)} s, ${(report.requests / report.seconds).toFixed(0)} requests/s`);
  console.table(report.byCategory);
  console.table(report.byStatus);
  console.log(`violations: ${report.violations.length}, crashes: ${report.crashes.length}, healthy afterwards: ${report.healthy}`);
  for (const violation of report.violations.slice(0, 20)) console.log(violation);
  for (const crash of report.crashes.slice(0, 5)) console.log(crash);
  process.exitCode = report.violations.length === 0 && report.crashes.length === 0 && report.healthy ? 0 : 1;
} finally {
  await target.close();
}
