/**
 * Custom audiences through Meta's official Node SDK (facebook-nodejs-business-sdk), unchanged,
 * against graphd on a real loopback port, with the SDK's base URLs pointed at graphd by
 * test/helpers/sdk.ts (as in node-business-sdk.test.ts).
 *
 * What the SDK sends: POST params as a JSON body (payload and session stay objects), GET and
 * DELETE params in the query string with objects JSON-encoded (filtering, payload), and
 * Cursor.next() GETs paging.next verbatim.
 */
import { expect, it } from 'vitest';
import { sha256 } from '../helpers/audiences.js';
import { startTime } from '../helpers/graph.js';
import { initSdkApi, rejection, sdkExports, useLiveGraph, type SdkCursor, type SdkNodeClass, type SdkObject } from '../helpers/sdk.js';
import { describeEachStore } from '../helpers/stores.js';

/** The slice of the SDK this file uses beyond the shared one. */
interface SdkAdAccount extends SdkObject {
  createCustomAudiencesTo(fields: string[], params: Record<string, unknown>): Promise<SdkObject>;
  createCustomAudience(fields: string[], params: Record<string, unknown>): Promise<SdkAudience>;
  getCustomAudiences(fields: string[], params?: Record<string, unknown>): Promise<SdkCursor>;
}
interface SdkAudience extends SdkObject {
  createUser(fields: string[], params: Record<string, unknown>): Promise<SdkObject>;
  deleteUsers(params: Record<string, unknown>): Promise<Record<string, any>>;
  getSessions(fields: string[], params?: Record<string, unknown>): Promise<SdkCursor>;
}

const { AdAccount, CustomAudience } = sdkExports<{ AdAccount: SdkNodeClass<SdkAdAccount>; CustomAudience: SdkNodeClass<SdkAudience> }>();

const customerList = (name: string) => ({ name, subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY' });

describeEachStore('Custom audiences through facebook-nodejs-business-sdk', (open) => {
  const graph = useLiveGraph(open);
  const act = () => `act_${graph().world.adAccount.id}`;
  const emails = (count: number, from = 0) => graph().world.people.slice(from, from + count).map((p) => sha256(p.email!.trim().toLowerCase()));

  it('refuses a customer list before the terms (2663), accepts them with createCustomAudiencesTo, then creates it', async () => {
    const g = graph();
    initSdkApi(g.world.tokens.user);
    const account = new AdAccount(act());
    const refused = await rejection(account.createCustomAudience([], customerList('Too early')));
    expect(refused.name).toBe('FacebookRequestError');
    expect(refused.status).toBe(400);
    expect(refused.response).toMatchObject({ code: 2663, type: 'OAuthException' });

    const accepted = await account.createCustomAudiencesTo([], { tos_id: '215449065224656' });
    expect(accepted._data).toEqual({ success: true });
    const audience = await account.createCustomAudience([], customerList('SDK buyers'));
    expect(audience).toBeInstanceOf(CustomAudience);
    expect(audience.id).toMatch(/^\d+$/);
    const post = g.seen.filter((s) => s.method === 'POST').at(-1)!;
    expect(post.url).toMatch(new RegExp(`^/v24\\.0/${act()}/customaudiences\\?access_token=`));
    expect(post.contentType).toMatch(/^application\/json/);

    // With fields, the create answers the read-back beside the id.
    const withFields = await account.createCustomAudience(['name', 'subtype', 'operation_status'], customerList('SDK read-back'));
    expect(withFields._data).toMatchObject({ id: withFields.id, name: 'SDK read-back', subtype: 'CUSTOM', operation_status: { code: 410 } });
  });

  it('walks getCustomAudiences with filtering and limit=2 through the Cursor to the end', async () => {
    const g = graph();
    initSdkApi(g.world.tokens.user);
    const account = new AdAccount(act());
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await account.createCustomAudience([], customerList(`SDK-walk-${i}`))).id);
    await account.createCustomAudience([], customerList('Not walked'));

    const filtering = [{ field: 'name', operator: 'STARTS_WITH', value: 'SDK-walk-' }, { field: 'subtype', operator: 'EQUAL', value: 'CUSTOM' }];
    const cursor = await account.getCustomAudiences(['id', 'name', 'subtype'], { filtering, limit: 2 });
    const first = g.seen.filter((s) => s.method === 'GET').at(-1)!;
    const sent = new URL(first.url, g.origin).searchParams;
    expect(JSON.parse(sent.get('filtering')!)).toEqual(filtering);
    expect(sent.get('fields')).toBe('id,name,subtype');

    const seen: Record<string, any>[] = cursor.map((a) => a._data);
    expect(cursor).toHaveLength(2);
    let pages = 1;
    while (cursor.hasNext()) {
      await cursor.next();
      seen.push(...cursor.map((a) => a._data));
      pages++;
      expect(pages).toBeLessThanOrEqual(5);
    }
    expect(pages).toBe(3);
    expect(seen.map((a) => a.id).sort()).toEqual([...created].sort());
    expect(new Set(seen.map((a) => a.id)).size).toBe(5);
    for (const a of seen) expect(a).toEqual({ id: expect.any(String), name: expect.stringMatching(/^SDK-walk-\d$/), subtype: 'CUSTOM' });
    // Each next page was the absolute paging.next URL, pointing back at graphd.
    const followed = g.seen.filter((s) => s.method === 'GET').slice(-2);
    for (const request of followed) expect(request.url).toMatch(new RegExp(`^/v24\\.0/${act()}/customaudiences\\?.*after=`));
    await expect(cursor.next()).rejects.toThrow(RangeError);
  });

  it('uploads a 3-batch session with createUser, removes with deleteUsers, then reads sizes, statuses and sessions', async () => {
    const g = graph();
    initSdkApi(g.world.tokens.user);
    const account = new AdAccount(act());
    await account.createCustomAudiencesTo([], { tos_id: '215449065224656' });
    const created = await account.createCustomAudience([], customerList('SDK session'));
    const audience = new CustomAudience(created.id);
    const all = emails(9);
    const sessionId = 424242;
    const received: number[] = [];
    for (let batch = 1; batch <= 3; batch++) {
      const answer = await audience.createUser([], {
        payload: { schema: 'EMAIL_SHA256', data: all.slice((batch - 1) * 3, batch * 3) },
        session: { session_id: sessionId, batch_seq: batch, last_batch_flag: batch === 3, estimated_num_total: 9 },
      });
      expect(answer._data).toMatchObject({ audience_id: audience.id, session_id: String(sessionId), num_invalid_entries: 0, invalid_entry_samples: {} });
      received.push(answer._data.num_received);
      const post = g.seen.filter((s) => s.method === 'POST').at(-1)!;
      // The SDK posts payload and session as objects of a JSON body, not as encoded strings.
      expect(post.url).toMatch(new RegExp(`^/v24\\.0/${audience.id}/users\\?access_token=`));
      expect(post.contentType).toMatch(/^application\/json/);
      if (batch < 3) {
        const open = await audience.getSessions(['session_id', 'num_received', 'stage', 'end_time'], { session_id: sessionId });
        expect(open.map((s) => s._data)).toEqual([{ session_id: String(sessionId), num_received: String(batch * 3), stage: 'uploading', end_time: '0' }]);
      }
    }
    expect(received).toEqual([3, 6, 9]);
    expect((await g.store.audiences.get(audience.id))!.member_count).toBe(9);

    // A batch after last_batch_flag is refused.
    const late = await rejection(
      audience.createUser([], { payload: { schema: 'EMAIL_SHA256', data: all.slice(0, 1) }, session: { session_id: sessionId, batch_seq: 4, last_batch_flag: false } }),
    );
    expect(late.response).toMatchObject({ code: 2650, error_subcode: 1870159 });

    const removed = await audience.deleteUsers({ payload: { schema: 'EMAIL_SHA256', data: all.slice(0, 4) } });
    expect(removed).toMatchObject({ audience_id: audience.id, session_id: expect.stringMatching(/^\d+$/), num_received: 4, num_invalid_entries: 0 });
    const del = g.seen.filter((s) => s.method === 'DELETE').at(-1)!;
    expect(del.url).toMatch(new RegExp(`^/v24\\.0/${audience.id}/users\\?payload=`));
    expect((await g.store.audiences.get(audience.id))!.member_count).toBe(5);

    const read = await audience.read(['approximate_count_lower_bound', 'approximate_count_upper_bound', 'operation_status', 'delivery_status']);
    expect(read).toBe(audience);
    expect(audience._data).toEqual({
      id: audience.id,
      approximate_count_lower_bound: 0,
      approximate_count_upper_bound: 1000,
      operation_status: { code: 200, description: 'Normal' },
      delivery_status: { code: 300, description: 'Audience is too small' },
    });

    const sessions = await audience.getSessions(['session_id', 'start_time', 'end_time', 'num_received', 'num_matched', 'num_invalid_entries', 'progress', 'stage']);
    const byId = new Map(sessions.map((s) => [s._data.session_id as string, s._data]));
    expect(sessions).toHaveLength(2);
    expect(byId.get(String(sessionId))).toEqual({
      session_id: String(sessionId),
      start_time: String(startTime),
      end_time: String(startTime),
      num_received: '9',
      num_matched: '9',
      num_invalid_entries: '0',
      progress: '100',
      stage: 'finished',
    });
    expect(byId.get(removed.session_id)).toMatchObject({ num_received: '4', stage: 'finished', end_time: String(startTime) });
    const one = await audience.getSessions(['session_id', 'stage'], { session_id: sessionId });
    expect(one.map((s) => s._data)).toEqual([{ session_id: String(sessionId), stage: 'finished' }]);
  });

  it('reports a bad payload through the SDK as a FacebookRequestError', async () => {
    const g = graph();
    initSdkApi(g.world.tokens.user);
    const account = new AdAccount(act());
    await account.createCustomAudiencesTo([], { tos_id: '215449065224656' });
    const audience = new CustomAudience((await account.createCustomAudience([], customerList('SDK errors'))).id);
    const missing = await rejection(audience.createUser([], {}));
    expect(missing.response).toMatchObject({ code: 100, message: '(#100) Missing required parameter: payload' });
    const mismatch = await rejection(audience.createUser([], { payload: { schema: ['EMAIL', 'FN'], data: [[emails(1)[0]]] } }));
    expect(mismatch.response).toMatchObject({ code: 100, message: '(#100) Data is missing or does not match schema' });
    expect(mismatch.method).toBe('POST');
  });
});
