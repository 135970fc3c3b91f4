import { nowSeconds } from '../../store/ids.js';
import type { Store } from '../../store/types.js';
import { computeLookalike } from './build.js';

/**
 * Worlds up to this many people build inside the create request (well under a second), so
 * a client sees the lookalike as the mode says at once; larger ones build in the background.
 */
export const inlineBuildLimit = 25_000;

/** A failed build is tried once more (434 "retrying" meanwhile) before it reads 432. */
const attempts = 2;

/**
 * The lookalike builds of one store: one at a time per process, in the order asked. A
 * build ends by writing the members and settling the audience on 200 in one transaction,
 * so no read shows 200 before the members are there (docs/lookalikes.md).
 */
export class LookalikeBuilds {
  private queue: Promise<void> = Promise.resolve();
  private readonly waiting = new Set<string>();

  constructor(private readonly store: Store) {}

  /** Builds the lookalike now if the world is small, else queues it; answers once built or queued. */
  async start(audienceId: string, now: number): Promise<void> {
    if ((await this.store.people.count()) <= inlineBuildLimit) return this.build(audienceId, now);
    this.enqueue(audienceId, now);
  }

  enqueue(audienceId: string, now: number): void {
    if (this.waiting.has(audienceId)) return;
    this.waiting.add(audienceId);
    this.queue = this.queue.then(() => {
      this.waiting.delete(audienceId);
      return this.build(audienceId, now);
    });
  }

  /** Resolves when every queued build has ended. */
  idle(): Promise<void> {
    return this.queue;
  }

  /** Never throws: how the build ended is the audience's operation_status. */
  async build(audienceId: string, now: number): Promise<void> {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const audience = await this.store.audiences.get(audienceId).catch(() => undefined);
      if (!audience || audience.subtype !== 'LOOKALIKE') return;
      try {
        const { members } = await computeLookalike(this.store, audience, now);
        await this.store.transaction(async (tx) => {
          await tx.audiences.setMembers(audienceId, members, now);
          await tx.audiences.settleOn(audienceId, 200);
        });
        return;
      } catch (error) {
        // Deleted while it was built: nothing left to tell.
        if (!(await this.store.audiences.get(audienceId).catch(() => undefined))) return;
        const last = attempt === attempts;
        process.emitWarning(`graphd: lookalike ${audienceId} build failed${last ? '' : ', retrying'}: ${error instanceof Error ? error.message : String(error)}`);
        await this.store.audiences.settleOn(audienceId, last ? 432 : 434).catch(() => undefined);
      }
    }
  }
}

const perStore = new WeakMap<Store, LookalikeBuilds>();

/** The builds of this store in this process. */
export function lookalikeBuilds(store: Store): LookalikeBuilds {
  let builds = perStore.get(store);
  if (!builds) {
    builds = new LookalikeBuilds(store);
    perStore.set(store, builds);
  }
  return builds;
}

/**
 * Queues the lookalikes a stopped process left unbuilt (441 with no members is stored
 * state, so a restart picks them up); answers how many. Run when a server starts.
 */
export async function resumeLookalikeBuilds(store: Store): Promise<number> {
  const unbuilt = await store.audiences.unbuiltLookalikes();
  const builds = lookalikeBuilds(store);
  for (const id of unbuilt) builds.enqueue(id, nowSeconds());
  return unbuilt.length;
}
