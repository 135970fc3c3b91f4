/**
 * Website (pixel) rule audiences (docs/rules.md): members are the people with matching
 * events within retention; prefill takes in stored events, without it only later ones count;
 * membership grows as events arrive and expires as the clock passes retention; exclusions;
 * 441 while populating, 421 while the pixel never fired, 423 for a pixel not the account's.
 */
import { expect, it } from 'vitest';
import { describeEachStore } from '../helpers/stores.js';
import { useGraph, type Harness } from '../helpers/graph.js';
import { sha256 } from '../helpers/audiences.js';

const day = 86400;

describeEachStore('Rule audiences on pixel events', (open) => {
  const graph = useGraph(open, { audienceProcessingDelay: 30 });
  const token = () => graph().world.tokens.user;
  const act = () => `act_${graph().world.adAccount.id}`;

  async function newPixel(g: Harness): Promise<string> {
    return (await g.post(`/v21.0/${act()}/adspixels`, { name: 'Shop', access_token: token() })).json.id;
  }
  const visit = (g: Harness, personIndex: number, url: string, at = g.clock.now - 10, custom_data?: object) => ({
    event_name: 'PageView',
    event_time: at,
    action_source: 'website',
    event_source_url: url,
    user_data: { em: sha256(g.world.people[personIndex].email!.toLowerCase()), client_user_agent: 'Mozilla/5.0' },
    ...(custom_data && { custom_data }),
  });
  async function send(g: Harness, pixel: string, events: object[]) {
    const reply = await g.post(`/v21.0/${pixel}/events`, { data: JSON.stringify(events), access_token: token() });
    expect(reply.json.events_received, reply.body).toBe(events.length);
  }
  const urlRule = (pixel: string, contains: string, retention_seconds: number, exclusions?: object) =>
    JSON.stringify({
      inclusions: { operator: 'or', rules: [{ event_sources: [{ type: 'pixel', id: pixel }], retention_seconds, filter: { operator: 'and', filters: [{ field: 'url', operator: 'i_contains', value: contains }] } }] },
      ...(exclusions && { exclusions }),
    });
  async function create(g: Harness, rule: string, prefill: boolean): Promise<string> {
    const reply = await g.post(`/v21.0/${act()}/customaudiences`, { name: 'Visitors', rule, prefill: String(prefill), access_token: token() });
    if (!reply.json.id) throw new Error(reply.body);
    return reply.json.id;
  }
  const members = async (g: Harness, id: string) => (await g.store.audiences.members(id, { limit: 100 })).rows.sort();
  const status = async (g: Harness, id: string) =>
    (await g.get(`/v21.0/${id}`, { fields: 'operation_status,approximate_count_lower_bound,pixel_id,subtype,data_source', access_token: token() })).json;
  const ids = (g: Harness, ...indexes: number[]) => indexes.map((i) => g.world.people[i].id).sort();

  it('prefill takes in stored events; without it only events after creation count', async () => {
    const g = graph();
    const pixel = await newPixel(g);
    await send(g, pixel, [visit(g, 0, 'https://shop.example/Shoes/red'), visit(g, 1, 'https://shop.example/hats')]);
    const prefilled = await create(g, urlRule(pixel, 'shoes', 30 * day), true);
    const fresh = await create(g, urlRule(pixel, 'shoes', 30 * day), false);
    expect(await members(g, prefilled)).toEqual(ids(g, 0));
    expect(await members(g, fresh)).toEqual([]);
    g.clock.now += 60;
    await send(g, pixel, [visit(g, 2, 'https://shop.example/shoes/blue', g.clock.now - 5)]);
    expect(await members(g, prefilled)).toEqual(ids(g, 0, 2));
    expect(await members(g, fresh)).toEqual(ids(g, 2));
    expect(await status(g, prefilled)).toMatchObject({ pixel_id: pixel, subtype: 'WEBSITE', data_source: { type: 'EVENT_BASED', sub_type: 'WEB_PIXEL_HITS' }, approximate_count_lower_bound: 0 });
  });

  it('shows 441 while populating, then 200; 421 while the pixel never fired; 423 for an unknown pixel', async () => {
    const g = graph();
    const pixel = await newPixel(g);
    const silent = await create(g, urlRule(pixel, 'shoes', day), true);
    expect((await status(g, silent)).operation_status.code).toBe(441);
    g.clock.now += 31;
    expect((await status(g, silent)).operation_status.code).toBe(421);
    await send(g, pixel, [visit(g, 0, 'https://shop.example/shoes')]);
    expect((await status(g, silent)).operation_status.code).toBe(200);
    const unknown = await create(g, urlRule('1234567890', 'shoes', day), false);
    expect((await status(g, unknown)).operation_status.code).toBe(423);
  });

  it('drops people when the clock passes retention, and a new visit brings them back', async () => {
    const g = graph();
    const pixel = await newPixel(g);
    await send(g, pixel, [visit(g, 0, 'https://shop.example/shoes'), visit(g, 1, 'https://shop.example/shoes', g.clock.now - 3 * 3600)]);
    const audience = await create(g, urlRule(pixel, 'shoes', 4 * 3600), true);
    expect(await members(g, audience)).toEqual(ids(g, 0, 1));
    g.clock.now += 2 * 3600;
    await status(g, audience); // a read brings membership up to the clock
    expect(await members(g, audience)).toEqual(ids(g, 0));
    g.clock.now += 3 * 3600;
    await status(g, audience);
    expect(await members(g, audience)).toEqual([]);
    await send(g, pixel, [visit(g, 1, 'https://shop.example/shoes', g.clock.now - 1)]);
    expect(await members(g, audience)).toEqual(ids(g, 1));
  });

  it('leaves out people an exclusion rule takes, and counts with an aggregation', async () => {
    const g = graph();
    const pixel = await newPixel(g);
    await send(g, pixel, [
      visit(g, 0, 'https://shop.example/shoes'),
      visit(g, 1, 'https://shop.example/shoes'),
      visit(g, 1, 'https://shop.example/checkout/thanks', undefined, { value: 120 }),
      visit(g, 2, 'https://shop.example/shoes'),
      visit(g, 2, 'https://shop.example/shoes/2'),
    ]);
    const buyers = { operator: 'or', rules: [{ event_sources: [{ type: 'pixel', id: pixel }], retention_seconds: day, filter: { operator: 'and', filters: [{ field: 'value', operator: '>=', value: 100 }] } }] };
    const audience = await create(g, urlRule(pixel, 'shoes', day, buyers), true);
    expect(await members(g, audience)).toEqual(ids(g, 0, 2));
    const repeat = JSON.stringify({
      inclusions: { operator: 'or', rules: [{ event_sources: [{ type: 'pixel', id: pixel }], retention_seconds: day, filter: { operator: 'and', filters: [{ field: 'url', operator: 'i_contains', value: 'shoes' }] }, aggregation: { type: 'count', operator: '>', value: 1 } }] },
    });
    expect(await members(g, await create(g, repeat, true))).toEqual(ids(g, 2));
  });

  it('refuses malformed filters and aggregations with 1713098', async () => {
    const g = graph();
    const pixel = await newPixel(g);
    const bad = (rule: object) => ({ inclusions: { operator: 'or', rules: [{ event_sources: [{ type: 'pixel', id: pixel }], retention_seconds: day, ...rule }] } });
    for (const rule of [
      bad({ filter: { operator: 'and', filters: [{ field: 'url', operator: 'resembles', value: 'x' }] } }),
      bad({ filter: { operator: 'xor', filters: [{ field: 'url', operator: 'eq', value: 'x' }] } }),
      bad({ filter: { operator: 'and', filters: [{ field: 'event', operator: 'i_contains', value: 'Purchase' }] } }),
      bad({ aggregation: { type: 'median', operator: '>', value: 1 } }),
      bad({ filter: { operator: 'and', filters: [{ field: 'url', operator: 'regex_match', value: '(' }] } }),
      // Patterns that backtrack without end would stall the server for every caller.
      bad({ filter: { operator: 'and', filters: [{ field: 'url', operator: 'regex_match', value: '^(a+)+$' }] } }),
      bad({ filter: { operator: 'and', filters: [{ field: 'url', operator: 'regex_match', value: '(\\w*x?)*!' }] } }),
      bad({ filter: { operator: 'and', filters: [{ field: 'url', operator: 'regex_match', value: 'a'.repeat(501) }] } }),
    ]) {
      const reply = await g.post(`/v21.0/${act()}/customaudiences`, { name: 'x', rule: JSON.stringify(rule), access_token: token() });
      expect(reply.json.error, JSON.stringify(rule)).toMatchObject({ code: 100, error_subcode: 1713098 });
    }
  });
});
