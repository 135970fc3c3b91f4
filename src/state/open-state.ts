import { MemoryState } from './memory-state.js';
import { RedisState } from './redis-state.js';
import type { SharedState } from './shared-state.js';

/** In memory for one process; Redis when a URL is given (`--redis`, GRAPHD_REDIS). */
export async function openSharedState(redisUrl: string | undefined, prefix?: string): Promise<SharedState> {
  return redisUrl ? RedisState.connect(redisUrl, prefix) : new MemoryState();
}
