/**
 * Meta's documented normalisation of customer-list values (the guide's form, not the SDKs'
 * variants), and the SHA-256 digests graphd stores. The server uses it to digest people;
 * the upload CLI uses it to prepare cells — one implementation, so both agree by construction.
 */
import { hash } from 'node:crypto';
import type { IdentifierKey, MatchKey } from './keys.js';
import { countryAlias, usStateCode } from './regions.js';

export interface NormalizeOptions {
  /** Calling code ('1', '44', '+44') prefixed to phone numbers written without one. */
  countryCallingCode?: string;
  /** Latest accepted DOBY; defaults to the current UTC year. */
  currentYear?: number;
}

/** SHA-256 of "", which the Python SDK sends for blank cells: it means "no value". */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** Longest EXTERN_ID accepted; Meta documents none, this bounds storage. */
export const MAX_EXTERN_ID_LENGTH = 256;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Plain decimal with optional exponent: Number() alone would also take '0x10', ' ', 'Infinity'.
const DECIMAL = /^(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

type Rule = (text: string, options: NormalizeOptions) => string | undefined;

const nonEmpty = (s: string) => (s === '' ? undefined : s);

/** Lowercase letters of any script (FN/LN accept UTF-8), punctuation, digits and spaces dropped. */
const letters = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{M}]/gu, '').normalize('NFC');

/** Lowercase a–z only (CT/ST/COUNTRY): accents folded first so "São Paulo" keeps its a. */
const asciiLetters = (s: string) => s.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '');

const email: Rule = (text) => {
  const e = text.trim().toLowerCase();
  const at = e.indexOf('@');
  const ok = at > 0 && at === e.lastIndexOf('@') && at < e.length - 1 && !/\s/u.test(e);
  return ok ? e : undefined;
};

const phone: Rule = (text, { countryCallingCode }) => {
  const digits = text.replace(/\D/g, '').replace(/^0+/, '');
  if (digits === '') return undefined;
  // "+44…" or "0044…" already carries its code; only a national number gets the default.
  const international = /^\s*(?:\+|00)/.test(text);
  const code = (countryCallingCode ?? '').replace(/\D/g, '').replace(/^0+/, '');
  // A number already starting with the code is taken as international (exact for NANP '1',
  // whose area codes never start with 1; ambiguous for a few national numbers elsewhere).
  if (code === '' || international || digits.startsWith(code)) return digits;
  return code + digits;
};

const gender: Rule = (text) => {
  const g = text.trim().toLowerCase();
  if (g === 'm' || g === 'male') return 'm';
  if (g === 'f' || g === 'female') return 'f';
  return undefined;
};

const year: Rule = (text, { currentYear }) => {
  const y = text.trim();
  if (!/^\d{4}$/.test(y)) return undefined;
  const n = Number(y);
  return n >= 1900 && n <= (currentYear ?? new Date().getUTCFullYear()) ? y : undefined;
};

const padded = (max: number): Rule => (text) => {
  const t = text.trim();
  if (!/^\d{1,2}$/.test(t)) return undefined;
  const n = Number(t);
  return n >= 1 && n <= max ? String(n).padStart(2, '0') : undefined;
};

const initial: Rule = (text) => {
  // One letter plus its combining marks, re-composed so "e\u0301" and "é" give the same initial.
  const first = letters(text).match(/\p{L}\p{M}*/u);
  return first ? first[0].normalize('NFC') : undefined;
};

const state: Rule = (text) => {
  const s = asciiLetters(text);
  return usStateCode(s) ?? nonEmpty(s);
};

const zip: Rule = (text) => {
  const z = text.toLowerCase().replace(/\s/gu, '');
  const us = /^(\d{5})(?:-?\d{4})?$/.exec(z); // ZIP or ZIP+4: Meta wants the first five digits
  return us ? us[1] : nonEmpty(z);
};

const country: Rule = (text) => {
  const c = asciiLetters(text);
  return countryAlias(c) ?? (/^[a-z]{2}$/.test(c) ? c : undefined);
};

const madid: Rule = (text) => {
  const m = text.trim().toLowerCase();
  return UUID.test(m) ? m : undefined;
};

const externId: Rule = (text) => {
  const id = text.trim();
  return id.length <= MAX_EXTERN_ID_LENGTH ? nonEmpty(id) : undefined;
};

// Up to 32 digits: real ids are ≤ 20, and a 64-character cell is read as a digest instead.
const scopedId: Rule = (text) => {
  const id = text.trim();
  return /^\d{1,32}$/.test(id) ? id : undefined;
};

const lookalikeValue: Rule = (text) => {
  const t = text.trim();
  if (!DECIMAL.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? String(n) : undefined; // canonical form: "44.50" → "44.5"
};

const RULES: Record<MatchKey, Rule> = {
  EMAIL: email, PHONE: phone, GEN: gender, DOBY: year, DOBM: padded(12), DOBD: padded(31),
  FN: (t) => nonEmpty(letters(t)), LN: (t) => nonEmpty(letters(t)), FI: initial,
  CT: (t) => nonEmpty(asciiLetters(t)), ST: state, ZIP: zip, COUNTRY: country,
  MADID: madid, EXTERN_ID: externId, APPUID: scopedId, PAGEUID: scopedId,
  LOOKALIKE_VALUE: lookalikeValue,
};

/**
 * The normalised form of `raw` for `key`, or undefined when nothing usable is left
 * (blank, or not a valid value of that kind). Idempotent for every key (without options).
 */
export function normalize(
  key: MatchKey,
  raw: string | number | null | undefined,
  options: NormalizeOptions = {},
): string | undefined {
  const rule = Object.hasOwn(RULES, key) ? RULES[key] : undefined;
  if (!rule) return undefined;
  if (typeof raw === 'number') return Number.isFinite(raw) ? rule(String(raw), options) : undefined;
  return typeof raw === 'string' ? rule(raw, options) : undefined;
}

/** Lowercase hex SHA-256 of the UTF-8 bytes, the form Meta expects for hashed keys. */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

/**
 * The 32-byte digest graphd stores for a normalised identifier: SHA-256(normalised) for
 * every key. For hashed keys that is exactly what the advertiser uploads (hex-decoded); for
 * raw keys it keeps storage uniform, and makes the SDKs' hashed MADID/APPUID land on it too.
 */
export function digestOf(_key: IdentifierKey, normalized: string): Buffer {
  return hash('sha256', normalized, 'buffer');
}
