import type { Store } from '../../store/types.js';
import { seedBatches } from './seed-batches.js';

export const DEFAULT_BATCH_SIZE = 10_000;

export interface SeedPeopleOptions {
  /** How many people, indexes first..first+people-1 of the world `seed`. */
  people: number;
  seed: number;
  first?: number;
  batchSize?: number;
  now: number;
  /** Worker threads generating people while the batches are written (0: generate in line); one per core by default. */
  workers?: number;
  /** After each committed batch: people done so far (inserted or already there). */
  onProgress?: (done: number) => void;
}

export interface SeedPeopleResult {
  inserted: number;
  /** People whose id was already taken: seeded before with this seed (a repeated run). */
  skipped: number;
  seconds: number;
}

/**
 * Streams seeded people into the store, a batch per transaction: the people in one bulk
 * statement, and their match keys (audiences already holding their keys gain them at once;
 * the store may hold the keys back and write them all in key order at the end, after which
 * uploads match them). Memory stays at a few batches whatever the count.
 */
export async function seedPeople(store: Store, options: SeedPeopleOptions): Promise<SeedPeopleResult> {
  const started = performance.now();
  const first = options.first ?? 0;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const requests = Array.from({ length: Math.ceil(options.people / batchSize) }, (_, i) => ({
    seed: options.seed,
    from: first + i * batchSize,
    count: Math.min(batchSize, options.people - i * batchSize),
    now: options.now,
  }));
  let [inserted, done] = [0, 0];
  for await (const { people, keys } of seedBatches(requests, options.workers)) {
    inserted += await store.transaction(async (tx) => {
      const inserted = await tx.people.insertMany(people);
      // People already there but without keys were written by a run stopped before its flush.
      const fresh = new Set(inserted);
      const taken = fresh.size === people.length ? [] : people.map((person) => person.id).filter((id) => !fresh.has(id));
      const keyless = new Set([...inserted, ...(await tx.audiences.peopleWithoutMatchKeys(taken))]);
      await tx.audiences.addPeopleMatchKeys(keys.filter((entry) => keyless.has(entry.personId)), { hold: true });
      return inserted.length;
    });
    options.onProgress?.((done += people.length));
  }
  await store.audiences.flushPeopleMatchKeys();
  return { inserted, skipped: options.people - inserted, seconds: (performance.now() - started) / 1000 };
}
