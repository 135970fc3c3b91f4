/**
 * Reading one uploaded cell (server side) and writing one (CLI side). readCell must accept
 * anything a JSON payload can hold without throwing: a bad cell is an invalid entry, never
 * a 500.
 */
import { keySpec, type MatchKey } from './keys.js';
import { digestOf, EMPTY_SHA256, MAX_EXTERN_ID_LENGTH, normalize, sha256Hex, type NormalizeOptions } from './normalize.js';

export type CellReading =
  | { digest: Buffer }
  | { value: number }
  | { empty: true }
  | { invalid: string };

/** MD5 of "", the blank-cell equivalent for the *_MD5 keys. */
const EMPTY_MD5 = 'd41d8cd98f00b204e9800998ecf8427e';
const HEX64 = /^[0-9a-f]{64}$/;
const HEX32 = /^[0-9a-f]{32}$/;

const EMPTY: CellReading = Object.freeze({ empty: true as const });

/** A hex SHA-256 digest as stored bytes; the empty-string hash reads as a blank cell. */
function sha256Cell(text: string): CellReading | undefined {
  const hex = text.toLowerCase();
  if (!HEX64.test(hex)) return undefined;
  return hex === EMPTY_SHA256 ? EMPTY : { digest: Buffer.from(hex, 'hex') };
}

function md5Cell(text: string): CellReading {
  const hex = text.toLowerCase();
  if (!HEX32.test(hex)) return { invalid: 'not an MD5 hex digest' };
  // Never matched (people hold no MD5s); re-hashed only so every stored digest is 32 bytes.
  return hex === EMPTY_MD5 ? EMPTY : { digest: Buffer.from(sha256Hex(hex), 'hex') };
}

/**
 * Raw keys take their normalised raw value, or a 64-hex digest of it: the Python and PHP
 * SDKs hash MADID/APPUID (PHP also PAGEUID), and since graphd stores raw keys as
 * SHA-256(normalised), those uploads still match.
 */
function rawCell(key: 'MADID' | 'EXTERN_ID' | 'APPUID' | 'PAGEUID', text: string): CellReading {
  if (key !== 'EXTERN_ID') {
    const hashed = sha256Cell(text);
    if (hashed) return hashed;
  }
  const normalized = normalize(key, text);
  if (normalized !== undefined) return { digest: digestOf(key, normalized) };
  switch (key) {
    case 'MADID': return { invalid: 'not a UUID advertising id or SHA-256 hex digest' };
    case 'EXTERN_ID': return { invalid: `longer than ${MAX_EXTERN_ID_LENGTH} characters` };
    default: return { invalid: 'not a numeric id or SHA-256 hex digest' };
  }
}

/**
 * Validate one cell of column `key` (a canonical key or single-key schema name).
 * Blank strings, null and the empty-string hash are empty; a raw (unhashed) value in a
 * hashed column is invalid, as Meta counts it in num_invalid_entries.
 */
export function readCell(key: string, cell: unknown): CellReading {
  const spec = typeof key === 'string' ? keySpec(key) : undefined;
  if (!spec) return { invalid: 'unknown key' };
  if (cell === null || cell === undefined) return EMPTY;
  let text: string;
  if (typeof cell === 'string') text = cell.trim();
  else if (typeof cell === 'number' && Number.isFinite(cell)) text = String(cell);
  else return { invalid: 'not a string or number' };
  if (text === '') return EMPTY;

  switch (spec.encoding) {
    case 'sha256':
      return sha256Cell(text) ?? { invalid: 'not a SHA-256 hex digest' };
    case 'md5':
      return md5Cell(text);
    case 'value': {
      const normalized = normalize('LOOKALIKE_VALUE', text);
      return normalized === undefined ? { invalid: 'not a non-negative number' } : { value: Number(normalized) };
    }
    case 'raw':
      return rawCell(spec.key as 'MADID' | 'EXTERN_ID' | 'APPUID' | 'PAGEUID', text);
  }
}

/** The cell to upload for an already-normalised value: hex digest, raw value or number. */
export function encodeCell(key: MatchKey, normalized: string): string | number {
  const spec = keySpec(key)!;
  if (spec.encoding === 'value') return Number(normalized);
  return spec.encoding === 'raw' ? normalized : sha256Hex(normalized);
}

/** Normalise and encode a raw customer-list value; "" (Meta's "unknown") when unusable. */
export function uploadCell(key: MatchKey, raw: string | number | null | undefined, options?: NormalizeOptions): string | number {
  const normalized = normalize(key, raw, options);
  return normalized === undefined ? '' : encodeCell(key, normalized);
}
