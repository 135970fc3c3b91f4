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
function matchKey(tag: string, parts: readonly Buffer[]): Buffer {
  // One-shot hash(): a Hash object per key costs more than the hashing (seeding makes millions).
  return hash('sha256', Buffer.concat([Buffer.from(`${tag}\0`, 'utf8'), ...parts]), 'buffer');
}

/** Every tuple picking one digest per part (a person may hold several values of a key). */
function tuples(values: ReadonlyMap<string, readonly Buffer[]>, parts: readonly string[]): Buffer[][] {
  let result: Buffer[][] = [[]];
  for (const part of parts) {
    const options = values.get(part) ?? [];
    result = result.flatMap((prefix) => options.map((digest) => [...prefix, digest]));
  }
  return result;
}

function matchKeys(values: ReadonlyMap<string, readonly Buffer[]>): Buffer[] {
  const keys = new Map<string, Buffer>(); // by hex, so each match key appears once
  const add = (key: Buffer) => keys.set(key.toString('hex'), key);
  for (const key of STRONG_KEYS) {
    for (const digest of values.get(key) ?? []) add(matchKey(key, [digest]));
  }
  for (const combination of WEAK_COMBINATIONS) {
    for (const tuple of tuples(values, combination.parts)) add(matchKey(combination.name, tuple));
  }
  return [...keys.values()];
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
  for (const { key, digest } of identifiers) values.set(key, [...(values.get(key) ?? []), digest]);
  return matchKeys(values);
}

/** The rule applied directly (tests, small in-memory checks); stores should join on keys. */
export function rowMatchesPerson(row: ReadonlyMap<string, Buffer>, identifiers: readonly PersonIdentifier[]): boolean {
  const personKeys = new Set(personMatchKeys(identifiers).map((key) => key.toString('hex')));
  return rowMatchKeys(row).some((key) => personKeys.has(key.toString('hex')));
}
