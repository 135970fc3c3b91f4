/**
 * `npm run soak [-- --minutes 10 --rate 60 --sample-seconds 5]`: a bounded soak of one real
 * `graphd serve` on loopback (issue 7 §5). Small rate limits are configured (10-second
 * windows) and autocannon drives a mix of calls at twice them: GET /me, audience reads,
 * audience lists and small uploads. Prints requests, HTTP statuses, Graph error codes and
 * the process's RSS samples; exits 1 unless every error was a rate-limit error, nothing
 * answered 5xx, and memory stayed flat.
 *
 * Flat: after a warm-up (the first tenth of the run, at least 30 s), the median RSS of the
 * last quarter of the samples is within 10% of the median of the first quarter.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startGraphd } from '../test/helpers/processes.js';
import { statusBytes } from './lib/rss.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    // Requests per second over all connections: twice the budgets below.
    rate: { type: 'string', default: '60' },
    'sample-seconds': { type: 'string', default: '5' },
  },
});
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const sampleSeconds = Number(values['sample-seconds']);
if (!(minutes > 0 && rate > 0 && sampleSeconds > 0)) throw new Error('--minutes, --rate and --sample-seconds take positive numbers');

const windowSeconds = 10;
/** Budgets per window at half the driven rate: every call counts on the user, 3 of 4 on the ad account too. */
const budgets = {
  window_seconds: windowSeconds,
  user_calls: Math.round((rate / 2) * windowSeconds),
  custom_audience_calls: Math.round(((rate * 3) / 4 / 2) * windowSeconds),
  per_active_audience: 0,
};
const rateLimitCodes = new Set([4, 17, 32, 613, 80003, 80004]);
const flatTolerance = 0.1;

interface AutocannonRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
  onResponse?: (status: number, body: string) => void;
}
interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number };
  statusCodeStats: Record<string, { count: number }>;
  errors: number;
  timeouts: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: {
  url: string;
  connections: number;
  duration: number;
  overallRate: number;
  requests: AutocannonRequest[];
}) => Promise<AutocannonResult>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const adminToken = 'graphd_admin_soak';
const dir = mkdtempSync(join(tmpdir(), 'graphd-soak-'));
const host = await startGraphd(['--data-dir', dir, '--admin-token', adminToken, '--rate-limits', 'standard']);
try {
  const token = /user token\s+(\S+)/.exec(host.output())![1];
  const act = /ad account\s+(act_\d+)/.exec(host.output())![1];
  const audienceId = await prepareAudience(host.url, token, act);
  await control(host.url, 'PATCH', '/_graphd/settings', { rate_limits: { enabled: true, tier: 'standard', budgets } });

  const errorCodes = new Map<string, number>();
  const tally = (status: number, body: string) => {
    if (status < 400) return;
    let code = 'unparsed';
    try {
      const error = (JSON.parse(body) as { error?: { code?: number } }).error;
      code = String(error?.code ?? 'none');
    } catch {
      // A body that is not Graph JSON is itself a finding: counted as "unparsed".
    }
    errorCodes.set(code, (errorCodes.get(code) ?? 0) + 1);
  };
  const base = (path: string) => `/v21.0/${path}${path.includes('?') ? '&' : '?'}access_token=${token}`;
  const requests: AutocannonRequest[] = [
    { method: 'GET', path: base('me?fields=id,name'), onResponse: tally },
    { method: 'GET', path: base(`${audienceId}?fields=id,name,approximate_count_lower_bound,operation_status`), onResponse: tally },
    { method: 'GET', path: base(`${act}/customaudiences?fields=id,name&limit=5`), onResponse: tally },
    {
      method: 'POST',
      path: base(`${audienceId}/users`),
      headers: { 'content-type': 'application/json' },
      // Fresh rows every time: the audience grows as a real sync's would.
      setupRequest: (request) => ({ ...request, body: uploadBody() }),
      onResponse: tally,
    },
  ];

  console.log(
    `soak: ${minutes} min at ${rate} req/s (twice the budgets: user_calls ${budgets.user_calls} and custom_audience_calls ` +
      `${budgets.custom_audience_calls} per ${windowSeconds} s), graphd pid ${host.pid}, ${availableParallelism()} cores, node ${process.version}`,
  );
  const samples: { second: number; rss: number }[] = [];
  const started = Date.now();
  const sample = () => samples.push({ second: Math.round((Date.now() - started) / 1000), rss: statusBytes(host.pid, 'VmRSS') ?? 0 });
  sample();
  const sampler = setInterval(sample, sampleSeconds * 1000);
  const result = await autocannon({ url: host.url, connections: 10, duration: minutes * 60, overallRate: rate, requests });
  clearInterval(sampler);
  sample();

  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, Number(count)]));
  const fiveHundreds = Object.entries(statuses).filter(([status]) => Number(status) >= 500).reduce((sum, [, count]) => sum + count, 0);
  const otherErrors = [...errorCodes].filter(([code]) => !rateLimitCodes.has(Number(code)));
  const memory = flatness(samples, Math.max(30, minutes * 6));

  console.log(`requests ${result.requests.total} (${result.requests.average.toFixed(1)}/s), p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
  console.log(`HTTP statuses ${JSON.stringify(statuses)}; socket errors ${result.errors}, timeouts ${result.timeouts}`);
  console.log(`Graph error codes ${JSON.stringify(Object.fromEntries(errorCodes))}`);
  console.log(`RSS MiB every ${sampleSeconds} s: ${samples.map((s) => mib(s.rss)).join(' ')}`);
  console.log(
    `RSS after warm-up: first-quarter median ${mib(memory.firstMedian)} MiB, last-quarter median ${mib(memory.lastMedian)} MiB ` +
      `(${(memory.change * 100).toFixed(1)}%), slope ${memory.slopeMibPerMinute.toFixed(2)} MiB/min`,
  );
  const verdicts = [
    ['only rate-limit errors', otherErrors.length === 0, otherErrors.length ? JSON.stringify(Object.fromEntries(otherErrors)) : ''],
    ['no 5xx', fiveHundreds === 0, String(fiveHundreds)],
    ['no socket errors or timeouts', result.errors + result.timeouts === 0, ''],
    ['rate limits refused calls', [...errorCodes.keys()].some((code) => rateLimitCodes.has(Number(code))), ''],
    [`RSS flat (within ${flatTolerance * 100}%)`, Math.abs(memory.change) <= flatTolerance, ''],
  ] as const;
  for (const [name, ok, detail] of verdicts) console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
  if (verdicts.some(([, ok]) => !ok)) process.exitCode = 1;
} finally {
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
}

function uploadBody(): string {
  const data = Array.from({ length: 10 }, () => sha256(`${randomBytes(8).toString('hex')}@soak.example`));
  return JSON.stringify({ payload: { schema: 'EMAIL_SHA256', data } });
}

/** Terms accepted and one customer list to read and feed (before the small budgets apply). */
async function prepareAudience(url: string, token: string, act: string): Promise<string> {
  const graph = async (method: string, path: string, params: Record<string, string> = {}) => {
    const query = new URLSearchParams({ access_token: token, ...params });
    const response = method === 'GET' ? await fetch(`${url}/v21.0/${path}?${query}`) : await fetch(`${url}/v21.0/${path}`, { method, body: query });
    const json = (await response.json()) as any;
    if (response.status !== 200) throw new Error(`${method} ${path}: ${JSON.stringify(json)}`);
    return json;
  };
  const tos = await graph('GET', `${act}/customaudiencestos`);
  await graph('POST', `${act}/customaudiencestos`, { tos_id: tos.data[0].id });
  return (await graph('POST', `${act}/customaudiences`, { name: 'Soak', subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY' })).id;
}

async function control(url: string, method: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status !== 200) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
}

/** Medians of the first and last quarter of the samples after `warmupSeconds`, and the least-squares slope. */
function flatness(samples: { second: number; rss: number }[], warmupSeconds: number) {
  const steady = samples.filter((s) => s.second >= warmupSeconds);
  const quarter = Math.max(1, Math.floor(steady.length / 4));
  const firstMedian = median(steady.slice(0, quarter).map((s) => s.rss));
  const lastMedian = median(steady.slice(-quarter).map((s) => s.rss));
  const meanX = steady.reduce((sum, s) => sum + s.second, 0) / steady.length;
  const meanY = steady.reduce((sum, s) => sum + s.rss, 0) / steady.length;
  const covariance = steady.reduce((sum, s) => sum + (s.second - meanX) * (s.rss - meanY), 0);
  const variance = steady.reduce((sum, s) => sum + (s.second - meanX) ** 2, 0);
  const slopeBytesPerSecond = variance === 0 ? 0 : covariance / variance;
  return { firstMedian, lastMedian, change: firstMedian === 0 ? 0 : (lastMedian - firstMedian) / firstMedian, slopeMibPerMinute: (slopeBytesPerSecond * 60) / 2 ** 20 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}
