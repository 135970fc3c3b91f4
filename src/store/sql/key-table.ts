import type { RawBuilder } from 'kysely';
import type { UploadedRow } from '../audience-types.js';

/** Every match key is a digest of this many bytes (see audience-types.ts). */
export const MATCH_KEY_BYTES = 32;

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
 * How one statement takes thousands of match keys: as a derived table `(k, v)` that the
 * database unpacks from two bound parameters, instead of a bound parameter per key (SQLite
 * allows 32,766 of those, and compiling such statements costs more than running them).
 * Implemented per dialect (sqlite/key-table.ts, postgres/key-table.ts); the statements that
 * use it (audience-rows.ts) are shared. Each key appears once; a repeated key keeps its
 * largest value.
 */
export interface KeyTable {
  /** The most keys one batch should hold. */
  readonly batchSize: number;
  /** A parenthesised select of columns k and v, for `from ${table} as b`. */
  of(batch: KeyBatch): RawBuilder<KeyRow>;
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
