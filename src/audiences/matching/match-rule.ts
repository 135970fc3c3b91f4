/**
 * When an uploaded row matches a person, expressed as "match keys" so the store can match
 * with an equality join on one indexed column instead of scanning people:
 *
 *   row matches P  ⇔  rowMatchKeys(row) ∩ personMatchKeys(identifiers(P)) ≠ ∅
 *
 * A row matches when any strong key agrees (EMAIL, PHONE, MADID, EXTERN_ID, APPUID,
 * PAGEUID), or when one weak combination agrees in every part. See README.md.
 */
import { hash } from 'node:crypto';
import { STRONG_KEYS, type IdentifierKey } from './keys.js';
import type { PersonIdentifier } from './person-identifiers.js';

export interface WeakCombination {
  readonly name: string;
  readonly parts: readonly IdentifierKey[];
}

/**
 * Name + where or name + when: a first name (or initial) and last name are common alone,
 * so each combination adds a place (ZIP, or city with state) or the full date of birth.
 * GEN and COUNTRY never narrow enough on their own and are not part of any combination.
 */
export const WEAK_COMBINATIONS: readonly WeakCombination[] = Object.freeze(
  (['FN', 'FI'] as const).flatMap((first) => [
    { name: `${first}+LN+ZIP`, parts: [first, 'LN', 'ZIP'] },
    { name: `${first}+LN+CT+ST`, parts: [first, 'LN', 'CT', 'ST'] },
    { name: `${first}+LN+DOBY+DOBM+DOBD`, parts: [first, 'LN', 'DOBY', 'DOBM', 'DOBD'] },
  ] satisfies WeakCombination[]),
);

/**
 * SHA-256(tag ‖ 0x00 ‖ parts…). The tag keeps namespaces apart: an EXTERN_ID that happens to
 * equal someone's phone number must not match them. Parts are fixed 32-byte digests, so the
 * concatenation is unambiguous.
 */
function matchKey(tag: Buffer, parts: readonly Buffer[]): Buffer {
  // Assembled in one scratch buffer and hashed one-shot: seeding makes millions of keys, and a
  // Hash object or a concatenated buffer per key cost more than the hashing.
  scratch.set(tag);
  let length = tag.length;
  for (const part of parts) {
    scratch.set(part, length);
    length += part.length;
  }
  return hash('sha256', scratch.subarray(0, length), 'buffer');
}

/** Big enough for the longest tag and five 32-byte parts. */
const scratch = Buffer.alloc(512);

const tagBytes = new Map<string, Buffer>();
function tagOf(name: string): Buffer {
  let bytes = tagBytes.get(name);
  if (bytes === undefined) tagBytes.set(name, (bytes = Buffer.from(`${name}\0`, 'utf8')));
  return bytes;
}

/** Every tuple picking one digest per part (a person may hold several values of a key), the first part varying slowest. */
function tuples(values: ReadonlyMap<string, readonly Buffer[]>, parts: readonly string[]): Buffer[][] {
  let result: Buffer[][] = [[]];
  for (const part of parts) {
    const options = values.get(part) ?? [];
    result = options.length === 1 ? result.map((prefix) => [...prefix, options[0]]) : result.flatMap((prefix) => options.map((digest) => [...prefix, digest]));
  }
  return result;
}

/**
 * Every key at most once, in the order first made. Each key's digests are made distinct first:
 * distinct (tag, parts) inputs then give distinct keys (tags end at their NUL, parts are 32
 * bytes), so nothing is compared after hashing.
 */
function matchKeys(values: ReadonlyMap<string, readonly Buffer[]>): Buffer[] {
  const distinct = new Map([...values].map(([key, digests]) => [key, digests.length === 1 ? digests : firstOfEach(digests)]));
  const keys: Buffer[] = [];
  for (const key of STRONG_KEYS) {
    for (const digest of distinct.get(key) ?? []) keys.push(matchKey(tagOf(key), [digest]));
  }
  for (const combination of WEAK_COMBINATIONS) {
    const tag = tagOf(combination.name);
    for (const tuple of tuples(distinct, combination.parts)) keys.push(matchKey(tag, tuple));
  }
  return keys;
}

function firstOfEach(digests: readonly Buffer[]): Buffer[] {
  return digests.filter((digest, i) => digests.findIndex((other) => other.equals(digest)) === i);
}

/**
 * The match keys of one uploaded row: canonical key name (EMAIL, not EMAIL_SHA256) →
 * 32-byte digest from readCell. Rows whose keys form no strong key or complete combination
 * yield none: valid entries that can never match.
 */
export function rowMatchKeys(row: ReadonlyMap<string, Buffer>): Buffer[] {
  return matchKeys(new Map([...row].map(([key, digest]) => [key, [digest]])));
}

/** The match keys of a person, from personIdentifiers(). */
export function personMatchKeys(identifiers: readonly PersonIdentifier[]): Buffer[] {
  const values = new Map<string, Buffer[]>();
  for (const { key, digest } of identifiers) {
    const digests = values.get(key);
    if (digests === undefined) values.set(key, [digest]);
    else digests.push(digest);
  }
  return matchKeys(values);
}

/** The rule applied directly (tests, small in-memory checks); stores should join on keys. */
export function rowMatchesPerson(row: ReadonlyMap<string, Buffer>, identifiers: readonly PersonIdentifier[]): boolean {
  const personKeys = new Set(personMatchKeys(identifiers).map((key) => key.toString('hex')));
  return rowMatchKeys(row).some((key) => personKeys.has(key.toString('hex')));
}
