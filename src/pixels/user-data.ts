import { digestOf, normalize, personMatchKeys, readCell, type IdentifierKey, type PersonIdentifier } from '../audiences/matching/index.js';

/**
 * A server event's user_data read as customer-list cells, so events match people by the
 * very rule and keys customer lists do (src/audiences/matching/README.md).
 * Meta asks for em, ph, fn, ln, ct, st, zp, country (and, as advised, external_id) to be
 * SHA-256 hex of the normalised value. A value that is not such a digest is taken as raw:
 * normalised and hashed here, as the business SDKs do before sending, so it still matches.
 */
export const hashedUserDataKeys: Record<string, IdentifierKey> = {
  em: 'EMAIL',
  ph: 'PHONE',
  fn: 'FN',
  ln: 'LN',
  ct: 'CT',
  st: 'ST',
  zp: 'ZIP',
  country: 'COUNTRY',
  ge: 'GEN',
  external_id: 'EXTERN_ID',
};

/** Sent as given, never hashed; they identify a browser or a click, not a person graphd knows. */
export const rawUserDataKeys = ['client_ip_address', 'client_user_agent', 'fbc', 'fbp', 'subscription_id', 'fb_login_id', 'lead_id', 'madid', 'anon_id', 'db'];

const HEX64 = /^[0-9a-fA-F]{64}$/;

/** One value's digest: a SHA-256 hex as sent, else the raw value normalised and hashed; undefined when unusable. */
function digestOfValue(key: IdentifierKey, value: string): Buffer | undefined {
  if (key !== 'EXTERN_ID' && HEX64.test(value.trim())) {
    const cell = readCell(key, value);
    return 'digest' in cell ? cell.digest : undefined;
  }
  const normalized = normalize(key, value);
  return normalized === undefined ? undefined : digestOf(key, normalized);
}

/** Values of one key taken for matching: enough for a person's few emails, bounding the weak combinations' tuples. */
const maxValuesPerKey = 5;

/**
 * The match keys of user_data: each value of a key (a string or a list of strings) is one
 * candidate, as several values of a key are on a person, so the keys are built the way a
 * person's are. Values are already checked to be strings (server-events.ts).
 */
export function userDataMatchKeys(userData: Record<string, unknown>): Buffer[] {
  const identifiers: PersonIdentifier[] = [];
  for (const [name, key] of Object.entries(hashedUserDataKeys)) {
    const given = userData[name];
    const list = given === undefined ? [] : Array.isArray(given) ? given : [given];
    for (const value of list.slice(0, maxValuesPerKey)) {
      const digest = digestOfValue(key, String(value));
      if (digest) identifiers.push({ key, digest });
    }
  }
  return personMatchKeys(identifiers);
}
