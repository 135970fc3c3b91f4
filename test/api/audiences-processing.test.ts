/**
 * The asynchronous mode (config audienceProcessingDelay, CLI --audience-processing N): every
 * change shows operation_status 300 and sizes -1 for N seconds, then the settled status:
 * 200, 412 (mostly invalid entries), 411 (low match rate). Also the upload kinds that need
 * more than hashed emails: APPUID with app_ids, and value-based rows with LOOKALIKE_VALUE.
 */
import { expect, it } from 'vitest';
import { describeEachStore } from '../helpers/stores.js';
import { useGraph, type Harness } from '../helpers/graph.js';
import { acceptAudienceTos, hashedEmails, newCustomerList, sha256 } from '../helpers/audiences.js';

const delay = 30;
const statusFields = 'operation_status,delivery_status,approximate_count_lower_bound,approximate_count_upper_bound';

describeEachStore('Custom audiences: asynchronous processing', (open) => {
  const graph = useGraph(open, { audienceProcessingDelay: delay });
  const token = () => graph().world.tokens.user;
  const upload = (id: string, payload: unknown, session?: unknown) => {
    const params: Record<string, string> = { payload: JSON.stringify(payload), access_token: token() };
    if (session) params.session = JSON.stringify(session);
    return graph().post(`/v21.0/${id}/users`, params);
  };
  const status = async (id: string) => (await graph().get(`/v21.0/${id}`, { fields: statusFields, access_token: token() })).json;
  const members = async (id: string) => (await graph().store.audiences.get(id))!.member_count;
  /** Moves the harness clock past the processing window. */
  const settle = (g: Harness) => {
    g.clock.now += delay + 1;
  };

  it('shows 300 and sizes -1 while an upload is processed, then 200 and the real bounds', async () => {
    const g = graph();
    const id = await newCustomerList(g, 'Async');
    expect((await status(id)).operation_status.code).toBe(410);
    const reply = await upload(id, { schema: 'EMAIL_SHA256', data: hashedEmails(g, 5) });
    // The upload itself answers at once.
    expect(reply.json).toMatchObject({ audience_id: id, num_received: 5, num_invalid_entries: 0 });
    const processing = {
      operation_status: { code: 300, description: 'Updating: there is an ongoing update on the audience.' },
      delivery_status: { code: 300, description: 'Audience is too small' },
      approximate_count_lower_bound: -1,
      approximate_count_upper_bound: -1,
      id,
    };
    expect(await status(id)).toEqual(processing);
    g.clock.now += delay - 1;
    expect(await status(id)).toEqual(processing);
    g.clock.now += 2;
    expect(await status(id)).toEqual({
      operation_status: { code: 200, description: 'Normal' },
      delivery_status: { code: 300, description: 'Audience is too small' },
      approximate_count_lower_bound: 0,
      approximate_count_upper_bound: 1000,
      id,
    });
    expect(await members(id)).toBe(5);

    // A removal is a change too: 300 again, then settled.
    const removed = await g.request('DELETE', `/v21.0/${id}/users?${new URLSearchParams({ payload: JSON.stringify({ schema: 'EMAIL_SHA256', data: hashedEmails(g, 2) }), access_token: token() })}`);
    expect(removed.json).toMatchObject({ num_received: 2 });
    expect((await status(id)).operation_status.code).toBe(300);
    settle(g);
    expect(await status(id)).toMatchObject({ operation_status: { code: 200 }, approximate_count_lower_bound: 0 });
    expect(await members(id)).toBe(3);
  });

  it('lists processing audiences under operation_status.code 300 until they settle', async () => {
    const g = graph();
    const id = await newCustomerList(g, 'Async-listed');
    await upload(id, { schema: 'EMAIL_SHA256', data: hashedEmails(g, 3) });
    const listed = await g.get(`/v21.0/act_${g.world.adAccount.id}/customaudiences`, {
      fields: 'operation_status',
      filtering: JSON.stringify([{ field: 'name', operator: 'EQUAL', value: 'Async-listed' }]),
      access_token: token(),
    });
    expect(listed.json.data).toEqual([{ operation_status: { code: 300, description: expect.any(String) }, id }]);
    settle(g);
    expect((await status(id)).operation_status.code).toBe(200);
  });

  // The filter agrees with the field it names, while processing and after.
  it('filtering operation_status.code IN [300] finds an audience that reads 300', async () => {
    const g = graph();
    const id = await newCustomerList(g, 'Async-filtered');
    await upload(id, { schema: 'EMAIL_SHA256', data: hashedEmails(g, 3) });
    expect((await status(id)).operation_status.code).toBe(300);
    const byCode = async (code: number) =>
      (
        await g.get(`/v21.0/act_${g.world.adAccount.id}/customaudiences`, {
          filtering: JSON.stringify([{ field: 'name', operator: 'EQUAL', value: 'Async-filtered' }, { field: 'operation_status.code', operator: 'IN', value: [code] }]),
          access_token: token(),
        })
      ).json.data.map((row: { id: string }) => row.id);
    try {
      expect(await byCode(300)).toEqual([id]);
      expect(await byCode(200)).toEqual([]);
    } finally {
      settle(g);
    }
  });

  it('settles to 412 when more than half of the session\'s entries are invalid', async () => {
    const g = graph();
    const id = await newCustomerList(g, 'Invalid');
    const data = [...hashedEmails(g, 1), 'not-a-hash', 'mary@example.com', 'x'.repeat(150)];
    const reply = await upload(id, { schema: 'EMAIL_SHA256', data });
    expect(reply.json).toMatchObject({
      num_received: 4,
      num_invalid_entries: 3,
      invalid_entry_samples: { 'not-a-hash': 'EMAIL', 'mary@example.com': 'EMAIL', ['x'.repeat(100)]: 'EMAIL' },
    });
    expect((await status(id)).operation_status.code).toBe(300);
    settle(g);
    expect((await status(id)).operation_status).toEqual({ code: 412, description: 'High rate of invalid entries in the last upload session.' });

    // Exactly half invalid is not "more than half".
    const half = await newCustomerList(g, 'Half invalid');
    await upload(half, { schema: 'EMAIL_SHA256', data: [...hashedEmails(g, 2), 'bad-1', 'bad-2'] });
    settle(g);
    expect((await status(half)).operation_status.code).toBe(200);

    // The status follows the last session: a clean upload settles the 412 audience.
    await upload(id, { schema: 'EMAIL_SHA256', data: hashedEmails(g, 3, 1) });
    settle(g);
    expect((await status(id)).operation_status.code).toBe(200);
  });

  it('settles to 411 when the hashes match (almost) no one', async () => {
    const g = graph();
    const id = await newCustomerList(g, 'Strangers');
    const strangers = Array.from({ length: 6 }, (_, i) => sha256(`stranger${i}@nowhere.example`));
    const reply = await upload(id, { schema: 'EMAIL_SHA256', data: strangers });
    expect(reply.json).toMatchObject({ num_received: 6, num_invalid_entries: 0, invalid_entry_samples: {} });
    expect(await status(id)).toMatchObject({ operation_status: { code: 300 }, approximate_count_lower_bound: -1 });
    settle(g);
    expect(await status(id)).toMatchObject({
      operation_status: { code: 411, description: 'Low match rate: few of the uploaded people could be matched.' },
      approximate_count_lower_bound: 0,
      approximate_count_upper_bound: 1000,
    });
    expect(await members(id)).toBe(0);

    // 1 matched of 6 rows (< 20%) stays 411; 1 of 5 (= 20%) is Normal.
    const low = await newCustomerList(g, 'One in six');
    await upload(low, { schema: 'EMAIL_SHA256', data: [...hashedEmails(g, 1), ...strangers.slice(0, 5)] });
    const enough = await newCustomerList(g, 'One in five');
    await upload(enough, { schema: 'EMAIL_SHA256', data: [...hashedEmails(g, 1), ...strangers.slice(0, 4)] });
    settle(g);
    expect((await status(low)).operation_status.code).toBe(411);
    expect((await status(enough)).operation_status.code).toBe(200);
  });

  it('matches APPUID rows (schema ["APPUID"] with payload.app_ids) to the people with those ASIDs', async () => {
    const g = graph();
    // people i % 5 != 4 have an ASID in the demo app.
    const withAsid = [0, 1, 2, 3, 5].map((i) => g.world.people[i]);
    const asids: string[] = [];
    for (const person of withAsid) {
      const scoped = await g.store.apps.findScopedUser(g.world.app.id, person.id);
      expect(scoped).toBeDefined();
      asids.push(scoped!.asid);
    }
    const id = await newCustomerList(g, 'App users');
    const reply = await upload(id, { schema: ['APPUID'], app_ids: [g.world.app.id], data: asids.map((asid) => [asid]) });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ audience_id: id, num_received: 5, num_invalid_entries: 0 });
    expect(await members(id)).toBe(5);
    settle(g);
    const read = await g.get(`/v21.0/${id}`, { fields: `${statusFields},data_source`, access_token: token() });
    expect(read.json).toMatchObject({ operation_status: { code: 200 }, approximate_count_lower_bound: 0, data_source: { type: 'FILE_IMPORTED', sub_type: 'MULTI_HASHES' } });

    // The single-key form UID reads the same ids; hashed ASIDs (as the Python/PHP SDKs send) match too.
    const single = await newCustomerList(g, 'App users (UID)');
    const uid = await upload(single, { schema: 'UID', app_ids: [g.world.app.id], data: [asids[0], sha256(asids[1]), 'not-an-id'] });
    expect(uid.json).toMatchObject({ num_received: 3, num_invalid_entries: 1, invalid_entry_samples: { 'not-an-id': 'APPUID' } });
    expect(await members(single)).toBe(2);
  });

  it('refuses APPUID rows without app_ids with the documented error and stores nothing', async () => {
    const g = graph();
    const id = await newCustomerList(g, 'No app ids');
    const asid = (await g.store.apps.findScopedUser(g.world.app.id, g.world.people[1].id))!.asid;
    const expected = { message: '(#100) Param payload[app_ids] is required when the schema holds app-scoped user ids', type: 'OAuthException', code: 100, is_transient: false, fbtrace_id: expect.any(String) };
    for (const payload of [
      { schema: ['APPUID'], data: [[asid]] },
      { schema: ['EMAIL', 'APPUID'], data: [[sha256('a@b.c'), asid]] },
      { schema: 'UID', data: [asid] },
      { schema: ['APPUID'], app_ids: [], data: [[asid]] },
    ]) {
      const reply = await upload(id, payload);
      expect(reply.status).toBe(400);
      expect(reply.json.error).toEqual(expected);
    }
    expect(await members(id)).toBe(0);
    expect((await g.get(`/v21.0/${id}/sessions`, { access_token: token() })).json.data).toEqual([]);
    settle(g);
    expect((await status(id)).operation_status.code).toBe(410);
  });

  // app-scoped ids are read in the apps payload.app_ids names: another app's id matches no one.
  it('an APPUID of an app not in app_ids matches no one', async () => {
    const g = graph();
    const person = g.world.people[9];
    expect(await g.store.apps.findScopedUser(g.world.app.id, person.id)).toBeUndefined();
    const otherAsid = (await g.store.apps.findScopedUser(g.world.otherApp.id, person.id))!.asid;
    const id = await newCustomerList(g, 'Other app users');
    const reply = await upload(id, { schema: ['APPUID'], app_ids: [g.world.app.id], data: [[otherAsid]] });
    expect(reply.json).toMatchObject({ num_received: 1 });
    expect(await members(id)).toBe(0);
  });

  it('takes value-based rows (EMAIL + LOOKALIKE_VALUE) and counts a negative value as an invalid entry', async () => {
    const g = graph();
    await acceptAudienceTos(g);
    const created = await g.post(`/v21.0/act_${g.world.adAccount.id}/customaudiences`, {
      name: 'Valued customers',
      subtype: 'CUSTOM',
      customer_file_source: 'USER_PROVIDED_ONLY',
      is_value_based: 'true',
      fields: 'is_value_based',
      access_token: token(),
    });
    expect(created.json).toMatchObject({ is_value_based: true });
    const id = created.json.id as string;
    const [a, b, c, d, e] = hashedEmails(g, 5);
    const schema = ['EMAIL', 'LOOKALIKE_VALUE'];
    const good = await upload(id, { schema, data: [[a, 12.5], [b, '30'], [c, 0]] });
    expect(good.status).toBe(200);
    expect(good.json).toMatchObject({ num_received: 3, num_invalid_entries: 0, invalid_entry_samples: {} });
    expect(await members(id)).toBe(3);

    const bad = await upload(id, { schema, data: [[d, -5], [e, 'lots'], ['', 10]] });
    expect(bad.status).toBe(200);
    expect(bad.json).toMatchObject({ num_received: 3, num_invalid_entries: 3 });
    expect(bad.json.invalid_entry_samples).toMatchObject({ '-5': 'LOOKALIKE_VALUE', lots: 'LOOKALIKE_VALUE' });
    expect(await members(id)).toBe(3);
    settle(g);
    const read = await g.get(`/v21.0/${id}`, { fields: 'operation_status,data_source', access_token: token() });
    // The second session was all invalid entries.
    expect(read.json).toMatchObject({ operation_status: { code: 412 }, data_source: { type: 'FILE_IMPORTED', sub_type: 'MULTI_HASHES' } });
    // A row that is too narrow for the schema refuses the whole request.
    expect((await upload(id, { schema, data: [[a]] })).json.error).toMatchObject({ code: 100, message: '(#100) Data is missing or does not match schema' });
  });
});
