import type { Store } from '../../store/types.js';

/** How long a count stands in for the real one: the budget moves by 40 a audience, it need not be exact. */
const freshForSeconds = 60;
/** Past this many ad accounts, stale entries are dropped before adding one. */
const pruneAbove = 10_000;

/**
 * The number of an ad account's custom audiences (Meta's "active" ones: graphd counts those
 * not deleted), for `base + 40 x active`, read from the store at most once a minute per
 * account and process rather than on every call.
 */
export class ActiveAudiences {
  private readonly counts = new Map<string, { count: number; readAt: number } | Promise<number>>();

  constructor(private readonly store: Store) {}

  async of(adAccountId: string, now: number): Promise<number> {
    const entry = this.counts.get(adAccountId);
    if (entry instanceof Promise) return entry;
    if (entry && isFresh(entry, now)) return entry.count;
    if (this.counts.size > pruneAbove) this.prune(now);
    const loading = this.store.audiences.count(adAccountId);
    this.counts.set(adAccountId, loading);
    try {
      const count = await loading;
      this.counts.set(adAccountId, { count, readAt: now });
      return count;
    } catch (error) {
      this.counts.delete(adAccountId);
      throw error;
    }
  }

  private prune(now: number): void {
    for (const [id, entry] of this.counts) if (!(entry instanceof Promise) && !isFresh(entry, now)) this.counts.delete(id);
  }
}

/** Read within the last minute; a clock moved back (tests) makes a count stale too. */
function isFresh(entry: { readAt: number }, now: number): boolean {
  return now >= entry.readAt && now - entry.readAt < freshForSeconds;
}
