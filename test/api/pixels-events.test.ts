/**
 * Pixels (AdsPixel) and server events (POST /{pixel_id}/events, Conversions API):
 * create and read, the checks on each event, the answer, and events matched to people by
 * the customer lists' normalisation and keys (docs/rules.md).
 */
import { expect, it } from 'vitest';
import { describeEachStore } from '../helpers/stores.js';
import { startTime, useGraph, type Harness } from '../helpers/graph.js';
import { sha256 } from '../helpers/audiences.js';

const webEvent = (email: string | undefined, extra: Record<string, unknown> = {}) => ({
  event_name: 'PageView',
  event_time: startTime - 60,
  action_source: 'website',
  event_source_url: 'https://shop.example/shoes/red',
  user_data: { ...(email && { em: [sha256(email)] }), client_user_agent: 'Mozilla/5.0', client_ip_address: '203.0.113.7' },
  ...extra,
});

async function newPixel(g: Harness, name = 'Shop pixel'): Promise<string> {
  const reply = await g.post(`/v21.0/act_${g.world.adAccount.id}/adspixels`, { name, access_token: g.world.tokens.user });
  if (!reply.json.id) throw new Error(`could not create pixel: ${reply.body}`);
  return reply.json.id;
}

describeEachStore('Pixels and server events', (open) => {
  const graph = useGraph(open);
  const token = () => graph().world.tokens.user;
  const send = (pixel: string, data: unknown, extra: Record<string, string> = {}) =>
    graph().post(`/v21.0/${pixel}/events`, { data: JSON.stringify(data), access_token: token(), ...extra });

  it('creates a pixel under the ad account, lists it and reads its fields', async () => {
    const g = graph();
    const id = await newPixel(g);
    expect(id).toMatch(/^\d+$/);
    const listed = await g.get(`/v21.0/act_${g.world.adAccount.id}/adspixels`, { fields: 'id,name', access_token: token() });
    expect(listed.json.data).toEqual([{ id, name: 'Shop pixel' }]);
    const read = await g.get(`/v21.0/${id}`, { fields: 'name,code,creation_time,last_fired_time,is_unavailable,owner_ad_account', access_token: token() });
    expect(read.json).toMatchObject({ id, name: 'Shop pixel', is_unavailable: false, owner_ad_account: { id: `act_${g.world.adAccount.id}` } });
    expect(read.json.code).toContain(`fbq('init', '${id}')`);
    expect(read.json.creation_time).toBe('2026-01-01T00:00:00+0000');
    expect(read.json.last_fired_time).toBeUndefined();
    const missingName = await g.post(`/v21.0/act_${g.world.adAccount.id}/adspixels`, { access_token: token() });
    expect(missingName.json.error.code).toBe(100);
  });

  it('answers events_received, messages and fbtrace_id, and marks the pixel fired', async () => {
    const g = graph();
    const pixel = await newPixel(g);
    const reply = await send(pixel, [webEvent(g.world.people[0].email!), webEvent(undefined, { event_name: 'ViewContent' })]);
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ events_received: 2, messages: [], fbtrace_id: expect.stringMatching(/^\S{10,}$/) });
    const read = await g.get(`/v21.0/${pixel}`, { fields: 'last_fired_time', access_token: token() });
    expect(read.json.last_fired_time).toBe('2026-01-01T00:00:00+0000');
  });

  it('refuses bad events in the Conversions API shape, naming the event, and stores none of the request', async () => {
    const g = graph();
    const pixel = await newPixel(g);
    const cases: [unknown, string][] = [
      [[{ ...webEvent('a@b.example'), event_name: undefined }], 'Missing Event Parameter'],
      [[webEvent('a@b.example', { event_time: startTime - 8 * 86400 })], 'Event Timestamp Too Old'],
      [[webEvent('a@b.example', { event_time: startTime + 3600 })], 'Event Timestamp In Future'],
      [[webEvent('a@b.example', { action_source: 'telepathy' })], 'Invalid Action Source'],
      [[webEvent('a@b.example', { user_data: { em: ['x'] } })], 'Missing Website Event Parameter'],
      [[webEvent('a@b.example', { user_data: {} })], 'Missing Customer Information'],
      [[webEvent('a@b.example', { event_source_url: undefined })], 'Missing Website Event Parameter'],
      [[webEvent('a@b.example'), webEvent('a@b.example', { custom_data: 'price' })], 'Invalid Custom Data'],
      [Array.from({ length: 1001 }, () => webEvent('a@b.example')), 'Too Many Events'],
    ];
    for (const [data, title] of cases) {
      const reply = await send(pixel, data);
      expect(reply.status, title).toBe(400);
      expect(reply.json.error, title).toMatchObject({ code: 100, type: 'OAuthException', message: 'Invalid parameter', error_user_title: title });
    }
    const second = await send(pixel, [webEvent('a@b.example'), webEvent('a@b.example', { custom_data: 'price' })]);
    expect(second.json.error.error_user_msg).toMatch(/^Event 1: /);
    const notJson = await g.post(`/v21.0/${pixel}/events`, { data: '{oops', access_token: token() });
    expect(notJson.json.error.code).toBe(100);
    // Nothing of the refused requests reached the pixel.
    expect((await g.get(`/v21.0/${pixel}`, { fields: 'last_fired_time', access_token: token() })).json.last_fired_time).toBeUndefined();
  });

  it('matches events to people by hashed or raw identifiers, as customer lists match', async () => {
    const g = graph();
    const pixel = await newPixel(g);
    const [first, second, third] = g.world.people;
    await send(pixel, [
      webEvent(first.email!.toLowerCase()),
      // Raw, unnormalised: graphd normalises and hashes it as the business SDKs would.
      webEvent(undefined, { user_data: { em: `  ${second.email!.toUpperCase()} `, client_user_agent: 'x' } }),
      // A weak combination: first name, last name, ZIP.
      webEvent(undefined, { user_data: { fn: sha256(third.first_name.toLowerCase()), ln: sha256(third.last_name.toLowerCase()), zp: sha256(third.zip!.slice(0, 5)), client_user_agent: 'x' } }),
      webEvent('nobody@nowhere.example'),
    ]);
    const events = await g.store.pixels.matchedEvents([pixel], 0);
    expect(events.map((event) => event.person_id).sort()).toEqual([first.id, second.id, third.id].sort());
    expect(events[0]).toMatchObject({ event_name: 'PageView', event_source_url: 'https://shop.example/shoes/red', action_source: 'website', event_time: startTime - 60 });
  });

  it('checks and answers test events without keeping them', async () => {
    const g = graph();
    const pixel = await newPixel(g);
    const reply = await send(pixel, [webEvent(g.world.people[0].email!)], { test_event_code: 'TEST123' });
    expect(reply.json.events_received).toBe(1);
    expect(await g.store.pixels.matchedEvents([pixel], 0)).toEqual([]);
    const bad = await send(pixel, [webEvent(g.world.people[0].email!, { action_source: 'nope' })], { test_event_code: 'TEST123' });
    expect(bad.json.error.error_user_title).toBe('Invalid Action Source');
  });

});
