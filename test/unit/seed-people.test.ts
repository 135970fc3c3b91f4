import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/audiences/matching/index.js';
import { worldPlaces } from '../../src/world/places.js';
import { seedBatches } from '../../src/world/seeding/seed-batches.js';
import { freshPerson, seededMatchKeys, seededPerson } from '../../src/world/seeding/seeded-person.js';

const now = 1_767_225_600; // 2026-01-01
const people = (seed: number, count: number, from = 0) => Array.from({ length: count }, (_, i) => seededPerson(seed, from + i, now));

describe('seeded people', () => {
  it('are the same for the same seed and index, whatever was generated before', () => {
    const first = people(11, 50);
    people(99, 7); // other work in between must not shift anything
    expect(people(11, 50)).toEqual(first);
    expect(people(11, 10, 20)).toEqual(first.slice(20, 30));
  });

  it('differ for another seed, and fresh people differ from seeded ones', () => {
    const a = people(1, 50).map((p) => p.email);
    const b = people(2, 50).map((p) => p.email);
    expect(a.filter((email) => b.includes(email))).toEqual([]);
    expect(new Set(people(1, 200).map((p) => p.id)).size).toBe(200);
    const fresh = Array.from({ length: 200 }, (_, i) => freshPerson(1, i, now));
    expect(fresh.every((p) => p.email!.endsWith('@example.org'))).toBe(true);
    expect(people(1, 200).some((p) => p.email!.endsWith('@example.org'))).toBe(false);
  });

  it('hold profiles whose parts agree', () => {
    const countries = new Set<string>();
    const batch = people(3, 500);
    // Consecutive 16-digit ids: a block per seed, then the index.
    expect(batch.map((p) => BigInt(p.id) - BigInt(batch[0].id))).toEqual(batch.map((_, i) => BigInt(i)));
    for (const person of batch) {
      expect(person.id).toMatch(/^[1-9]\d{15}$/);
      const handle = `${person.first_name}.${person.last_name}`.toLowerCase().replace(/[^a-z.]/g, '');
      expect(person.email).toMatch(new RegExp(`^${handle.replace(/\./g, '\\.')}\\d{1,3}@example\\.(com|net)$`));
      const place = worldPlaces.find((p) => p.city === person.city)!;
      expect(place).toBeDefined();
      expect([person.state, person.zip, person.country, person.timezone]).toEqual([place.stateCode, place.zip, place.country, place.timezone]);
      expect(person.phone).toMatch(new RegExp(`^\\+${place.callingCode}${place.area}\\d{${place.subscriberDigits}}$`));
      const [, , year] = person.birthday!.split('/').map(Number);
      expect(2026 - year).toBeGreaterThanOrEqual(15);
      expect(2026 - year).toBeLessThanOrEqual(76);
      expect(['male', 'female']).toContain(person.gender);
      expect(normalize('MADID', person.profile.madids![0])).toBeDefined();
      expect(person.profile.languages!.length).toBeGreaterThan(0);
      countries.add(person.country!);
    }
    expect(countries.size).toBeGreaterThan(3);
  });

  it('get strong and weak match keys, MADID among them', () => {
    const person = seededPerson(4, 0, now);
    const keys = seededMatchKeys(person).map((key) => key.toString('hex'));
    const withoutMadid = seededMatchKeys({ ...person, profile: { ...person.profile, madids: [] } }).map((key) => key.toString('hex'));
    expect(keys.length).toBe(withoutMadid.length + 1);
    expect(keys.length).toBeGreaterThanOrEqual(9); // EMAIL, PHONE, MADID and six name combinations
  });
});

describe('seed batches', () => {
  it('are the same people and match keys whether worker threads or the caller generate them', async () => {
    const requests = [0, 40, 80].map((from) => ({ seed: 31, from, count: 40, now: 1_767_225_600 }));
    const collect = async (workers: number) => {
      const batches = [];
      for await (const batch of seedBatches(requests, workers)) batches.push(batch);
      return batches;
    };
    const inline = await collect(0);
    expect(inline.flatMap((batch) => batch.people.map((person) => person.id))).toEqual(
      Array.from({ length: 120 }, (_, i) => seededPerson(31, i, 1_767_225_600).id),
    );
    const threaded = await collect(2);
    expect(threaded.map((batch) => batch.people)).toEqual(inline.map((batch) => batch.people));
    expect(threaded.map((batch) => batch.keys.map((entry) => [entry.personId, entry.keys.map((key) => key.toString('hex'))]))).toEqual(
      inline.map((batch) => batch.keys.map((entry) => [entry.personId, entry.keys.map((key) => key.toString('hex'))])),
    );
    expect(inline[1].keys[3].keys).toEqual(seededMatchKeys(seededPerson(31, 43, 1_767_225_600)));
  });
});
