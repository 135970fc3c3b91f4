import type { Kysely, RawBuilder } from 'kysely';
import type { UploadedRow } from '../audience-types.js';
import type { Database } from '../database.js';

/** Every match key is a digest of this many bytes (see audience-types.ts). */
export const MATCH_KEY_BYTES = 32;

/**
 * Staged keys are kept apart by their first byte's top six bits: 64 parts, each a slice of
 * the key space that merges on its own (audience-staging.ts). Digests spread evenly over them.
 */
export const KEY_PARTS = 64;

/** The part a key falls in, from its first byte. */
export const partOfFirstByte = (byte: number): number => byte >> 2;

/** Up to one dialect's batchSize keys, ready to bind: the keys end to end, and their values. */
export interface KeyBatch {
  /** count keys of MATCH_KEY_BYTES each, concatenated. */
  keys: Buffer;
  count: number;
  /** Per key, its row's value (null when none); absent when no row of the batch has one. */
  values?: (number | null)[];
}

/** One row of a KeyTable: a distinct key and its value. */
export interface KeyRow {
  k: Buffer;
  v: number | null;
}

/**
 * A batch cut by part: `keys` holds the batch's keys grouped by part, and each slice says
 * where its part's keys start (in keys, not bytes) and how many there are, with their
 * values as a JSON array when the batch has any.
 */
export interface PartedBatch {
  keys: Buffer;
  slices: PartSlice[];
}

export interface PartSlice {
  part: number;
  offset: number;
  count: number;
  /** JSON array of the slice's values (null where a row has none); null when the batch has none. */
  values: string | null;
}

/** One row of a PartsTable: a part's slice of a batch, its keys cut out of the batch. */
export interface PartRow {
  part: number;
  count: number;
  keys: Buffer;
  vals: string | null;
}

/**
 * How one statement takes thousands of match keys: as a derived table `(k, v)` that the
 * database unpacks from two bound parameters, instead of a bound parameter per key (SQLite
 * allows 32,766 of those, and compiling such statements costs more than running them).
 * Implemented per dialect (sqlite/key-table.ts, postgres/key-table.ts); the statements that
 * use it (audience-rows.ts, audience-staging.ts) are shared. Each key appears once; a
 * repeated key keeps its largest value.
 */
export interface KeyTable {
  /** The most keys one batch should hold. */
  readonly batchSize: number;
  /** A parenthesised select of columns k and v, for `from ${table} as b`. */
  of(batch: KeyBatch): RawBuilder<KeyRow>;
  /** A parenthesised select of columns part, count, keys and vals: one row per slice. */
  parts(batch: PartedBatch): RawBuilder<PartRow>;
  /** A parenthesised select of columns part and count, one row per entry. */
  counts(counts: ReadonlyMap<number, number>): RawBuilder<{ part: number; count: number }>;
  /**
   * Moves the audience's staged keys of these parts into audience_rows in key order: a key
   * staged several times ends with its last value (within one staging, its largest), and a
   * staging without a value keeps the value the key had. Deletes the staged rows it read and
   * answers how many keys they held, per part.
   */
  merge(db: Kysely<Database>, seq: number, parts: readonly number[]): Promise<Map<number, number>>;
}

/** The rows' keys (each with its row's value) in batches of at most size keys. */
export function* keyBatches(rows: readonly UploadedRow[], size: number): Generator<KeyBatch> {
  let keys: Buffer[] = [];
  let values: (number | null)[] = [];
  let valued = false;
  const batch = (): KeyBatch => ({ keys: Buffer.concat(keys), count: keys.length, ...(valued && { values }) });
  for (const row of rows) {
    const value = row.value !== undefined && Number.isFinite(row.value) ? row.value : null;
    for (const key of row.keys) {
      if (key.length !== MATCH_KEY_BYTES) {
        throw new RangeError(`graphd store: a match key must be ${MATCH_KEY_BYTES} bytes, got ${key.length}`);
      }
      keys.push(key);
      values.push(value);
      valued ||= value !== null;
      if (keys.length === size) {
        yield batch();
        [keys, values, valued] = [[], [], false];
      }
    }
  }
  if (keys.length > 0) yield batch();
}

/** The batch regrouped by part (a counting sort on each key's first byte). */
export function partBatch({ keys, count, values }: KeyBatch): PartedBatch {
  const sizes = new Array<number>(KEY_PARTS).fill(0);
  for (let i = 0; i < count; i++) sizes[partOfFirstByte(keys[i * MATCH_KEY_BYTES])]++;
  const starts = new Array<number>(KEY_PARTS);
  for (let part = 0, at = 0; part < KEY_PARTS; part++) [starts[part], at] = [at, at + sizes[part]];
  const next = starts.slice();
  const grouped = Buffer.allocUnsafe(count * MATCH_KEY_BYTES);
  const order = values ? new Array<number | null>(count) : undefined;
  for (let i = 0; i < count; i++) {
    const from = i * MATCH_KEY_BYTES;
    const to = next[partOfFirstByte(keys[from])]++;
    keys.copy(grouped, to * MATCH_KEY_BYTES, from, from + MATCH_KEY_BYTES);
    if (order) order[to] = values![i];
  }
  const slices: PartSlice[] = [];
  for (let part = 0; part < KEY_PARTS; part++) {
    if (sizes[part] === 0) continue;
    const offset = starts[part];
    slices.push({ part, offset, count: sizes[part], values: order ? JSON.stringify(order.slice(offset, offset + sizes[part])) : null });
  }
  return { keys: grouped, slices };
}

/** The distinct parts the batches' keys fall in, in order. */
export function partsOf(batches: Iterable<KeyBatch>): number[] {
  const parts = new Set<number>();
  for (const { keys, count } of batches) for (let i = 0; i < count; i++) parts.add(partOfFirstByte(keys[i * MATCH_KEY_BYTES]));
  return [...parts].sort((a, b) => a - b);
}
