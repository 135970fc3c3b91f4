import type { Faker } from '@faker-js/faker';
import { placeId } from '../people/profile.js';
import type { NewPerson } from '../store/types.js';
import { athletes, inspirations, languages, localeLanguage, meetingReasons, sports, teams, worldPlaces, type Place } from './places.js';

const experiences = (faker: Faker, names: readonly string[], max: number) =>
  faker.helpers.arrayElements(names, { min: 0, max }).map((name) => ({ id: placeId(name), name }));

const usPlaces = worldPlaces.filter((place) => place.country === 'US');

export interface SyntheticOptions {
  /** Where people live (and come from); US places by default. */
  places?: readonly Place[];
  /** Email domains, picked at random. */
  domains?: readonly string[];
}

function localeOf(faker: Faker, place: Place): string {
  if (place.country !== 'US') return place.locale;
  return faker.helpers.weightedArrayElement([
    { weight: 8, value: 'en_US' },
    { weight: 2, value: 'es_LA' },
  ]);
}

/** The locale's own language first, then perhaps another. */
function languagesOf(faker: Faker, locale: string) {
  const own = languages.find((language) => language.name === localeLanguage[locale]) ?? languages[0];
  const other = faker.helpers.arrayElements(languages, { min: 0, max: 1 }).filter((language) => language !== own);
  return [own, ...other];
}

/**
 * One realistic person whose parts agree: name matches sex, email matches name,
 * city, state, ZIP, country, timezone, locale and phone (calling code and area) all come
 * from one place. Each person carries one mobile advertiser id (a random UUID).
 */
export function syntheticPerson(faker: Faker, now: number, options: SyntheticOptions = {}): NewPerson {
  const places = options.places ?? usPlaces;
  const sex = faker.person.sexType();
  const first = faker.person.firstName(sex);
  const last = faker.person.lastName();
  const middle = faker.datatype.boolean({ probability: 0.2 }) ? faker.person.middleName(sex) : null;
  const place = faker.helpers.arrayElement(places);
  const home = faker.helpers.arrayElement(places);
  const born = faker.date.birthdate({ mode: 'age', min: 16, max: 75, refDate: new Date(now * 1000) });
  const birthday = `${String(born.getUTCMonth() + 1).padStart(2, '0')}/${String(born.getUTCDate()).padStart(2, '0')}/${born.getUTCFullYear()}`;
  const handle = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
  const domain = faker.helpers.arrayElement(options.domains ?? ['example.com']);
  const locale = localeOf(faker, place);
  return {
    first_name: first,
    middle_name: middle,
    last_name: last,
    email: `${handle}${faker.number.int({ min: 1, max: 999 })}@${domain}`,
    phone: `+${place.callingCode}${place.area}${faker.string.numeric({ length: place.subscriberDigits, exclude: ['0', '1'] })}`,
    birthday,
    gender: sex,
    locale,
    timezone: place.timezone,
    city: place.city,
    state: place.stateCode,
    zip: place.zip,
    country: place.country,
    hometown: `${home.city}, ${home.state}`,
    verified: faker.datatype.boolean({ probability: 0.9 }),
    is_test_user: false,
    test_password: null,
    profile: {
      quotes: faker.datatype.boolean({ probability: 0.3 }) ? faker.lorem.sentence() : undefined,
      meeting_for: faker.helpers.arrayElements(meetingReasons, { min: 0, max: 2 }),
      languages: languagesOf(faker, locale),
      favorite_athletes: experiences(faker, athletes, 2),
      favorite_teams: experiences(faker, teams, 2),
      inspirational_people: experiences(faker, inspirations, 1),
      sports: experiences(faker, sports, 2),
      picture_seed: faker.string.alphanumeric(12),
      madids: [faker.string.uuid()],
    },
  };
}
