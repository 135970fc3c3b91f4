import { beforeEach, expect, it } from 'vitest';
import { GraphError } from '../../src/graph/graph-error.js';
import type { AudienceSessionRow, CustomAudienceRow } from '../../src/store/audience-types.js';
import type { AdAccountRow } from '../../src/store/types.js';
import { describeEachStore, useStore } from '../helpers/stores.js';
import { adAccount, countWhere, key, newAudience, rawDb, rowsOf } from './audience-fixtures.js';
import { ID_FORMAT, newPerson } from './fixtures.js';

describeEachStore('audiences', (open) => {
  const store = useStore(open);
  let account: AdAccountRow;

  beforeEach(async () => {
    account = await adAccount(store());
  });

  it('creates an audience as a CustomAudience node and reads every field back', async () => {
    const input = newAudience(account.id, {
      is_value_based: true,
      lookalike_spec: { ratio: 0.01, country: 'US' },
      attributes: { claim_objective: 'PURCHASE', allowed_domains: ['a.example'] },
      retention_days: 30,
      name: null,
    });
    const created = await store().audiences.create(input);
    expect(created).toEqual({
      ...input,
      id: expect.stringMatching(ID_FORMAT),
      member_count: 0,
      time_updated: input.time_created,
      time_content_updated: input.time_created,
      delete_time: 0,
      processing_until: 0,
      settled_status: input.operation_status,
      reads_left: 0,
      transition: null,
    });
    expect(await store().audiences.get(created.id)).toEqual(created);
    expect(await store().nodes.typeOf(created.id)).toBe('CustomAudience');
    expect(await store().audiences.get('123123123123123')).toBeUndefined();
  });

  it('creates audiences concurrently, each with its own id and internal key', async () => {
    const created = await Promise.all(Array.from({ length: 8 }, (_, i) => store().audiences.create(newAudience(account.id, { name: `A${i}` }))));
    expect(new Set(created.map((audience) => audience.id)).size).toBe(8);
    const seqs = await rawDb(store()).selectFrom('custom_audiences').select('seq').execute();
    expect(new Set(seqs.map((row) => row.seq)).size).toBe(8);
    expect(await store().audiences.count(account.id)).toBe(8);
  });

  it('updates only the named fields, JSON and flags included', async () => {
    const created = await store().audiences.create(newAudience(account.id));
    await store().audiences.update(created.id, {
      name: 'Renamed',
      description: null,
      is_value_based: true,
      lookalike_spec: { ratio: 0.05 },
      attributes: { rows_received: 3 },
      operation_status: 300,
      processing_until: 1_700_000_600,
      time_updated: 1_700_000_500,
      subtype: undefined,
    });
    await store().audiences.update(created.id, {});
    expect(await store().audiences.get(created.id)).toEqual({
      ...created,
      name: 'Renamed',
      description: null,
      is_value_based: true,
      lookalike_spec: { ratio: 0.05 },
      attributes: { rows_received: 3 },
      operation_status: 300,
      processing_until: 1_700_000_600,
      time_updated: 1_700_000_500,
    });
    await store().audiences.update(created.id, { lookalike_spec: null });
    expect((await store().audiences.get(created.id))!.lookalike_spec).toBeNull();
  });

  it('deletes an audience with its node, rows, members, sessions, batches and shares', async () => {
    const other = await adAccount(store(), 'Other');
    const person = await store().people.create(newPerson());
    await store().audiences.setPersonMatchKeys(person.id, [key('ada')]);
    const audience = await store().audiences.create(newAudience(account.id));
    const kept = await store().audiences.create(newAudience(account.id));
    for (const id of [audience.id, kept.id]) {
      await store().audiences.addRows(id, rowsOf('ada', 'nobody'), 1_700_000_100);
      await store().audiences.putSession(session(id, '1'));
      await store().audiences.recordBatch(id, '1', 1);
      await store().audiences.share(id, other.id, 'targeting', 1_700_000_200);
    }
    const seq = (await rawDb(store()).selectFrom('custom_audiences').select('seq').where('id', '=', audience.id).executeTakeFirstOrThrow()).seq;

    await store().audiences.delete(audience.id);

    expect(await store().audiences.get(audience.id)).toBeUndefined();
    expect(await store().nodes.typeOf(audience.id)).toBeUndefined();
    expect(await countWhere(store(), 'audience_rows', 'audience_seq', seq)).toBe(0);
    expect(await countWhere(store(), 'audience_members', 'audience_seq', seq)).toBe(0);
    for (const table of ['audience_sessions', 'audience_session_batches', 'audience_shares'] as const) {
      expect(await countWhere(store(), table, 'audience_id', audience.id)).toBe(0);
      expect(await countWhere(store(), table, 'audience_id', kept.id)).toBe(1);
    }
    expect(await store().audiences.members(kept.id, { limit: 5 })).toEqual({ rows: [person.id], more: false });
    await expect(store().audiences.delete(audience.id)).resolves.toBeUndefined();
    // Only audiences: another node type is not deleted by id.
    await store().audiences.delete(account.id);
    expect(await store().adAccounts.get(account.id)).toBeDefined();
  });

  it('counts the account’s own audiences, optionally by subtype', async () => {
    const other = await adAccount(store(), 'Other');
    await store().audiences.create(newAudience(account.id));
    await store().audiences.create(newAudience(account.id, { subtype: 'LOOKALIKE' }));
    const theirs = await store().audiences.create(newAudience(other.id));
    await store().audiences.share(theirs.id, account.id, 'targeting', 1);
    expect(await store().audiences.count(account.id)).toBe(2);
    expect(await store().audiences.count(account.id, { subtype: 'LOOKALIKE' })).toBe(1);
    expect(await store().audiences.count(account.id, { subtype: 'WEBSITE' })).toBe(0);
  });

  it('lists the audiences derived from an origin, oldest first', async () => {
    const origin = await store().audiences.create(newAudience(account.id));
    const late = await store().audiences.create(newAudience(account.id, { origin_audience_id: origin.id, time_created: 20 }));
    const early = await store().audiences.create(newAudience(account.id, { origin_audience_id: origin.id, time_created: 10 }));
    expect(await store().audiences.derivedFrom(origin.id)).toEqual([early.id, late.id]);
    expect(await store().audiences.derivedFrom(late.id)).toEqual([]);
  });

  it('shares idempotently, updating permissions and keeping the first share time', async () => {
    const [b, c] = [await adAccount(store(), 'B'), await adAccount(store(), 'C')];
    const audience = await store().audiences.create(newAudience(account.id));
    await store().audiences.share(audience.id, c.id, 'targeting', 20);
    await store().audiences.share(audience.id, b.id, 'targeting', 10);
    await store().audiences.share(audience.id, b.id, 'targeting_and_insights', 30);
    expect(await store().audiences.sharedWith(audience.id)).toEqual([
      { ad_account_id: b.id, permissions: 'targeting_and_insights', time_shared: 10 },
      { ad_account_id: c.id, permissions: 'targeting', time_shared: 20 },
    ]);
    await store().audiences.unshare(audience.id, b.id);
    await store().audiences.unshare(audience.id, b.id);
    expect((await store().audiences.sharedWith(audience.id)).map((s) => s.ad_account_id)).toEqual([c.id]);
  });

  it('records accepted terms once, in the order accepted', async () => {
    expect(await store().audiences.tosAccepted(account.id)).toEqual([]);
    await store().audiences.acceptTos(account.id, 'custom_audience_tos', 20);
    await store().audiences.acceptTos(account.id, 'web_custom_audience_tos', 10);
    await store().audiences.acceptTos(account.id, 'custom_audience_tos', 30);
    expect(await store().audiences.tosAccepted(account.id)).toEqual(['web_custom_audience_tos', 'custom_audience_tos']);
    expect(await store().audiences.tosAccepted((await adAccount(store(), 'B')).id)).toEqual([]);
  });

  const session = (audienceId: string, sessionId: string, overrides: Partial<AudienceSessionRow> = {}): AudienceSessionRow => ({
    audience_id: audienceId,
    session_id: sessionId,
    kind: 'add',
    start_time: 1_700_000_000,
    end_time: 0,
    num_received: 0,
    num_invalid_entries: 0,
    num_matched: -1,
    stage: 'uploading',
    schema: 'EMAIL_SHA256',
    estimated_num_total: 100,
    ...overrides,
  });

  it('stores, replaces and reads upload sessions', async () => {
    const audience = await store().audiences.create(newAudience(account.id));
    const first = session(audience.id, '9001');
    await store().audiences.putSession(first);
    expect(await store().audiences.getSession(audience.id, '9001')).toEqual(first);
    const finished = { ...first, stage: 'finished' as const, end_time: 1_700_000_100, num_received: 10, num_invalid_entries: 1, num_matched: 7 };
    await store().audiences.putSession(finished);
    expect(await store().audiences.getSession(audience.id, '9001')).toEqual(finished);
    expect(await store().audiences.getSession(audience.id, '9002')).toBeUndefined();
  });

  it('pages an audience’s sessions by id, or reads just one', async () => {
    const audience = await store().audiences.create(newAudience(account.id));
    const other = await store().audiences.create(newAudience(account.id));
    for (const id of ['3', '1', '2']) await store().audiences.putSession(session(audience.id, id, { kind: 'replace' }));
    await store().audiences.putSession(session(other.id, '4'));
    const first = await store().audiences.listSessions(audience.id, { limit: 2 });
    expect(first.rows.map((s) => s.session_id)).toEqual(['1', '2']);
    expect(first.more).toBe(true);
    expect(first.rows[0].kind).toBe('replace');
    const rest = await store().audiences.listSessions(audience.id, { limit: 2, after: '2' });
    expect(rest).toEqual({ rows: [session(audience.id, '3', { kind: 'replace' })], more: false });
    const back = await store().audiences.listSessions(audience.id, { limit: 5, before: '3' });
    expect(back.rows.map((s) => s.session_id)).toEqual(['1', '2']);
    const one = await store().audiences.listSessions(audience.id, { limit: 5 }, '2');
    expect(one.rows.map((s) => s.session_id)).toEqual(['2']);
    expect(await store().audiences.listSessions(audience.id, { limit: 5 }, '4')).toEqual({ rows: [], more: false });
  });

  it('records each batch of a session once and detects replays', async () => {
    const audience = await store().audiences.create(newAudience(account.id));
    await store().audiences.putSession(session(audience.id, '1'));
    expect(await store().audiences.recordBatch(audience.id, '1', 1)).toBe(true);
    expect(await store().audiences.recordBatch(audience.id, '1', 2)).toBe(true);
    expect(await store().audiences.recordBatch(audience.id, '1', 1)).toBe(false);
    expect(await store().audiences.recordBatch(audience.id, '2', 1)).toBe(true);
    expect(await store().audiences.recordBatch(audience.id, '2', 1)).toBe(false);
  });

  it('rolls back an upload with the transaction around it', async () => {
    const person = await store().people.create(newPerson());
    await store().audiences.setPersonMatchKeys(person.id, [key('ada')]);
    const audience = await store().audiences.create(newAudience(account.id));
    await expect(
      store().transaction(async (trx) => {
        expect(await trx.audiences.recordBatch(audience.id, '1', 1)).toBe(true);
        expect(await trx.audiences.addRows(audience.id, rowsOf('ada'), 1_700_000_100)).toBe(1);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store().audiences.get(audience.id)).toEqual(audience);
    expect(await store().audiences.members(audience.id, { limit: 5 })).toEqual({ rows: [], more: false });
    expect(await store().audiences.recordBatch(audience.id, '1', 1)).toBe(true);
  });
});

describeEachStore('audiences.list', (open) => {
  const store = useStore(open);
  let account: AdAccountRow;
  let own: CustomAudienceRow[];
  let shared: CustomAudienceRow;

  beforeEach(async () => {
    account = await adAccount(store());
    const other = await adAccount(store(), 'Other');
    own = [];
    const specs = [
      { name: 'VIP customers', subtype: 'CUSTOM', operation_status: 200, time_created: 1_700_000_000 },
      { name: 'Newsletter', subtype: 'CUSTOM', operation_status: 441, time_created: 1_700_100_000 },
      { name: 'Lookalike (US, 1%)', subtype: 'LOOKALIKE', data_source_type: 'UNKNOWN', time_created: 1_700_200_000 },
      { name: 'Website visitors', subtype: 'WEBSITE', data_source_type: 'EVENT_BASED', pixel_id: '555', time_created: 1_700_300_000 },
      { name: 'vip lapsed', subtype: 'CUSTOM', is_value_based: true, time_created: 1_700_400_000 },
    ];
    for (const spec of specs) own.push(await store().audiences.create(newAudience(account.id, spec)));
    shared = await store().audiences.create(newAudience(other.id, { name: 'Partner VIPs', time_created: 1_600_000_000 }));
    await store().audiences.share(shared.id, account.id, 'targeting', 1);
    await store().audiences.create(newAudience(other.id, { name: 'Not shared VIPs' }));
    // Member counts: 3 in own[0], 1 in own[4].
    const people = [];
    for (let i = 0; i < 3; i++) people.push(await store().people.create(newPerson()));
    for (const [i, person] of people.entries()) await store().audiences.setPersonMatchKeys(person.id, [key(`p${i}`)]);
    await store().audiences.addRows(own[0].id, rowsOf('p0', 'p1', 'p2'), 1_700_500_000);
    await store().audiences.addRows(own[4].id, rowsOf('p0'), 1_700_500_000);
  });

  const sortedIds = (rows: { id: string }[]) => rows.map((row) => row.id).sort();
  const idsOf = (page: { rows: { id: string }[] }) => page.rows.map((row) => row.id);

  it('pages the account’s own and shared audiences by id', async () => {
    const all = sortedIds([...own, shared]);
    const first = await store().audiences.list(account.id, { limit: 4 });
    expect(idsOf(first)).toEqual(all.slice(0, 4));
    expect(first.more).toBe(true);
    const second = await store().audiences.list(account.id, { limit: 4, after: all[3] });
    expect(idsOf(second)).toEqual(all.slice(4));
    expect(second.more).toBe(false);
    const back = await store().audiences.list(account.id, { limit: 2, before: all[3] });
    expect(idsOf(back)).toEqual(all.slice(1, 3));
    expect(first.rows[0]).toEqual(await store().audiences.get(all[0]));
  });

  it('stops listing an audience once unshared', async () => {
    await store().audiences.unshare(shared.id, account.id);
    expect(sortedIds((await store().audiences.list(account.id, { limit: 10 })).rows)).toEqual(sortedIds(own));
  });

  const filtered = async (...filtering: { field: string; operator: string; value: unknown }[]) =>
    sortedIds((await store().audiences.list(account.id, { limit: 10 }, filtering as never)).rows);

  it('filters on text, number, flag and time fields in SQL', async () => {
    expect(await filtered({ field: 'name', operator: 'CONTAIN', value: 'vip' })).toEqual(sortedIds([own[0], own[4], shared]));
    expect(await filtered({ field: 'subtype', operator: 'EQUAL', value: 'CUSTOM' })).toEqual(sortedIds([own[0], own[1], own[4], shared]));
    expect(await filtered({ field: 'subtype', operator: 'IN', value: ['LOOKALIKE', 'WEBSITE'] })).toEqual(sortedIds([own[2], own[3]]));
    expect(await filtered({ field: 'operation_status.code', operator: 'EQUAL', value: 441 })).toEqual(sortedIds([own[1]]));
    expect(await filtered({ field: 'is_value_based', operator: 'EQUAL', value: true })).toEqual(sortedIds([own[4]]));
    expect(await filtered({ field: 'data_source.type', operator: 'EQUAL', value: 'EVENT_BASED' })).toEqual(sortedIds([own[3]]));
    expect(await filtered({ field: 'pixel_id', operator: 'EQUAL', value: '555' })).toEqual(sortedIds([own[3]]));
    expect(await filtered({ field: 'account_id', operator: 'EQUAL', value: shared.ad_account_id })).toEqual(sortedIds([shared]));
    expect(await filtered({ field: 'time_created', operator: 'GREATER_THAN', value: 1_700_150_000 })).toEqual(sortedIds(own.slice(2)));
    expect(
      await filtered(
        { field: 'name', operator: 'CONTAIN', value: 'vip' },
        { field: 'time_created', operator: 'AFTER', value: 1_650_000_000 },
      ),
    ).toEqual(sortedIds([own[0], own[4]]));
  });

  it('filters and picks the TOP audiences by the time their members last changed', async () => {
    expect(await filtered({ field: 'time_content_updated', operator: 'GREATER_THAN', value: 1_700_400_000 })).toEqual(sortedIds([own[0], own[4]]));
    const top = await store().audiences.list(account.id, { limit: 1 }, [{ field: 'time_content_updated', operator: 'TOP', value: 2 }]);
    expect(idsOf(top)).toEqual(sortedIds([own[0], own[4]]).slice(0, 1));
    expect(top.more).toBe(true);
  });

  it('rejects a field the map does not name', async () => {
    await expect(store().audiences.list(account.id, { limit: 10 }, [{ field: 'seq', operator: 'EQUAL', value: 1 }])).rejects.toThrow(GraphError);
  });
});
