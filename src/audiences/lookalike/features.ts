import type { PersonTraits } from '../../store/types.js';

/**
 * A person as the lookalike model sees them: a set of active features, each one of a fixed
 * number of slots (one-hot groups for age, gender and recency; hashed buckets for places,
 * locale, languages and interests). Kept as indices, not as a dense vector: a person has at
 * most `maxActive` of the `dimensions` features, so a million people fit in a Uint16Array
 * of tens of megabytes and scoring is a sum of a few weights.
 */
const groups = [
  ['age', 8],
  ['gender', 3],
  ['region', 64],
  ['city', 128],
  ['locale', 32],
  ['language', 32],
  ['interest', 256],
  ['recency', 4],
  ['engagement', 4],
] as const;

export type FeatureGroup = (typeof groups)[number][0];

const offsets = {} as Record<FeatureGroup, number>;
const sizes = {} as Record<FeatureGroup, number>;
let total = 0;
for (const [name, size] of groups) {
  offsets[name] = total;
  sizes[name] = size;
  total += size;
}

/** Features in all. */
export const dimensions = total;
/** Slots a person's features take; unused ones hold `none`. */
export const maxActive = 24;
export const none = 0xffff;

/** Age bands Meta's targeting uses; the last slot is "unknown" (a birthday without its year). */
const ageBands = [18, 25, 35, 45, 55, 65, Infinity];
const day = 24 * 3600;
const recencyBands = [30 * day, 180 * day, 365 * day, Infinity];
const engagementBands = [1, 3, 6, Infinity];

export function featureIndex(group: FeatureGroup, slot: number): number {
  return offsets[group] + slot;
}

/** FNV-1a: stable across processes and runs, so a build is reproducible. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function bucket(group: FeatureGroup, text: string): number {
  return featureIndex(group, hash32(text) % sizes[group]);
}

function band(bands: readonly number[], value: number): number {
  return bands.findIndex((limit) => value < limit);
}

function ageSlot(birthday: string | null, now: number): number {
  const year = birthday?.match(/(?:^|\/)(\d{4})$/)?.[1];
  if (!year) return ageBands.length;
  return band(ageBands, new Date(now * 1000).getUTCFullYear() - Number(year));
}

function genderSlot(gender: string | null): number {
  return gender === 'male' ? 0 : gender === 'female' ? 1 : 2;
}

/** What a person is into: Page likes (and their categories) and the profile's sports, teams, athletes and inspirations. */
export function interestsOf(person: PersonTraits): string[] {
  const { profile } = person;
  const named = (kind: string, items: { name: string }[] | undefined) => (items ?? []).map((item) => `${kind}:${item.name.toLowerCase()}`);
  return [
    ...named('like', profile.likes),
    ...(profile.likes ?? []).map((like) => `category:${like.category.toLowerCase()}`),
    ...named('sport', profile.sports),
    ...named('team', profile.favorite_teams),
    ...named('athlete', profile.favorite_athletes),
    ...named('inspiration', profile.inspirational_people),
  ];
}

/** Writes the person's active features into `into` at `at` (maxActive slots, padded with `none`). */
export function extractFeatures(person: PersonTraits, now: number, into: Uint16Array, at: number): void {
  const active = new Set<number>();
  active.add(featureIndex('age', ageSlot(person.birthday, now)));
  active.add(featureIndex('gender', genderSlot(person.gender)));
  active.add(bucket('region', `${person.country}/${person.state}`));
  active.add(bucket('city', `${person.country}/${person.state}/${person.city}`));
  active.add(bucket('locale', person.locale));
  const interests = interestsOf(person);
  active.add(featureIndex('recency', band(recencyBands, Math.max(0, now - person.updated_time))));
  active.add(featureIndex('engagement', band(engagementBands, interests.length)));
  for (const language of person.profile.languages ?? []) active.add(bucket('language', language.name.toLowerCase()));
  for (const interest of interests) active.add(bucket('interest', interest));
  let slot = 0;
  for (const index of active) {
    if (slot === maxActive) break;
    into[at + slot++] = index;
  }
  into.fill(none, at + slot, at + maxActive);
}
