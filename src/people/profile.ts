import { createHash } from 'node:crypto';
import type { PersonRow } from '../store/types.js';

/** Meta's age_range buckets: {min:13,max:17}, {min:18,max:20} or {min:21}. */
export function ageRange(birthday: string | null, now: number): { min: number; max?: number } | undefined {
  const match = birthday ? /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(birthday) : null;
  if (!match) return undefined;
  const today = new Date(now * 1000);
  const [month, day, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  let age = today.getUTCFullYear() - year;
  if (today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day)) age--;
  if (age >= 21) return { min: 21 };
  if (age >= 18) return { min: 18, max: 20 };
  return { min: 13, max: 17 };
}

export function fullName(person: PersonRow): string {
  return [person.first_name, person.middle_name, person.last_name].filter(Boolean).join(' ');
}

/** A stable numeric id for a named place or thing that graphd does not hold as a node. */
export function placeId(name: string): string {
  const digest = createHash('sha256').update('place:' + name).digest();
  return String(100_000_000_000_000n + (digest.readBigUInt64BE(0) % 900_000_000_000_000n));
}

export function cityPage(person: PersonRow): { id: string; name: string } | undefined {
  if (!person.city) return undefined;
  const name = person.state ? `${person.city}, ${person.state}` : person.city;
  return { id: placeId(name), name };
}

export function hometownPage(person: PersonRow): { id: string; name: string } | undefined {
  return person.hometown ? { id: placeId(person.hometown), name: person.hometown } : undefined;
}

/**
 * token_for_business: equal across one business's apps for one person, different across
 * businesses, not reversible. Keyed by a per-install salt so two graphd worlds never agree.
 */
export function tokenForBusiness(salt: string, businessId: string, personId: string): string {
  return createHash('sha256').update(`${salt}:tfb:${businessId}:${personId}`).digest('base64url').slice(0, 24);
}

/** A profile-based app-scoped id used to query avatars (numeric string). */
export function idForAvatars(salt: string, appId: string, personId: string): string {
  const digest = createHash('sha256').update(`${salt}:avatar:${appId}:${personId}`).digest();
  return String(1_000_000_000_000_000n + (digest.readBigUInt64BE(0) % 8_000_000_000_000_000n));
}

/** The app-scoped profile link Meta shows: https://www.facebook.com/app_scoped_user_id/<opaque>/ */
export function profileLink(asid: string): string {
  return `https://www.facebook.com/app_scoped_user_id/${Buffer.from('asid:' + asid).toString('base64url')}/`;
}
