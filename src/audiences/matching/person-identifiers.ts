/**
 * Everything a person can be matched by, digested exactly as an advertiser's upload of the
 * doc-normalised value would be. Computed when people are written, so matching an upload
 * is a lookup, not a re-hash of every person.
 */
import type { PersonRow } from '../../store/types.js';
import type { IdentifierKey } from './keys.js';
import { digestOf, normalize } from './normalize.js';

export interface PersonIdentifier {
  key: IdentifierKey;
  digest: Buffer;
}

/** Identifiers that live outside the person row (devices, CRM ids, scoped ids). */
export interface ExtraIdentifiers {
  madids?: readonly string[];
  externIds?: readonly string[];
  /** App-scoped user ids (APPUID / single-key UID). */
  appUserIds?: readonly string[];
  /** Page-scoped user ids (PAGEUID). */
  pageUserIds?: readonly string[];
}

type Birthday = { year?: string; month?: string; day?: string };

/** PersonRow.birthday is MM/DD/YYYY, or MM/DD or YYYY when the person hides part of it. */
function splitBirthday(birthday: string | null): Birthday {
  const parts = (birthday ?? '').split('/');
  if (parts.length === 3) return { month: parts[0], day: parts[1], year: parts[2] };
  if (parts.length === 2) return { month: parts[0], day: parts[1] };
  return parts[0].length === 4 ? { year: parts[0] } : {};
}

export function personIdentifiers(person: PersonRow, extra: ExtraIdentifiers = {}): PersonIdentifier[] {
  const born = splitBirthday(person.birthday);
  const sources: [IdentifierKey, string | null | undefined][] = [
    ['EMAIL', person.email],
    // Stored as E.164 ("+15125550123"); the documented form is digits with country code.
    ['PHONE', person.phone],
    ['FN', person.first_name],
    ['LN', person.last_name],
    ['FI', person.first_name],
    ['GEN', person.gender],
    ['DOBY', born.year],
    ['DOBM', born.month],
    ['DOBD', born.day],
    ['CT', person.city],
    ['ST', person.state],
    ['ZIP', person.zip],
    ['COUNTRY', person.country],
    ...(extra.madids ?? []).map((v) => ['MADID', v] as [IdentifierKey, string]),
    ...(extra.externIds ?? []).map((v) => ['EXTERN_ID', v] as [IdentifierKey, string]),
    ...(extra.appUserIds ?? []).map((v) => ['APPUID', v] as [IdentifierKey, string]),
    ...(extra.pageUserIds ?? []).map((v) => ['PAGEUID', v] as [IdentifierKey, string]),
  ];

  const seen = new Set<string>();
  const identifiers: PersonIdentifier[] = [];
  for (const [key, raw] of sources) {
    const normalized = normalize(key, raw);
    if (normalized === undefined) continue; // missing or unusable data simply can't be matched on
    const id = `${key}:${normalized}`;
    if (seen.has(id)) continue;
    seen.add(id);
    identifiers.push({ key, digest: digestOf(key, normalized) });
  }
  return identifiers;
}
