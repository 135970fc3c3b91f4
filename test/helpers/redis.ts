/**
 * Redis for the tests that share state across processes: GRAPHD_TEST_REDIS_URL or
 * redis://127.0.0.1:6379. When it is down those tests are skipped with a notice, unless
 * CI is set: then they fail, so CI can never pass without them (as PostgreSQL's do).
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.GRAPHD_TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const inCi = !!process.env.CI && !['0', 'false'].includes(process.env.CI.toLowerCase());

/** Why Redis cannot be used, or undefined when it can (probed once per test file). */
export const redisProblem: string | undefined = await probe(REDIS_URL);
/** True when Redis-backed tests are skipped (down and not in CI). */
export const skipRedis = redisProblem !== undefined && !inCi;
if (skipRedis) console.warn(`[graphd] Redis not reachable at ${REDIS_URL}; skipping tests that need Redis`);

/** Throws the loud CI error when Redis is required but down. */
export function requireRedis(): void {
  if (redisProblem === undefined) return;
  throw new Error(`[graphd] Redis not reachable at ${REDIS_URL} (${redisProblem}). CI is set, so Redis tests are required: start Redis or point GRAPHD_TEST_REDIS_URL at one.`);
}

/** A key prefix no other test run uses. */
export function freshRedisPrefix(): string {
  return `graphd_test_${process.pid}_${randomBytes(4).toString('hex')}:`;
}

/** Deletes every key under a prefix (a test's own leftovers). */
export async function dropRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function probe(url: string): Promise<string | undefined> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2_000, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    redis.disconnect();
  }
}
