import type { Faker } from '@faker-js/faker';
import { worldPlaces } from '../places.js';
import type { SeededPerson } from './seeded-person.js';

/*
 * How values look in a real customer list: typed by people and exported by CRMs. Every
 * variant of a matched person still normalises (src/audiences/matching/) to the person's own
 * value, so the noise tests normalisation, not luck.
 */

const caseOf = (faker: Faker, text: string): string =>
  faker.helpers.arrayElement([text, text.toUpperCase(), text.toLowerCase(), text.charAt(0).toUpperCase() + text.slice(1).toLowerCase()]);

const padded = (faker: Faker, text: string): string => (faker.datatype.boolean({ probability: 0.15 }) ? ` ${text} ` : text);

function phoneOf(faker: Faker, person: SeededPerson): string {
  const place = worldPlaces.find((candidate) => candidate.city === person.city && candidate.country === person.country);
  const digits = (person.phone ?? '').replace(/^\+/, '');
  if (!place || !digits.startsWith(place.callingCode + place.area)) return person.phone ?? '';
  const local = digits.slice(place.callingCode.length + place.area.length);
  const [head, tail] = [local.slice(0, 3), local.slice(3)];
  return faker.helpers.arrayElement([
    `+${place.callingCode} ${place.area} ${local}`,
    `+${place.callingCode} (${place.area}) ${head}-${tail}`,
    `00${place.callingCode} ${place.area} ${head} ${tail}`,
    `${place.callingCode}-${place.area}-${head}-${tail}`,
    `+${digits}`,
  ]);
}

const COUNTRY_NAMES: Record<string, string[]> = {
  US: ['USA', 'United States'], GB: ['United Kingdom', 'UK'], CA: ['Canada'], DE: ['Germany'], FR: ['France'],
  ES: ['Spain'], BR: ['Brazil'], MX: ['Mexico'], AU: ['Australia'],
};

function birthDateOf(faker: Faker, birthday: string | null): string {
  const [month, day, year] = (birthday ?? '').split('/');
  if (!year) return '';
  return faker.helpers.arrayElement([`${year}-${month}-${day}`, `${month}/${day}/${year}`, `${year}${month}${day}`]);
}

function genderOf(faker: Faker, gender: string | null): string {
  if (!gender) return '';
  return faker.helpers.arrayElement([gender, gender.toUpperCase(), gender.charAt(0), gender.charAt(0).toUpperCase()]);
}

/** A plain letter with an accent added, as names get "corrected" in CRMs (fresh rows only: FN/LN keep accents). */
function accented(faker: Faker, name: string): string {
  if (!faker.datatype.boolean({ probability: 0.3 })) return name;
  return name.replace(/[eaon]/, (letter) => ({ e: 'é', a: 'á', o: 'ö', n: 'ñ' })[letter]!);
}

/** The header of a customer list: names the upload CLI maps to match keys. */
export const CUSTOMER_LIST_COLUMNS = ['email', 'phone', 'first_name', 'last_name', 'zip', 'city', 'state', 'country', 'dob', 'gender', 'madid'] as const;

/** One customer-list row for the person, written with formatting noise. */
export function noisyRow(faker: Faker, person: SeededPerson, options: { accents: boolean }): string[] {
  const name = (text: string) => padded(faker, caseOf(faker, options.accents ? accented(faker, text) : text));
  const usZip = person.country === 'US' && faker.datatype.boolean({ probability: 0.3 });
  const state = person.country === 'US' ? faker.helpers.arrayElement([person.state ?? '', worldPlaces.find((p) => p.stateCode === person.state)?.state ?? '']) : person.state ?? '';
  return [
    padded(faker, caseOf(faker, person.email ?? '')),
    phoneOf(faker, person),
    name(person.first_name),
    name(person.last_name),
    usZip ? `${person.zip}-${faker.string.numeric(4)}` : person.zip ?? '',
    caseOf(faker, person.city ?? ''),
    caseOf(faker, state),
    faker.helpers.arrayElement([person.country ?? '', ...(COUNTRY_NAMES[person.country ?? ''] ?? [])]),
    birthDateOf(faker, person.birthday),
    genderOf(faker, person.gender),
    caseOf(faker, person.profile.madids?.[0] ?? ''),
  ];
}
