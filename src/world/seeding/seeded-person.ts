import { Faker, en } from '@faker-js/faker';
import { matchKeysOf } from '../../people/match-keys.js';
import type { NewPerson } from '../../store/types.js';
import { worldPlaces } from '../places.js';
import { syntheticPerson } from '../synthetic-person.js';
import { fastRandomizer } from './fast-randomizer.js';

export type SeededPerson = NewPerson & { id: string };

/** One faker for all seeding, reseeded per person (seeding is synchronous, so never shared mid-person). */
const randomizer = fastRandomizer();
export const seedFaker = new Faker({ locale: [en], randomizer });

/** Seeded people write to these; customer lists' fresh (unmatched) people use others. */
const SEEDED_DOMAINS = ['example.com', 'example.net'];
export const FRESH_DOMAINS = ['example.org'];

/**
 * Independent streams of draws under one seed: the world's people, their id block, and a
 * customer list's fresh people, sampled people, row order and noise.
 */
export const STREAM = { seeded: 0, fresh: 1, ids: 2, sample: 3, rowOrder: 4, noise: 5 } as const;

/** Positions the faker at (seed, stream, index): everything drawn next depends on these alone. */
export function seedAt(seed: number, stream: number, index: number): Faker {
  randomizer.seed([seed, stream, index]);
  return seedFaker;
}

/** Midnight UTC on 1 January of now's year: ages are drawn against it, so a seed gives the same people all year. */
export function referenceTime(now: number): number {
  return Date.UTC(new Date(now * 1000).getUTCFullYear(), 0, 1) / 1000;
}

/** Each seed owns a block of this many consecutive person ids. */
const ID_BLOCK = 1_000_000_000;
const ID_BLOCKS = 8_000_000;

/**
 * Person ids are 16 digits: a block chosen by the seed, then the index. Consecutive ids keep
 * the people table's and person_match_keys' person_id B-trees appending at their right edge
 * instead of touching a random page per person (a third less write time on SQLite). Person
 * ids never leave graphd (the API shows app-scoped ids), so their order reveals nothing.
 */
export function seededPersonId(seed: number, index: number): string {
  if (!Number.isSafeInteger(index) || index < 0 || index >= ID_BLOCK) throw new RangeError(`graphd seed: person index out of range: ${index}`);
  const block = seedAt(seed, STREAM.ids, 0).number.int({ min: 0, max: ID_BLOCKS - 1 });
  return String(1_000_000_000_000_000 + block * ID_BLOCK + index);
}

/**
 * Person `index` of the world `seed`: the same person (id included) whenever it is asked
 * for, whatever was generated before, so a run can be repeated or continued in chunks.
 */
export function seededPerson(seed: number, index: number, now: number): SeededPerson {
  return generate(seed, STREAM.seeded, index, now, SEEDED_DOMAINS, seededPersonId(seed, index));
}

/** A person of nobody's world (never stored): same realism, an email domain no seeded person uses. */
export function freshPerson(seed: number, index: number, now: number): SeededPerson {
  return generate(seed, STREAM.fresh, index, now, FRESH_DOMAINS, `fresh-${index}`);
}

function generate(seed: number, stream: number, index: number, now: number, domains: readonly string[], id: string): SeededPerson {
  const faker = seedAt(seed, stream, index);
  return { ...syntheticPerson(faker, referenceTime(now), { places: worldPlaces, domains }), id, created_time: now };
}

/** The match keys of a new seeded person (who has no app-scoped ids yet). */
export function seededMatchKeys(person: SeededPerson): Buffer[] {
  const created = person.created_time ?? 0;
  return matchKeysOf({ ...person, created_time: created, updated_time: created });
}
