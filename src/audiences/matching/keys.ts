/**
 * The match-key catalogue: every key name an audience upload may use, how its values
 * arrive (hashed or raw) and how much a match on it is worth. Names and encodings follow
 * Meta's customer-file guide; see README.md in this folder.
 */

/** Keys graphd can normalise and match against people (the SDKs' multi-key enum). */
export const MATCH_KEYS = [
  'EXTERN_ID', 'EMAIL', 'PHONE', 'GEN', 'DOBY', 'DOBM', 'DOBD', 'LN', 'FN', 'FI',
  'CT', 'ST', 'ZIP', 'MADID', 'COUNTRY', 'APPUID', 'PAGEUID', 'LOOKALIKE_VALUE',
] as const;
export type MatchKey = (typeof MATCH_KEYS)[number];

/** Keys that identify someone; LOOKALIKE_VALUE is a per-row value, not an identifier. */
export type IdentifierKey = Exclude<MatchKey, 'LOOKALIKE_VALUE'>;

/**
 * Verbatim order of Meta's "(#100) Raw PII type is invalid, it should be one of ..." error,
 * so the server can reproduce the message byte for byte.
 */
export const RAW_PII_TYPES = [
  'EXTERN_ID', 'EMAIL', 'PHONE', 'GEN', 'DOBY', 'DOBM', 'DOBD', 'LN', 'FN', 'FI', 'CT', 'ST',
  'ZIP', 'MADID', 'COUNTRY', 'PARTIALPHONE', 'PHONEID', 'STREETNAME', 'STREETNUM',
  'STREETTYPE', 'STREET2ROW', 'STREETADDRESS', 'APPUID', 'PAGEUID', 'F5FIRST', 'F5LAST',
  'EMAIL_MD5', 'PHONE_MD5',
] as const;

/** Accepted by Meta, but graphd's people hold no such data: valid columns that never match. */
export const UNMATCHED_KEYS = [
  'PARTIALPHONE', 'PHONEID', 'STREETNAME', 'STREETNUM', 'STREETTYPE', 'STREET2ROW',
  'STREETADDRESS', 'F5FIRST', 'F5LAST', 'EMAIL_MD5', 'PHONE_MD5',
] as const;
export type UnmatchedKey = (typeof UNMATCHED_KEYS)[number];

/** The legacy single-key `schema` strings. */
export const SINGLE_KEY_SCHEMAS = ['EMAIL_SHA256', 'PHONE_SHA256', 'MOBILE_ADVERTISER_ID', 'UID'] as const;
export type SingleKeySchema = (typeof SINGLE_KEY_SCHEMAS)[number];

/**
 * sha256: the cell must be a SHA-256 hex digest of the normalised value.
 * md5:    a 32-hex MD5 digest (only EMAIL_MD5 / PHONE_MD5).
 * raw:    the normalised value itself (MADID, EXTERN_ID, APPUID, PAGEUID).
 * value:  a number that is not an identifier (LOOKALIKE_VALUE).
 */
export type Encoding = 'sha256' | 'md5' | 'raw' | 'value';

/** strong: one key alone identifies a person. weak: only a full combination does. */
export type Strength = 'strong' | 'weak' | 'none';

export interface KeySpec {
  /** The key the values are read as: EMAIL_SHA256 columns hold EMAIL values. */
  readonly key: MatchKey | UnmatchedKey;
  readonly encoding: Encoding;
  readonly strength: Strength;
  /** The payload field that must accompany this key (scoped ids mean nothing without their app/page). */
  readonly requires?: 'app_ids' | 'page_ids';
}

const spec = (key: KeySpec['key'], encoding: Encoding, strength: Strength, requires?: KeySpec['requires']): KeySpec =>
  Object.freeze(requires ? { key, encoding, strength, requires } : { key, encoding, strength });

const weak = (key: MatchKey) => spec(key, 'sha256', 'weak');

// A Map, not an object literal, so names like "__proto__" or "toString" look up nothing.
const CANONICAL = new Map<string, KeySpec>([
  ['EMAIL', spec('EMAIL', 'sha256', 'strong')],
  ['PHONE', spec('PHONE', 'sha256', 'strong')],
  ['MADID', spec('MADID', 'raw', 'strong')],
  ['EXTERN_ID', spec('EXTERN_ID', 'raw', 'strong')],
  ['APPUID', spec('APPUID', 'raw', 'strong', 'app_ids')],
  ['PAGEUID', spec('PAGEUID', 'raw', 'strong', 'page_ids')],
  ...(['FN', 'LN', 'FI', 'GEN', 'DOBY', 'DOBM', 'DOBD', 'CT', 'ST', 'ZIP', 'COUNTRY'] as const).map(
    (key) => [key, weak(key)] as const,
  ),
  ['LOOKALIKE_VALUE', spec('LOOKALIKE_VALUE', 'value', 'none')],
  ...UNMATCHED_KEYS.map((key) => [key, spec(key, key.endsWith('_MD5') ? 'md5' : 'sha256', 'none')] as const),
]);

const SINGLE = new Map<string, KeySpec>([
  ['EMAIL_SHA256', CANONICAL.get('EMAIL')!],
  ['PHONE_SHA256', CANONICAL.get('PHONE')!],
  ['MOBILE_ADVERTISER_ID', CANONICAL.get('MADID')!],
  // UID is a Facebook/app-scoped user id: graphd reads it as APPUID, which needs app_ids too.
  ['UID', CANONICAL.get('APPUID')!],
]);

export const STRONG_KEYS = MATCH_KEYS.filter((k) => CANONICAL.get(k)!.strength === 'strong');
export const WEAK_KEYS = MATCH_KEYS.filter((k) => CANONICAL.get(k)!.strength === 'weak');

/** Any key or schema name graphd understands (canonical, unmatched or single-key), else undefined. */
export function keySpec(name: string): KeySpec | undefined {
  return CANONICAL.get(name) ?? SINGLE.get(name);
}

/**
 * A column of a multi-key (array) schema. EMAIL_SHA256 / PHONE_SHA256 are tolerated there
 * (SDK examples send them); UID and MOBILE_ADVERTISER_ID are not — Meta answers UID in a
 * multi-key schema with the "Raw PII type is invalid" error.
 */
export function multiKeyColumn(name: string): KeySpec | undefined {
  if (name === 'UID' || name === 'MOBILE_ADVERTISER_ID') return undefined;
  return keySpec(name);
}

/** A single-key (string) schema. */
export function singleKeySchema(name: string): KeySpec | undefined {
  return SINGLE.get(name);
}

export function isMatchKey(name: string): name is MatchKey {
  return (MATCH_KEYS as readonly string[]).includes(name);
}
