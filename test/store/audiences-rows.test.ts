import { expect, it } from 'vitest';
import type { CustomAudienceRow } from '../../src/store/audience-types.js';
import type { PersonRow, Store } from '../../src/store/types.js';
import { describeEachStore, useStore } from '../helpers/stores.js';
import { adAccount, key, newAudience, rawDb, rowsOf } from './audience-fixtures.js';
import { newPerson } from './fixtures.js';

const T = 1_700_000_100;

describeEachStore('audience rows and members', (open) => {
  const store = useStore(open);

  /** A person matched by the keys of these texts. */
  async function personWith(...texts: string[]): Promise<PersonRow> {
    const person = await store().people.create(newPerson());
    await store().audiences.setPersonMatchKeys(person.id, texts.map(key));
    return person;
  }

  async function audience(overrides: Parameters<typeof newAudience>[1] = {}, accountId?: string): Promise<CustomAudienceRow> {
    return store().audiences.create(newAudience(accountId ?? (await adAccount(store())).id, overrides));
  }

  const members = async (audienceId: string) => (await store().audiences.members(audienceId, { limit: 1000 })).rows;
  const sorted = (...people: PersonRow[]) => people.map((person) => person.id).sort();

  it('adds the people the rows’ keys match, counting each person once', async () => {
    const ada = await personWith('ada@example.com', '+15550001');
    const bob = await personWith('bob@example.com');
    await personWith('carol@example.com');
    const target = await audience();
    const rows = [{ keys: [key('ada@example.com'), key('+15550001')] }, { keys: [key('bob@example.com')] }, ...rowsOf('nobody')];
    expect(await store().audiences.addRows(target.id, rows, T)).toBe(2);
    expect(await members(target.id)).toEqual(sorted(ada, bob));
    expect(await store().audiences.get(target.id)).toMatchObject({ member_count: 2, time_content_updated: T, time_updated: T });
  });

  it('is idempotent: adding the same rows again changes nothing', async () => {
    const ada = await personWith('ada');
    const target = await audience();
    expect(await store().audiences.addRows(target.id, rowsOf('ada', 'x'), T)).toBe(1);
    expect(await store().audiences.addRows(target.id, rowsOf('ada', 'x', 'ada'), T + 1)).toBe(1);
    expect(await members(target.id)).toEqual([ada.id]);
  });

  it('keeps unmatched rows, so a person whose keys arrive later joins', async () => {
    const target = await audience();
    const other = await audience();
    expect(await store().audiences.addRows(target.id, rowsOf('dora', 'eve'), T)).toBe(0);
    const dora = await personWith('dora', 'unrelated');
    expect(await members(target.id)).toEqual([dora.id]);
    expect(await members(other.id)).toEqual([]);
    expect((await store().audiences.get(target.id))!.member_count).toBe(1);
    // New keys that the audience also holds do not count the person twice.
    await store().audiences.setPersonMatchKeys(dora.id, [key('dora'), key('eve')]);
    expect((await store().audiences.get(target.id))!.member_count).toBe(1);
    // Replaced keys no longer match later uploads.
    expect(await store().audiences.addRows(other.id, rowsOf('unrelated'), T)).toBe(0);
  });

  it('removes rows, keeping members another remaining key still matches', async () => {
    const ada = await personWith('ada@example.com', '+15550001');
    const bob = await personWith('bob@example.com');
    const target = await audience();
    await store().audiences.addRows(target.id, rowsOf('ada@example.com', '+15550001', 'bob@example.com'), T);
    expect(await store().audiences.removeRows(target.id, rowsOf('ada@example.com', 'bob@example.com', 'never-added'), T + 5)).toBe(1);
    expect(await members(target.id)).toEqual([ada.id]);
    expect(await store().audiences.get(target.id)).toMatchObject({ member_count: 1, time_content_updated: T + 5 });
    expect(await store().audiences.removeRows(target.id, rowsOf('+15550001'), T + 6)).toBe(0);
    expect(await members(target.id)).toEqual([]);
    // The removed keys are gone: bob's keys arriving again do not bring him back.
    await store().audiences.setPersonMatchKeys(bob.id, [key('bob@example.com')]);
    expect(await members(target.id)).toEqual([]);
  });

  it('clears every row and member', async () => {
    const ada = await personWith('ada');
    const target = await audience();
    await store().audiences.addRows(target.id, rowsOf('ada', 'later'), T);
    await store().audiences.clearRows(target.id, T + 9);
    expect(await members(target.id)).toEqual([]);
    expect(await store().audiences.get(target.id)).toMatchObject({ member_count: 0, time_content_updated: T + 9 });
    await store().audiences.setPersonMatchKeys(ada.id, [key('ada'), key('later')]);
    expect(await members(target.id)).toEqual([]);
  });

  it('removes opted-out people from the account’s customer-file audiences only', async () => {
    const ada = await personWith('ada@example.com', '+15550001');
    const bob = await personWith('bob@example.com');
    const account = await adAccount(store());
    const elsewhere = await adAccount(store(), 'Elsewhere');
    const [listA, listB] = [await audience({}, account.id), await audience({}, account.id)];
    const website = await audience({ subtype: 'WEBSITE', data_source_type: 'EVENT_BASED' }, account.id);
    const foreign = await audience({}, elsewhere.id);
    await store().audiences.addRows(listA.id, rowsOf('ada@example.com', '+15550001'), T);
    await store().audiences.addRows(listB.id, rowsOf('ada@example.com', 'bob@example.com'), T);
    for (const id of [website.id, foreign.id]) await store().audiences.addRows(id, rowsOf('ada@example.com'), T);

    // Ada is known by her email here; she leaves even where her phone matched her too.
    await store().audiences.removeFromAccount(account.id, rowsOf('ada@example.com'), T + 7);

    expect(await members(listA.id)).toEqual([]);
    expect(await members(listB.id)).toEqual([bob.id]);
    expect(await store().audiences.get(listA.id)).toMatchObject({ member_count: 0, time_content_updated: T + 7 });
    expect(await store().audiences.get(listB.id)).toMatchObject({ member_count: 1, time_content_updated: T + 7 });
    expect(await members(website.id)).toEqual([ada.id]);
    expect(await members(foreign.id)).toEqual([ada.id]);
    expect(await store().audiences.get(website.id)).toMatchObject({ member_count: 1, time_content_updated: T });
    // Her email left the lists; her phone's row in listA stays and still matches her.
    await store().audiences.setPersonMatchKeys(ada.id, [key('ada@example.com'), key('+15550001')]);
    expect(await members(listA.id)).toEqual([ada.id]);
    expect(await members(listB.id)).toEqual([bob.id]);
  });

  it('stores values of value-based rows, updating them on re-upload', async () => {
    await personWith('ada');
    const target = await audience({ is_value_based: true });
    const rows = [
      { keys: [key('ada')], value: 10 },
      { keys: [key('bo')], value: 2.5 },
      { keys: [key('cy')] },
      // A key repeated in one batch: one row, the largest value.
      { keys: [key('dee')], value: 1 },
      { keys: [key('dee')], value: 4 },
    ];
    expect(await store().audiences.addRows(target.id, rows, T)).toBe(1);
    expect(await storedValues(store(), target.id)).toEqual(
      new Map([
        ['ada', 10],
        ['bo', 2.5],
        ['cy', null],
        ['dee', 4],
      ]),
    );
    // A new value replaces the old; a row without one keeps it.
    await store().audiences.addRows(target.id, [{ keys: [key('ada')], value: 20 }, { keys: [key('bo')] }, { keys: [key('cy')], value: 1 }], T);
    expect(await storedValues(store(), target.id)).toEqual(
      new Map([
        ['ada', 20],
        ['bo', 2.5],
        ['cy', 1],
        ['dee', 4],
      ]),
    );
  });

  it('pages members by person id', async () => {
    const people = [];
    for (let i = 0; i < 5; i++) people.push(await personWith(`p${i}`));
    const target = await audience();
    await store().audiences.addRows(target.id, rowsOf('p0', 'p1', 'p2', 'p3', 'p4'), T);
    const ids = sorted(...people);
    const first = await store().audiences.members(target.id, { limit: 2 });
    expect(first).toEqual({ rows: ids.slice(0, 2), more: true });
    expect(await store().audiences.members(target.id, { limit: 10, after: ids[1] })).toEqual({ rows: ids.slice(2), more: false });
    expect(await store().audiences.members(target.id, { limit: 2, before: ids[4] })).toEqual({ rows: ids.slice(2, 4), more: true });
  });

  it('follows a deleted person out of the member counts', async () => {
    const ada = await personWith('ada');
    const bob = await personWith('bob');
    const [one, two] = [await audience(), await audience()];
    await store().audiences.addRows(one.id, rowsOf('ada', 'bob'), T);
    await store().audiences.addRows(two.id, rowsOf('ada'), T);
    await store().people.delete(ada.id);
    expect(await members(one.id)).toEqual([bob.id]);
    expect((await store().audiences.get(one.id))!.member_count).toBe(1);
    expect((await store().audiences.get(two.id))!.member_count).toBe(0);
  });

  it('rejects keys that are not 32 bytes and unknown audiences', async () => {
    const target = await audience();
    await expect(store().audiences.addRows(target.id, [{ keys: [Buffer.from('short')] }], T)).rejects.toThrow(RangeError);
    await expect(store().audiences.addRows('123123123123123', rowsOf('a'), T)).rejects.toThrow(/no custom audience/);
    expect(await store().audiences.addRows(target.id, [], T)).toBe(0);
    expect(await store().audiences.get(target.id)).toEqual(target);
  });

  it('adds and removes 50,000 rows across several batches', async () => {
    const matched: PersonRow[] = [];
    for (let i = 0; i < 200; i++) matched.push(await personWith(`row-${i * 250}`));
    const target = await audience();
    const texts = Array.from({ length: 50_000 }, (_, i) => `row-${i}`);
    expect(await store().audiences.addRows(target.id, rowsOf(...texts), T)).toBe(200);
    expect(await store().audiences.addRows(target.id, rowsOf(...texts.slice(0, 20_000)), T)).toBe(200);
    const stored = await rawDb(store())
      .selectFrom('audience_rows')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('audience_seq', '=', (eb) => eb.selectFrom('custom_audiences').select('seq').where('id', '=', target.id))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(50_000);
    // Rows 0..24999 go: the 100 people matched there leave.
    expect(await store().audiences.removeRows(target.id, rowsOf(...texts.slice(0, 25_000)), T)).toBe(100);
    expect(await members(target.id)).toEqual(sorted(...matched.slice(100)));
  });
});

/** The stored value per key text (keys hashed from single letters/words used by the test). */
async function storedValues(store: Store, audienceId: string): Promise<Map<string, number | null>> {
  const rows = await rawDb(store)
    .selectFrom('audience_rows')
    .innerJoin('custom_audiences', 'custom_audiences.seq', 'audience_rows.audience_seq')
    .select(['audience_rows.match_key', 'audience_rows.value'])
    .where('custom_audiences.id', '=', audienceId)
    .execute();
  const names = new Map(['ada', 'bo', 'cy', 'dee'].map((text) => [key(text).toString('hex'), text]));
  const values = rows.map((row) => [names.get(Buffer.from(row.match_key).toString('hex'))!, row.value] as const);
  return new Map(values.sort(([a], [b]) => a.localeCompare(b)));
}
