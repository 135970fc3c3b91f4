import { expect, it } from 'vitest';
import { refreshMatchKeys } from '../../src/people/match-keys.js';
import { describeEachStore } from '../helpers/stores.js';
import { useGraph } from '../helpers/graph.js';
import { hashedEmails, newCustomerList, sha256 } from '../helpers/audiences.js';

describeEachStore('Custom audiences: users, sessions, matching, sizes', (open) => {
  const graph = useGraph(open);
  const token = () => graph().world.tokens.user;
  const upload = (id: string, payload: unknown, session?: unknown, method: 'post' | 'del' = 'post') => {
    const g = graph();
    const params: Record<string, string> = { payload: JSON.stringify(payload), access_token: token() };
    if (session) params.session = JSON.stringify(session);
    return method === 'post' ? g.post(`/v21.0/${id}/users`, params) : g.request('DELETE', `/v21.0/${id}/users?${new URLSearchParams(params)}`);
  };

  it('adds hashed emails, matches people, and answers exactly Meta\'s shape', async () => {
    const g = graph();
    const id = await newCustomerList(g);
    const data = [...hashedEmails(g, 5), sha256('nobody@example.com'), 'not-a-hash'];
    const reply = await upload(id, { schema: 'EMAIL_SHA256', data });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.json)).toEqual(['audience_id', 'session_id', 'num_received', 'num_invalid_entries', 'invalid_entry_samples']);
    expect(reply.json).toMatchObject({ audience_id: id, num_received: 7, num_invalid_entries: 1, invalid_entry_samples: { 'not-a-hash': 'EMAIL' } });
    expect(reply.json.session_id).toMatch(/^\d+$/);
    const read = await g.get(`/v21.0/${id}`, { fields: 'approximate_count_lower_bound,approximate_count_upper_bound,operation_status,data_source,time_content_updated', access_token: token() });
    expect(read.json).toMatchObject({
      approximate_count_lower_bound: 0,
      approximate_count_upper_bound: 1000,
      operation_status: { code: 200 },
      data_source: { type: 'FILE_IMPORTED', sub_type: 'HASHES_OR_USER_IDS' },
      time_content_updated: g.clock.now,
    });
    expect((await g.store.audiences.get(id))!.member_count).toBe(5);
  });

  it('accepts the nested single-key form and multi-key rows matched by weak keys', async () => {
    const g = graph();
    const single = await newCustomerList(g, 'nested');
    const nested = await upload(single, { schema: 'EMAIL_SHA256', data: hashedEmails(g, 2).map((h) => [h]) });
    expect(nested.json.num_received).toBe(2);
    const multi = await newCustomerList(g, 'multi');
    const p = g.world.people[3];
    const row = [sha256(p.first_name.toLowerCase().replace(/[^\p{L}]/gu, '')), sha256(p.last_name.toLowerCase().replace(/[^\p{L}]/gu, '')), sha256(p.zip!)];
    const reply = await upload(multi, { schema: ['FN', 'LN', 'ZIP'], data: [row, ['', row[1], row[2]]] });
    expect(reply.json).toMatchObject({ num_received: 2, num_invalid_entries: 0 });
    expect((await g.store.audiences.get(multi))!.member_count).toBe(1);
  });

  it('refuses bad payloads whole: width, size, key names, missing payload, mixed data sources', async () => {
    const g = graph();
    const id = await newCustomerList(g, 'strict');
    expect((await upload(id, { schema: ['EMAIL', 'FN'], data: [[sha256('a@b.c')]] })).json.error).toMatchObject({ code: 100, message: '(#100) Data is missing or does not match schema' });
    const big = Array.from({ length: 10_001 }, (_, i) => sha256(`p${i}@example.com`));
    expect((await upload(id, { schema: 'EMAIL_SHA256', data: big })).json.error).toMatchObject({ code: 105 });
    const uid = await upload(id, { schema: ['EMAIL', 'UID'], data: [[sha256('a@b.c'), '1']] });
    expect(uid.json.error.message).toMatch(/^\(#100\) Raw PII type is invalid, it should be one of EXTERN_ID,EMAIL,PHONE,/);
    const missing = await g.post(`/v21.0/${id}/users`, { access_token: token() });
    expect(missing.json.error).toMatchObject({ code: 100, message: '(#100) Missing required parameter: payload' });
    expect((await g.store.audiences.get(id))!.member_count).toBe(0);
    await upload(id, { schema: ['EMAIL'], data: [[sha256('a@b.c')]] });
    const mixed = await upload(id, { schema: 'EMAIL_SHA256', data: [sha256('a@b.c')] });
    expect(mixed.json.error).toMatchObject({
      code: 2650,
      message: '(#2650) Failed to update the custom audience: This audience was created from data source FILE_IMPORTED.MULTI_HASHES, which does not support data source FILE_IMPORTED.HASHES_OR_USER_IDS.',
    });
  });

  it('counts num_received across a session, ignores a replayed batch and closes on last_batch_flag', async () => {
    const g = graph();
    const id = await newCustomerList(g, 'session');
    const emails = hashedEmails(g, 9);
    const first = await upload(id, { schema: 'EMAIL_SHA256', data: emails.slice(0, 3) }, { session_id: 777, batch_seq: 1, last_batch_flag: false, estimated_num_total: 9 });
    expect(first.json).toMatchObject({ session_id: '777', num_received: 3 });
    const replay = await upload(id, { schema: 'EMAIL_SHA256', data: emails.slice(0, 3) }, { session_id: 777, batch_seq: 1, last_batch_flag: false });
    expect(replay.json.num_received).toBe(3);
    const second = await upload(id, { schema: 'EMAIL_SHA256', data: emails.slice(3, 6) }, { session_id: 777, batch_seq: 2, last_batch_flag: false });
    expect(second.json.num_received).toBe(6);
    const sessions = await g.get(`/v21.0/${id}/sessions`, { access_token: token() });
    expect(sessions.json.data[0]).toEqual({ session_id: '777', start_time: String(g.clock.now), end_time: '0', num_received: '6', num_matched: '-1', num_invalid_entries: '0', progress: '66', stage: 'uploading' });
    const last = await upload(id, { schema: 'EMAIL_SHA256', data: emails.slice(6, 9) }, { session_id: 777, batch_seq: 3, last_batch_flag: true });
    expect(last.json.num_received).toBe(9);
    const done = await g.get(`/v21.0/${id}/sessions`, { session_id: '777', access_token: token() });
    expect(done.json.data[0]).toMatchObject({ end_time: String(g.clock.now), num_matched: '9', stage: 'finished', progress: '100' });
    const after = await upload(id, { schema: 'EMAIL_SHA256', data: emails.slice(0, 1) }, { session_id: 777, batch_seq: 4 });
    expect(after.json.error).toMatchObject({ code: 2650 });
  });

  it('removes users with DELETE and keeps unmatched uploads for people who arrive later', async () => {
    const g = graph();
    const id = await newCustomerList(g, 'later');
    await upload(id, { schema: 'EMAIL_SHA256', data: [...hashedEmails(g, 4), sha256('late.comer@example.com')] });
    expect((await g.store.audiences.get(id))!.member_count).toBe(4);
    const removed = await upload(id, { schema: 'EMAIL_SHA256', data: hashedEmails(g, 2) }, undefined, 'del');
    expect(removed.json).toMatchObject({ audience_id: id, num_received: 2 });
    expect((await g.store.audiences.get(id))!.member_count).toBe(2);
    const newcomer = await g.store.people.create({ ...g.world.people[0], email: 'late.comer@example.com', phone: null } as never);
    await refreshMatchKeys(g.store, newcomer);
    expect((await g.store.audiences.get(id))!.member_count).toBe(3);
  });

  it('opts people out of every customer list of the account with usersofanyaudience', async () => {
    const g = graph();
    const a = await newCustomerList(g, 'a');
    const b = await newCustomerList(g, 'b');
    for (const id of [a, b]) await upload(id, { schema: 'EMAIL_SHA256', data: hashedEmails(g, 3, 6) });
    const reply = await g.request('DELETE', `/v21.0/act_${g.world.adAccount.id}/usersofanyaudience?${new URLSearchParams({ payload: JSON.stringify({ schema: 'EMAIL_SHA256', data: hashedEmails(g, 1, 6) }), access_token: token() })}`);
    expect(reply.status).toBe(200);
    for (const id of [a, b]) expect((await g.store.audiences.get(id))!.member_count).toBe(2);
  });

  it('replaces members in a usersreplace session with 414 while it runs', async () => {
    const g = graph();
    const id = await newCustomerList(g, 'replace');
    await upload(id, { schema: 'EMAIL_SHA256', data: hashedEmails(g, 4) });
    const post = (session: object, data: string[]) => g.post(`/v21.0/${id}/usersreplace`, { payload: JSON.stringify({ schema: 'EMAIL_SHA256', data }), session: JSON.stringify(session), access_token: token() });
    expect((await post({ session_id: 5, batch_seq: 2 }, hashedEmails(g, 1))).json.error).toMatchObject({ code: 2650, error_subcode: 1870147 });
    const first = await post({ session_id: 5, batch_seq: 1, last_batch_flag: false }, hashedEmails(g, 2, 8));
    expect(first.json).toMatchObject({ account_id: g.world.adAccount.id, session_id: '5', num_received: 2 });
    const during = await g.get(`/v21.0/${id}`, { fields: 'operation_status', access_token: token() });
    expect(during.json.operation_status.code).toBe(414);
    expect((await upload(id, { schema: 'EMAIL_SHA256', data: hashedEmails(g, 1) })).json.error).toMatchObject({ code: 2650, error_subcode: 1870145 });
    await post({ session_id: 5, batch_seq: 2, last_batch_flag: true }, hashedEmails(g, 1, 10));
    expect((await g.store.audiences.get(id))!.member_count).toBe(3);
    expect((await post({ session_id: 5, batch_seq: 3 }, hashedEmails(g, 1))).json.error).toMatchObject({ code: 2650, error_subcode: 1870159 });
  });
});
