import type { Faker } from '@faker-js/faker';
import { placeId } from '../people/profile.js';
import type { NewPerson } from '../store/types.js';
import { athletes, inspirations, languages, meetingReasons, sports, teams, usPlaces } from './places.js';

const experiences = (faker: Faker, names: readonly string[], max: number) =>
  faker.helpers.arrayElements(names, { min: 0, max }).map((name) => ({ id: placeId(name), name }));

/**
 * One realistic person whose parts agree: name matches sex, email matches name,
 * city, state, ZIP, timezone and phone area all come from one place.
 */
export function syntheticPerson(faker: Faker, now: number, domain = 'example.com'): NewPerson {
  const sex = faker.person.sexType();
  const first = faker.person.firstName(sex);
  const last = faker.person.lastName();
  const middle = faker.datatype.boolean({ probability: 0.2 }) ? faker.person.middleName(sex) : null;
  const place = faker.helpers.arrayElement(usPlaces);
  const home = faker.helpers.arrayElement(usPlaces);
  const born = faker.date.birthdate({ mode: 'age', min: 16, max: 75, refDate: new Date(now * 1000) });
  const birthday = `${String(born.getUTCMonth() + 1).padStart(2, '0')}/${String(born.getUTCDate()).padStart(2, '0')}/${born.getUTCFullYear()}`;
  const handle = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
  return {
    first_name: first,
    middle_name: middle,
    last_name: last,
    email: `${handle}${faker.number.int({ min: 1, max: 99 })}@${domain}`,
    phone: `+1${place.area}${faker.string.numeric({ length: 7, exclude: ['0', '1'] })}`,
    birthday,
    gender: sex,
    locale: faker.helpers.weightedArrayElement([
      { weight: 8, value: 'en_US' },
      { weight: 2, value: 'es_LA' },
    ]),
    timezone: place.timezone,
    city: place.city,
    state: place.stateCode,
    zip: place.zip,
    country: 'US',
    hometown: `${home.city}, ${home.state}`,
    verified: faker.datatype.boolean({ probability: 0.9 }),
    is_test_user: false,
    test_password: null,
    profile: {
      quotes: faker.datatype.boolean({ probability: 0.3 }) ? faker.lorem.sentence() : undefined,
      meeting_for: faker.helpers.arrayElements(meetingReasons, { min: 0, max: 2 }),
      languages: faker.helpers.arrayElements(languages, { min: 1, max: 2 }),
      favorite_athletes: experiences(faker, athletes, 2),
      favorite_teams: experiences(faker, teams, 2),
      inspirational_people: experiences(faker, inspirations, 1),
      sports: experiences(faker, sports, 2),
      picture_seed: faker.string.alphanumeric(12),
    },
  };
}
