import type { Store } from '../../store/types.js';
import { seededMatchKeys, seededPerson } from './seeded-person.js';

export const DEFAULT_BATCH_SIZE = 10_000;

export interface SeedPeopleOptions {
  /** How many people, indexes first..first+people-1 of the world `seed`. */
  people: number;
  seed: number;
  first?: number;
  batchSize?: number;
  now: number;
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
 * statement, then their match keys (so uploads match them, and audiences already holding
 * their keys gain them). Memory stays at one batch whatever the count.
 */
export async function seedPeople(store: Store, options: SeedPeopleOptions): Promise<SeedPeopleResult> {
  const started = performance.now();
  const first = options.first ?? 0;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let inserted = 0;
  for (let from = first; from < first + options.people; from += batchSize) {
    const count = Math.min(batchSize, first + options.people - from);
    const people = Array.from({ length: count }, (_, i) => seededPerson(options.seed, from + i, options.now));
    const keys = people.map((person) => ({ personId: person.id, keys: seededMatchKeys(person) }));
    inserted += await store.transaction(async (tx) => {
      const ids = new Set(await tx.people.insertMany(people));
      await tx.audiences.addPeopleMatchKeys(keys.filter((entry) => ids.has(entry.personId)));
      return ids.size;
    });
    options.onProgress?.(from + count - first);
  }
  return { inserted, skipped: options.people - inserted, seconds: (performance.now() - started) / 1000 };
}
