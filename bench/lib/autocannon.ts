/** The one load generator every bench uses: autocannon's programmatic API, warm-up included. */
import { createRequire } from 'node:module';

export interface LoadOptions {
  url: string;
  /** Concurrent keep-alive connections. */
  connections: number;
  /** Measured seconds. */
  duration: number;
  /** Unmeasured seconds before the measured run (JIT, caches, connection setup). */
  warmup: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Latency percentiles, milliseconds, at autocannon's 1 ms resolution (0 means under 1 ms). */
  p50: number;
  p99: number;
  requests: number;
}

/** The part of autocannon's result this helper reads (the package ships no types). */
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number }) => Promise<AutocannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** Warms up, then loads `url`; any non-2xx answer, error or timeout fails the measurement. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const { url, connections } = options;
  if (options.warmup > 0) check(url, await autocannon({ url, connections, duration: options.warmup }));
  const result = check(url, await autocannon({ url, connections, duration: options.duration }));
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
  };
}

function check(url: string, result: AutocannonResult): AutocannonResult {
  const { non2xx, errors, timeouts } = result;
  if (non2xx + errors + timeouts > 0) {
    throw new Error(`${redactToken(url)}: ${non2xx} non-2xx answers, ${errors} errors, ${timeouts} timeouts`);
  }
  return result;
}

export function redactToken(url: string): string {
  return url.replace(/access_token=[^&]+/, 'access_token=…');
}
