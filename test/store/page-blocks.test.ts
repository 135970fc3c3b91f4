import { expect, it } from 'vitest';
import { describeEachStore, useStore } from '../helpers/stores.js';
import { newPerson } from './fixtures.js';

describeEachStore('page blocks', (open) => {
  const store = useStore(open);

  async function pageWithPeople(count: number) {
    const s = store();
    const page = await s.pages.create({ name: 'Acme', category: 'Brand', business_id: null });
    const people = [];
    for (let i = 0; i < count; i++) {
      const person = await s.people.create(newPerson({ first_name: `P${i}` }));
      const { psid } = await s.pages.scopedId(page.id, person.id);
      people.push({ person, psid });
    }
    return { page, people };
  }

  it('blocks, reports, counts and unblocks people, idempotently', async () => {
    const s = store();
    const { page, people } = await pageWithPeople(3);
    const [a, b, c] = people;
    await s.pageBlocks.block(page.id, [a.person.id, b.person.id], 100);
    await s.pageBlocks.block(page.id, [a.person.id], 200);
    expect(await s.pageBlocks.isBlocked(page.id, a.person.id)).toBe(true);
    expect(await s.pageBlocks.isBlocked(page.id, c.person.id)).toBe(false);
    expect(await s.pageBlocks.count(page.id)).toBe(2);
    const { rows } = await s.pageBlocks.list(page.id, { limit: 10 });
    expect(rows.find((row) => row.person_id === a.person.id)).toEqual({ page_id: page.id, person_id: a.person.id, psid: a.psid, created_time: 100 });
    expect(await s.pageBlocks.unblock(page.id, [a.person.id, c.person.id])).toBe(1);
    expect(await s.pageBlocks.count(page.id)).toBe(1);
    expect(await s.pageBlocks.unblock(page.id, [])).toBe(0);
  });

  it('pages the blocked people by PSID both ways', async () => {
    const s = store();
    const { page, people } = await pageWithPeople(5);
    await s.pageBlocks.block(page.id, people.map((p) => p.person.id), 1);
    const psids = people.map((p) => p.psid).sort();
    const first = await s.pageBlocks.list(page.id, { limit: 2 });
    expect(first.rows.map((row) => row.psid)).toEqual(psids.slice(0, 2));
    expect(first.more).toBe(true);
    const next = await s.pageBlocks.list(page.id, { limit: 2, after: psids[1] });
    expect(next.rows.map((row) => row.psid)).toEqual(psids.slice(2, 4));
    const back = await s.pageBlocks.list(page.id, { limit: 2, before: psids[4] });
    expect(back.rows.map((row) => row.psid)).toEqual(psids.slice(2, 4));
    expect(back.more).toBe(true);
  });

  it('keeps blocks per page and drops them with the person', async () => {
    const s = store();
    const { page, people } = await pageWithPeople(1);
    const other = await s.pages.create({ name: 'Other', category: 'Brand', business_id: null });
    const [{ person }] = people;
    await s.pageBlocks.block(page.id, [person.id], 1);
    expect(await s.pageBlocks.isBlocked(other.id, person.id)).toBe(false);
    await s.people.delete(person.id);
    expect(await s.pageBlocks.count(page.id)).toBe(0);
  });
});
