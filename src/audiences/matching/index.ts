export {
  MATCH_KEYS, RAW_PII_TYPES, UNMATCHED_KEYS, SINGLE_KEY_SCHEMAS, STRONG_KEYS, WEAK_KEYS,
  keySpec, multiKeyColumn, singleKeySchema, isMatchKey,
  type MatchKey, type IdentifierKey, type UnmatchedKey, type SingleKeySchema, type KeySpec,
  type Encoding, type Strength,
} from './keys.js';
export {
  normalize, sha256Hex, digestOf, EMPTY_SHA256, MAX_EXTERN_ID_LENGTH, type NormalizeOptions,
} from './normalize.js';
export { readCell, encodeCell, uploadCell, type CellReading } from './cells.js';
export { personIdentifiers, type PersonIdentifier, type ExtraIdentifiers } from './person-identifiers.js';
export {
  rowMatchKeys, personMatchKeys, rowMatchesPerson, WEAK_COMBINATIONS, type WeakCombination,
} from './match-rule.js';
