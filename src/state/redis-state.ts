import { Redis } from 'ioredis';
import type { CounterChange, SharedState } from './shared-state.js';

const channel = 'graphd:documents';

/**
 * SharedState in Redis, so that every process behind one load balancer counts against the
 * same budgets, obeys the same fault rules and writes one journal. Keys live under a
 * prefix (`graphd:` by default) so one Redis can serve several graphd installs.
 */
export class RedisState implements SharedState {
  readonly kind = 'redis';
  private readonly listeners: Array<(name: string) => void> = [];
  private subscriber: Redis | undefined;

  private constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  static async connect(url: string, prefix = 'graphd:'): Promise<RedisState> {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableAutoPipelining: true });
    await redis.connect();
    return new RedisState(redis, prefix);
  }

  async increment(changes: readonly CounterChange[]): Promise<number[]> {
    const pipeline = this.redis.pipeline();
    for (const { key, by, windowSeconds } of changes) {
      const name = this.prefix + 'c:' + key;
      pipeline.incrby(name, by);
      // NX: the first change opens the window; later ones must not stretch it.
      pipeline.expire(name, Math.max(1, Math.ceil(windowSeconds)), 'NX');
    }
    const results = (await pipeline.exec()) ?? [];
    return changes.map((_, index) => Number(unwrap(results[index * 2])));
  }

  async read(keys: readonly string[]): Promise<number[]> {
    if (keys.length === 0) return [];
    const values = await this.redis.mget(keys.map((key) => this.prefix + 'c:' + key));
    return values.map((value) => Number(value ?? 0));
  }

  async ttl(key: string): Promise<number> {
    return Math.max(0, await this.redis.ttl(this.prefix + 'c:' + key));
  }

  async getDocument<T>(name: string): Promise<T | undefined> {
    const text = await this.redis.get(this.prefix + 'd:' + name);
    return text === null ? undefined : (JSON.parse(text) as T);
  }

  async setDocument(name: string, value: unknown): Promise<void> {
    await this.redis.set(this.prefix + 'd:' + name, JSON.stringify(value));
    await this.redis.publish(channel, this.prefix + name);
  }

  onDocumentChange(listener: (name: string) => void): void {
    this.listeners.push(listener);
    if (this.subscriber) return;
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('message', (_channel: string, message: string) => {
      if (!message.startsWith(this.prefix)) return;
      for (const each of this.listeners) each(message.slice(this.prefix.length));
    });
    void this.subscriber.subscribe(channel);
  }

  async append(log: string, entry: unknown, maxLength: number): Promise<void> {
    const name = this.prefix + 'l:' + log;
    await this.redis.multi().rpush(name, JSON.stringify(entry)).ltrim(name, -maxLength, -1).exec();
  }

  async recent<T>(log: string, limit: number): Promise<T[]> {
    const entries = await this.redis.lrange(this.prefix + 'l:' + log, -limit, -1);
    return entries.map((text) => JSON.parse(text) as T);
  }

  async clear(prefix = ''): Promise<void> {
    for (const kind of ['c:', 'd:', 'l:']) {
      const pattern = this.prefix + kind + prefix.replace(/[*?[\]\\]/g, '\\$&') + '*';
      let cursor = '0';
      do {
        const [next, keys] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
        if (keys.length > 0) await this.redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
    await this.redis.publish(channel, this.prefix + prefix);
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
    await this.redis.quit();
  }
}

function unwrap(result: [Error | null, unknown] | undefined): unknown {
  if (!result) return 0;
  if (result[0]) throw result[0];
  return result[1];
}
