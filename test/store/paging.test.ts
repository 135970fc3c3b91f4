import { beforeEach, expect, it } from 'vitest';
import { describeEachStore, useStore } from '../helpers/stores.js';
import { newPerson } from './fixtures.js';

describeEachStore('people.list keyset paging', (open) => {
  const store = useStore(open);
  let ids: string[];

  beforeEach(async () => {
    const people = [];
    for (let i = 0; i < 7; i++) people.push(await store().people.create(newPerson({ first_name: `P${i}` })));
    // Ids are text; both dialects order them bytewise, like JS's default sort.
    ids = people.map((person) => person.id).sort();
  });

  const idsOf = (page: { rows: { id: string }[] }) => page.rows.map((row) => row.id);

  it('pages forwards with after, in ascending id order', async () => {
    const first = await store().people.list({ limit: 3 });
    expect(idsOf(first)).toEqual(ids.slice(0, 3));
    expect(first.more).toBe(true);

    const second = await store().people.list({ limit: 3, after: ids[2] });
    expect(idsOf(second)).toEqual(ids.slice(3, 6));
    expect(second.more).toBe(true);

    const last = await store().people.list({ limit: 3, after: ids[5] });
    expect(idsOf(last)).toEqual(ids.slice(6));
    expect(last.more).toBe(false);
  });

  it('says there is no more when the page ends exactly at the last row', async () => {
    const page = await store().people.list({ limit: 7 });
    expect(idsOf(page)).toEqual(ids);
    expect(page.more).toBe(false);
    expect(await store().people.list({ limit: 3, after: ids[6] })).toEqual({ rows: [], more: false });
  });

  it('pages backwards with before, returning the rows just before, ascending', async () => {
    const page = await store().people.list({ limit: 2, before: ids[4] });
    expect(idsOf(page)).toEqual([ids[2], ids[3]]);
    expect(page.more).toBe(true);

    const first = await store().people.list({ limit: 2, before: ids[2] });
    expect(idsOf(first)).toEqual([ids[0], ids[1]]);
    expect(first.more).toBe(false);

    const short = await store().people.list({ limit: 5, before: ids[1] });
    expect(idsOf(short)).toEqual([ids[0]]);
    expect(short.more).toBe(false);
  });

  it('treats after and before as exclusive bounds that combine', async () => {
    const page = await store().people.list({ limit: 10, after: ids[1], before: ids[5] });
    expect(idsOf(page)).toEqual(ids.slice(2, 5));
  });

  it('returns whole, parsed rows', async () => {
    const page = await store().people.list({ limit: 1 });
    expect(page.rows[0]).toEqual(await store().people.get(ids[0]));
  });

  it('rejects a limit that is not a positive integer', async () => {
    await expect(store().people.list({ limit: 0 })).rejects.toThrow(RangeError);
    await expect(store().people.list({ limit: 1.5 })).rejects.toThrow(RangeError);
  });
});
