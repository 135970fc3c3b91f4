import { expect, it } from 'vitest';
import { describeEachStore, useStore } from '../helpers/stores.js';
import { ID_FORMAT, appAndPerson, newPerson, newToken } from './fixtures.js';

describeEachStore('people', (open) => {
  const store = useStore(open);

  it('creates a person and reads every field back, JSON and flags included', async () => {
    const input = newPerson({ created_time: 1_500_000_000, is_test_user: true, test_password: 'pw' });
    const person = await store().people.create(input);
    expect(person.id).toMatch(ID_FORMAT);
    expect(person).toEqual({ ...input, id: person.id, created_time: 1_500_000_000, updated_time: 1_500_000_000 });
    expect(await store().people.get(person.id)).toEqual(person);
    expect(typeof person.verified).toBe('boolean');
    expect(typeof person.timezone).toBe('number');
  });

  it('round-trips false flags, nulls and an empty profile', async () => {
    const input = newPerson({ verified: false, email: null, phone: null, birthday: null, profile: {} });
    const person = await store().people.create(input);
    const read = await store().people.get(person.id);
    expect(read).toMatchObject({ verified: false, is_test_user: false, email: null, phone: null, profile: {} });
  });

  it('returns undefined for an unknown person', async () => {
    expect(await store().people.get('123412341234123')).toBeUndefined();
  });

  it('updates only the named fields and bumps updated_time', async () => {
    const person = await store().people.create(newPerson({ created_time: 1_500_000_000 }));
    await store().people.update(person.id, {
      email: 'countess@example.com',
      middle_name: 'King',
      verified: false,
      profile: { about: 'Poet', sports: [{ id: '9', name: 'Riding' }] },
      city: undefined,
    });
    const read = await store().people.get(person.id);
    expect(read).toEqual({
      ...person,
      email: 'countess@example.com',
      middle_name: 'King',
      verified: false,
      profile: { about: 'Poet', sports: [{ id: '9', name: 'Riding' }] },
      updated_time: expect.any(Number),
    });
    expect(read!.updated_time).toBeGreaterThan(1_500_000_000);
  });

  it('sets updated_time when the patch names it, and can null a field', async () => {
    const person = await store().people.create(newPerson());
    await store().people.update(person.id, { updated_time: 1_234, hometown: null });
    expect(await store().people.get(person.id)).toMatchObject({ updated_time: 1_234, hometown: null });
  });

  it('deletes a person with their ASIDs, PSIDs, grants and tokens', async () => {
    const { app, person } = await appAndPerson(store());
    const page = await store().pages.create({ name: 'P', category: 'Brand', business_id: null });
    const { asid } = await store().apps.scopedUser(app.id, person.id);
    const { psid } = await store().pages.scopedId(page.id, person.id);
    await store().apps.setGrant(app.id, person.id, 'email', 'granted');
    const token = newToken(app, person.id);
    await store().tokens.insert(token);

    await store().people.delete(person.id);

    expect(await store().people.get(person.id)).toBeUndefined();
    expect(await store().apps.byAsid(asid)).toBeUndefined();
    expect(await store().nodes.typeOf(asid)).toBeUndefined();
    expect(await store().pages.byPsid(psid)).toBeUndefined();
    expect(await store().nodes.typeOf(psid)).toBeUndefined();
    expect(await store().apps.grants(app.id, person.id)).toEqual([]);
    expect(await store().tokens.find(token.hash)).toBeUndefined();
    expect(await store().apps.get(app.id)).toBeDefined();
  });

  it('deleting an unknown person is a no-op', async () => {
    await expect(store().people.delete('123412341234123')).resolves.toBeUndefined();
  });

  it('counts people', async () => {
    expect(await store().people.count()).toBe(0);
    await store().people.create(newPerson());
    await store().people.create(newPerson());
    expect(await store().people.count()).toBe(2);
  });
});
