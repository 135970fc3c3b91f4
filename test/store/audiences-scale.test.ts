import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { UploadedRow } from '../../src/store/audience-types.js';
import { PART_MERGE_FLOOR, SMALL_AUDIENCE_KEYS } from '../../src/store/sql/audience-staging.js';
import { KEY_PARTS } from '../../src/store/sql/key-table.js';
import type { PersonRow } from '../../src/store/types.js';
import { describeEachStore, useStore } from '../helpers/stores.js';
import { adAccount, key, newAudience, rawDb } from './audience-fixtures.js';
import { newPerson } from './fixtures.js';

const T = 1_700_000_100;
const ROWS = 300_000;
const BATCH = 10_000;
/** Person j is matched by upload key u-(STRIDE·j); every third also by u-(STRIDE·j + 1). */
const PEOPLE = 1_000;
const STRIDE = 250;

const upload = (i: number) => `u-${i}`;

describeEachStore('audience rows at scale (staged keys)', (open) => {
  const store = useStore(open);

  async function personWith(...texts: string[]): Promise<PersonRow> {
    const person = await store().people.create(newPerson({ email: null, phone: null }));
    await store().audiences.setPersonMatchKeys(person.id, texts.map(key));
    return person;
  }

  const seqOf = async (audienceId: string) =>
    (await rawDb(store()).selectFrom('custom_audiences').select('seq').where('id', '=', audienceId).executeTakeFirstOrThrow()).seq;

  /** Keys of the audience still staged and merged, from the part counters. */
  async function partCounters(seq: number): Promise<{ staged: number; merged: number }> {
    const { rows } = await sql<{ staged: number | string | null; merged: number | string | null }>`
      select sum(staged) as staged, sum(merged) as merged from audience_key_parts where audience_seq = ${seq}`.execute(rawDb(store()));
    return { staged: Number(rows[0]?.staged ?? 0), merged: Number(rows[0]?.merged ?? 0) };
  }

  async function count(table: 'audience_rows' | 'audience_staged_keys', seq: number): Promise<number> {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} where audience_seq = ${seq}`.execute(rawDb(store()));
    return Number(rows[0].n);
  }

  async function allMembers(audienceId: string): Promise<Set<string>> {
    const ids = new Set<string>();
    for (let after: string | undefined; ; ) {
      const page = await store().audiences.members(audienceId, { limit: 5_000, ...(after && { after }) });
      page.rows.forEach((id) => ids.add(id));
      if (!page.more) return ids;
      after = page.rows.at(-1);
    }
  }

  it(`uploads ${ROWS.toLocaleString('en-US')} rows in ${BATCH.toLocaleString('en-US')}-row batches, staged, with exact members throughout`, async () => {
    expect(ROWS).toBeGreaterThan(SMALL_AUDIENCE_KEYS + KEY_PARTS * PART_MERGE_FLOOR);
    const people: PersonRow[] = [];
    for (let j = 0; j < PEOPLE; j++) {
      people.push(await personWith(...(j % 3 === 0 ? [upload(STRIDE * j), upload(STRIDE * j + 1)] : [upload(STRIDE * j)])));
    }
    const account = await adAccount(store());
    const audience = await store().audiences.create(newAudience(account.id));
    const seq = await seqOf(audience.id);
    const expected = new Set<string>();
    const rows = (from: number, to: number, value: (i: number) => number | undefined): UploadedRow[] =>
      Array.from({ length: to - from }, (_, n) => {
        const v = value(from + n);
        return { keys: [key(upload(from + n))], ...(v !== undefined && { value: v }) };
      });

    // The upload, a batch per call as /users sends them; values i mod 7.
    let sawStaged = false;
    for (let from = 0; from < ROWS; from += BATCH) {
      const members = await store().audiences.addRows(audience.id, rows(from, from + BATCH, (i) => i % 7), T);
      for (let j = Math.ceil(from / STRIDE); j * STRIDE < from + BATCH && j < PEOPLE; j++) expected.add(people[j].id);
      expect(members).toBe(expected.size);
      sawStaged ||= (await partCounters(seq)).staged > 0;
      // Halfway, a batch sent again with new values: nothing joins, the values change.
      if (from === 150_000) {
        expect(await store().audiences.addRows(audience.id, rows(30_000, 40_000, (i) => 1_000 + i), T)).toBe(expected.size);
      }
    }
    expect(expected.size).toBe(PEOPLE);
    expect(sawStaged).toBe(true);
    const afterUpload = await partCounters(seq);
    expect(afterUpload.staged).toBeGreaterThan(0);
    // Some parts merged past the small-audience phase: per-part merges ran too.
    expect(afterUpload.merged).toBeGreaterThan(SMALL_AUDIENCE_KEYS);
    expect(afterUpload.staged + afterUpload.merged).toBe(ROWS + BATCH);

    // People created now join through staged and merged keys alike.
    const late: PersonRow[] = [];
    for (let n = 0; n < 20; n++) late.push(await personWith(upload(ROWS - 1 - 997 * n), `elsewhere-${n}`));
    late.forEach((person) => expected.add(person.id));
    expect((await store().audiences.get(audience.id))!.member_count).toBe(expected.size);

    // Removing keys: people 0..99 lose their first key; every third still has its second.
    const removed = rows(0, 100 * STRIDE, () => undefined).filter((_, i) => i % STRIDE === 0);
    for (let j = 0; j < 100; j++) if (j % 3 !== 0) expected.delete(people[j].id);
    expect(await store().audiences.removeRows(audience.id, removed, T + 1)).toBe(expected.size);
    expect((await partCounters(seq)).staged).toBe(0);

    // Opt-out: people 300..309 leave whatever else matches them.
    const optedOut = Array.from({ length: 10 }, (_, n) => ({ keys: [key(upload(STRIDE * (300 + n)))] }));
    await store().audiences.removeFromAccount(account.id, optedOut, T + 2);
    for (let j = 300; j < 310; j++) expected.delete(people[j].id);
    expect((await store().audiences.get(audience.id))!.member_count).toBe(expected.size);
    expect(await allMembers(audience.id)).toEqual(expected);

    // More rows after the removal stage again; merging them all leaves every distinct key once.
    await store().audiences.addRows(audience.id, rows(ROWS, ROWS + BATCH, () => undefined), T + 3);
    expect(await store().audiences.mergeStagedRows(audience.id)).toBeGreaterThan(0);
    expect(await store().audiences.mergeStagedRows(audience.id)).toBe(0);
    expect(await count('audience_staged_keys', seq)).toBe(0);
    expect(await count('audience_rows', seq)).toBe(ROWS + BATCH - removed.length - optedOut.length);
    expect(await valuesOf(store, seq, [5, 35_000, 39_999, 40_000, ROWS - 1, ROWS + 1])).toEqual([5 % 7, 36_000, 40_999, 40_000 % 7, (ROWS - 1) % 7, null]);
    expect((await store().audiences.get(audience.id))!.member_count).toBe(expected.size);

    // Clearing forgets staged and merged keys alike.
    await store().audiences.addRows(audience.id, rows(ROWS + BATCH, ROWS + 2 * BATCH, () => undefined), T + 4);
    await store().audiences.clearRows(audience.id, T + 5);
    expect((await store().audiences.get(audience.id))!.member_count).toBe(0);
    expect([await count('audience_rows', seq), await count('audience_staged_keys', seq), (await partCounters(seq)).staged]).toEqual([0, 0, 0]);
    await personWith(upload(ROWS + BATCH + 7));
    expect(await allMembers(audience.id)).toEqual(new Set());
    expect(await store().audiences.addRows(audience.id, rows(0, 1, () => undefined), T + 6)).toBe(1);

    await store().audiences.addRows(audience.id, rows(ROWS, ROWS + BATCH, () => undefined), T + 7);
    await store().audiences.delete(audience.id);
    expect([await count('audience_rows', seq), await count('audience_staged_keys', seq), (await partCounters(seq)).staged]).toEqual([0, 0, 0]);
  }, 180_000);

  it('keeps a failed upload from staging anything', async () => {
    const audience = await store().audiences.create(newAudience((await adAccount(store())).id));
    const seq = await seqOf(audience.id);
    const rows = Array.from({ length: 3 * BATCH }, (_, i) => ({ keys: [key(upload(i))] }));
    await expect(
      store().transaction(async (tx) => {
        await tx.audiences.addRows(audience.id, rows, T);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect([await count('audience_rows', seq), await count('audience_staged_keys', seq), (await partCounters(seq)).staged]).toEqual([0, 0, 0]);
    expect((await store().audiences.get(audience.id))!.member_count).toBe(0);
  });
});

/** The stored value of upload key i, for each i (undefined when the key is not stored). */
async function valuesOf(store: () => import('../../src/store/types.js').Store, seq: number, indexes: number[]): Promise<(number | null | undefined)[]> {
  const rows = await rawDb(store())
    .selectFrom('audience_rows')
    .select(['match_key', 'value'])
    .where('audience_seq', '=', seq)
    .where('match_key', 'in', indexes.map((i) => key(upload(i))))
    .execute();
  const byKey = new Map(rows.map((row) => [Buffer.from(row.match_key).toString('hex'), row.value === null ? null : Number(row.value)]));
  return indexes.map((i) => byKey.get(key(upload(i)).toString('hex')));
}
