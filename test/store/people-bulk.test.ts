import { expect, it } from 'vitest';
import { rowMatchKeys, digestOf, normalize } from '../../src/audiences/matching/index.js';
import { seededMatchKeys, seededPerson } from '../../src/world/seeding/seeded-person.js';
import { seedPeople } from '../../src/world/seeding/seed-people.js';
import { describeEachStore, useStore } from '../helpers/stores.js';
import { adAccount, newAudience as newCustomerList } from './audience-fixtures.js';

const now = 1_767_225_600;

describeEachStore('people in bulk', (open) => {
  const store = useStore(open);

  it('inserts many people, reads every field back and skips ids already taken', async () => {
    const people = Array.from({ length: 300 }, (_, i) => seededPerson(21, i, now));
    const ids = await store().people.insertMany(people);
    expect(ids.sort()).toEqual(people.map((p) => p.id).sort());
    for (const person of [people[0], people[150], people[299]]) {
      expect(await store().people.get(person.id)).toEqual({ ...person, created_time: now, updated_time: now });
    }
    const again = await store().people.insertMany([people[5], seededPerson(21, 300, now)]);
    expect(again).toEqual([seededPerson(21, 300, now).id]);
    expect(await store().people.count()).toBe(301);
  });

  it('seeds people with match keys that an upload row of theirs matches', async () => {
    const result = await seedPeople(store(), { people: 120, seed: 22, batchSize: 50, now });
    expect(result).toMatchObject({ inserted: 120, skipped: 0 });
    const person = seededPerson(22, 77, now);
    const emailRow = new Map([['EMAIL', digestOf('EMAIL', normalize('EMAIL', person.email)!)]]);
    const madidRow = new Map([['MADID', digestOf('MADID', normalize('MADID', person.profile.madids![0].toUpperCase())!)]]);
    const audience = await newAudience();
    expect(await store().audiences.addRows(audience, [{ keys: rowMatchKeys(emailRow) }, { keys: rowMatchKeys(madidRow) }], now)).toBe(1);
    expect((await store().audiences.members(audience, { limit: 10 })).rows).toEqual([person.id]);
    // A repeated run adds no one.
    expect(await seedPeople(store(), { people: 120, seed: 22, batchSize: 50, now })).toMatchObject({ inserted: 0, skipped: 120 });
  });

  it('gives the keys to people a stopped run wrote without them, and holds none back after a run', async () => {
    // A run stopped after committing people, before writing their held keys.
    await store().people.insertMany([seededPerson(24, 3, now), seededPerson(24, 4, now)]);
    expect((await store().audiences.peopleWithoutMatchKeys([seededPerson(24, 3, now).id, 'nobody'])).length).toBe(1);
    expect(await seedPeople(store(), { people: 10, seed: 24, batchSize: 4, now })).toMatchObject({ inserted: 8, skipped: 2 });
    const ids = Array.from({ length: 10 }, (_, i) => seededPerson(24, i, now).id);
    expect(await store().audiences.peopleWithoutMatchKeys(ids)).toEqual([]);
    const person = seededPerson(24, 4, now);
    const audience = await newAudience();
    const emailRow = new Map([['EMAIL', digestOf('EMAIL', normalize('EMAIL', person.email)!)]]);
    expect(await store().audiences.addRows(audience, [{ keys: rowMatchKeys(emailRow) }], now)).toBe(1);
    expect((await store().audiences.members(audience, { limit: 10 })).rows).toEqual([person.id]);
  });

  it('joins new people to audiences already holding their keys', async () => {
    const person = seededPerson(23, 0, now);
    const audience = await newAudience();
    const phoneRow = new Map([['PHONE', digestOf('PHONE', normalize('PHONE', person.phone)!)]]);
    expect(await store().audiences.addRows(audience, [{ keys: rowMatchKeys(phoneRow) }], now)).toBe(0);
    await store().people.insertMany([person]);
    await store().audiences.addPeopleMatchKeys([{ personId: person.id, keys: seededMatchKeys(person) }]);
    expect((await store().audiences.get(audience))!.member_count).toBe(1);
    expect((await store().audiences.members(audience, { limit: 10 })).rows).toEqual([person.id]);
  });

  const newAudience = async () => (await store().audiences.create(newCustomerList((await adAccount(store())).id))).id;
});
