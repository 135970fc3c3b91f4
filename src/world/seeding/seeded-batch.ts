import { seededMatchKeys, seededPerson, type SeededPerson } from './seeded-person.js';

/** People from..from+count-1 of the world `seed` and their match keys, as seedPeople writes them. */
export interface SeededBatch {
  people: SeededPerson[];
  keys: { personId: string; keys: Buffer[] }[];
}

/** What crosses from a generating worker: the keys end to end in one buffer, with each person's count. */
export interface PackedBatch {
  people: SeededPerson[];
  keyCounts: number[];
  keys: Uint8Array;
}

/** Every match key is a SHA-256 digest. */
const MATCH_KEY_LENGTH = 32;

export interface BatchRequest {
  seed: number;
  from: number;
  count: number;
  now: number;
}

export function seededBatch({ seed, from, count, now }: BatchRequest): SeededBatch {
  const people = Array.from({ length: count }, (_, i) => seededPerson(seed, from + i, now));
  return { people, keys: people.map((person) => ({ personId: person.id, keys: seededMatchKeys(person) })) };
}

export function packBatch({ people, keys }: SeededBatch): PackedBatch {
  return { people, keyCounts: keys.map((entry) => entry.keys.length), keys: Buffer.concat(keys.flatMap((entry) => entry.keys)) };
}

export function unpackBatch({ people, keyCounts, keys }: PackedBatch): SeededBatch {
  const all = Buffer.from(keys.buffer, keys.byteOffset, keys.byteLength);
  let at = 0;
  return {
    people,
    keys: people.map((person, i) => ({
      personId: person.id,
      keys: Array.from({ length: keyCounts[i] }, () => all.subarray(at, (at += MATCH_KEY_LENGTH))),
    })),
  };
}
