import { expect, it } from 'vitest';
import { describeEachStore, useStore } from '../helpers/stores.js';
import { ID_FORMAT, newPerson } from './fixtures.js';

describeEachStore('pages', (open) => {
  const store = useStore(open);

  it('creates a page and reads it back', async () => {
    const business = await store().businesses.create({ name: 'Acme' });
    const input = { name: 'Acme', category: 'Brand', business_id: business.id, created_time: 1_234 };
    const page = await store().pages.create(input);
    expect(page).toEqual({ ...input, id: expect.stringMatching(ID_FORMAT) });
    expect(await store().pages.get(page.id)).toEqual(page);
    expect(await store().pages.get('343434343434343')).toBeUndefined();
  });

  it('lists the pages of a business, oldest first', async () => {
    const business = await store().businesses.create({ name: 'Acme' });
    const late = await store().pages.create({ name: 'Late', category: 'Brand', business_id: business.id, created_time: 20 });
    const early = await store().pages.create({ name: 'Early', category: 'Brand', business_id: business.id, created_time: 10 });
    await store().pages.create({ name: 'Loose', category: 'Brand', business_id: null });
    expect(await store().pages.listByBusiness(business.id)).toEqual([early, late]);
  });

  it('sets and replaces a person’s role on a page', async () => {
    const person = await store().people.create(newPerson());
    const one = await store().pages.create({ name: 'One', category: 'Brand', business_id: null });
    const two = await store().pages.create({ name: 'Two', category: 'Brand', business_id: null });
    await store().pages.setRole(one.id, person.id, ['MODERATE']);
    await store().pages.setRole(one.id, person.id, ['MANAGE', 'CREATE_CONTENT']);
    await store().pages.setRole(two.id, person.id, []);
    const roles = await store().pages.rolesOfPerson(person.id);
    expect(roles).toHaveLength(2);
    expect(roles).toContainEqual({ page_id: one.id, person_id: person.id, tasks: ['MANAGE', 'CREATE_CONTENT'] });
    expect(roles).toContainEqual({ page_id: two.id, person_id: person.id, tasks: [] });
    expect(await store().pages.rolesOfPerson('565656565656565')).toEqual([]);
  });

  it('gives a person one PSID per page, registered as a User node', async () => {
    const person = await store().people.create(newPerson());
    const page = await store().pages.create({ name: 'One', category: 'Brand', business_id: null });
    const other = await store().pages.create({ name: 'Two', category: 'Brand', business_id: null });
    expect(await store().pages.findScopedId(page.id, person.id)).toBeUndefined();

    const first = await store().pages.scopedId(page.id, person.id);
    expect(first).toEqual({ page_id: page.id, person_id: person.id, psid: expect.stringMatching(ID_FORMAT) });
    expect(await store().pages.scopedId(page.id, person.id)).toEqual(first);
    expect(await store().pages.findScopedId(page.id, person.id)).toEqual(first);
    expect(await store().pages.byPsid(first.psid)).toEqual(first);
    expect(await store().nodes.typeOf(first.psid)).toBe('User');
    expect((await store().pages.scopedId(other.id, person.id)).psid).not.toBe(first.psid);
    expect(await store().pages.byPsid('898989898989898')).toBeUndefined();
  });

  it('hands out one PSID to concurrent first requests', async () => {
    const person = await store().people.create(newPerson());
    const page = await store().pages.create({ name: 'One', category: 'Brand', business_id: null });
    const rows = await Promise.all(Array.from({ length: 6 }, () => store().pages.scopedId(page.id, person.id)));
    expect(new Set(rows.map((row) => row.psid)).size).toBe(1);
  });
});
