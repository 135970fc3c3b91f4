/**
 * GET /act_{id}/customaudiences: default fields, field selection, cursor paging followed
 * through the absolute `paging.next` URLs, summary, `filtering` sent as the SDKs send it
 * (one JSON text param), pixel_id, business_id / fetch_primary_audience, and audiences
 * shared from another ad account of the same business (POST/GET/DELETE /{ca}/adaccounts).
 */
import { expect, it } from 'vitest';
import { describeEachStore } from '../helpers/stores.js';
import { useGraph, type Harness } from '../helpers/graph.js';
import { hashedEmails, newCustomerList } from '../helpers/audiences.js';

/** A website (pixel) rule audience; returns its id. */
async function newWebsiteAudience(g: Harness, name: string, pixel: string, withPixelParam = true): Promise<string> {
  const rule = JSON.stringify({ inclusions: { operator: 'or', rules: [{ event_sources: [{ type: 'pixel', id: pixel }], retention_seconds: 2592000 }] } });
  const params: Record<string, string> = { name, rule, access_token: g.world.tokens.user };
  if (withPixelParam) params.pixel_id = pixel;
  const reply = await g.post(`/v21.0/act_${g.world.adAccount.id}/customaudiences`, params);
  if (!reply.json.id) throw new Error(`could not create website audience: ${reply.body}`);
  return reply.json.id;
}

async function uploadEmails(g: Harness, id: string, count: number, from = 0) {
  const reply = await g.post(`/v21.0/${id}/users`, {
    payload: JSON.stringify({ schema: 'EMAIL_SHA256', data: hashedEmails(g, count, from) }),
    access_token: g.world.tokens.user,
  });
  expect(reply.status).toBe(200);
  return reply.json;
}

const sorted = (ids: string[]) => [...ids].sort();

/** The path + query of an absolute paging URL, after checking it points back at graphd. */
function pathOf(url: string): string {
  const parsed = new URL(url);
  expect(parsed.protocol).toMatch(/^https?:$/);
  return parsed.pathname + parsed.search;
}

describeEachStore('Custom audiences: GET /act_{id}/customaudiences', (open) => {
  const graph = useGraph(open);
  const act = () => `act_${graph().world.adAccount.id}`;
  const token = () => graph().world.tokens.user;
  const list = (query: Record<string, string> = {}) => graph().get(`/v21.0/${act()}/customaudiences`, { access_token: token(), ...query });

  /** Every page of the edge, following paging.next verbatim. */
  async function listAll(query: Record<string, string> = {}): Promise<{ rows: any[]; pages: number }> {
    const g = graph();
    let reply = await list({ limit: '100', ...query });
    expect(reply.status).toBe(200);
    const rows = [...reply.json.data];
    let pages = 1;
    while (reply.json.paging?.next) {
      reply = await g.get(pathOf(reply.json.paging.next));
      expect(reply.status).toBe(200);
      rows.push(...reply.json.data);
      pages++;
      expect(pages).toBeLessThan(1000);
    }
    return { rows, pages };
  }

  /** The ids a filtering returns (all pages), sorted: the edge pages by id, not by creation. */
  const filteredIds = async (filtering: unknown[], query: Record<string, string> = {}) =>
    sorted((await listAll({ filtering: JSON.stringify(filtering), ...query })).rows.map((row) => row.id));

  it('answers ids only by default and the selected fields with fields=', async () => {
    const g = graph();
    const id = await newCustomerList(g, 'Default fields');
    const plain = await list();
    expect(plain.status).toBe(200);
    expect(plain.json.data.length).toBeGreaterThan(0);
    for (const row of plain.json.data) expect(Object.keys(row)).toEqual(['id']);
    expect(plain.json.data.map((row: any) => row.id)).toContain(id);

    const selected = await list({ fields: 'name,subtype,operation_status,approximate_count_lower_bound,data_source' });
    const mine = selected.json.data.find((row: any) => row.id === id);
    expect(mine).toEqual({
      name: 'Default fields',
      subtype: 'CUSTOM',
      operation_status: { code: 410, description: expect.any(String) },
      approximate_count_lower_bound: 0,
      data_source: { type: 'UNKNOWN', sub_type: 'ANYTHING' },
      id,
    });
    const selectedFields = ['name', 'subtype', 'operation_status', 'approximate_count_lower_bound', 'data_source', 'id'];
    for (const row of selected.json.data) for (const key of Object.keys(row)) expect(selectedFields).toContain(key);

    const unknown = await list({ fields: 'id,nope' });
    expect(unknown.json.error).toMatchObject({ code: 100, message: '(#100) Tried accessing nonexisting field (nope) on node type (CustomAudience)' });
  });

  it('pages 30+ audiences with limit=10 through the absolute paging.next URLs, no duplicates, none missed', async () => {
    const g = graph();
    const created: string[] = [];
    for (let i = 0; i < 30; i++) created.push(await newCustomerList(g, `Paged-${String(i).padStart(2, '0')}`));
    const everything = (await list({ limit: '1000' })).json.data.map((row: any) => row.id);
    expect(everything).toEqual(expect.arrayContaining(created));

    let reply = await list({ limit: '10', fields: 'id,name' });
    expect(reply.json.paging.previous).toBeUndefined();
    const seen: string[] = [];
    let pages = 0;
    for (;;) {
      pages++;
      expect(reply.status).toBe(200);
      expect(reply.json.data.length).toBeLessThanOrEqual(10);
      seen.push(...reply.json.data.map((row: any) => row.id));
      for (const row of reply.json.data) expect(Object.keys(row)).toEqual(['id', 'name']);
      if (!reply.json.paging?.next) break;
      const next = new URL(reply.json.paging.next);
      // The next URL repeats the request's own params: token, fields and limit.
      expect(next.pathname).toBe(`/v21.0/${act()}/customaudiences`);
      expect(next.searchParams.get('access_token')).toBe(token());
      expect(next.searchParams.get('limit')).toBe('10');
      expect(next.searchParams.get('fields')).toBe('id,name');
      expect(next.searchParams.get('after')).toBe(reply.json.paging.cursors.after);
      reply = await g.get(pathOf(reply.json.paging.next));
      if (reply.json.data.length > 0) expect(reply.json.paging.previous).toEqual(expect.any(String));
      expect(pages).toBeLessThan(100);
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(everything);
    expect(pages).toBe(Math.ceil(everything.length / 10));
    expect(reply.json.paging.cursors).toEqual({ before: expect.any(String), after: expect.any(String) });
  });

  it('pages backwards through paging.previous to the first page', async () => {
    const g = graph();
    const first = await list({ limit: '10' });
    const second = await g.get(pathOf(first.json.paging.next));
    const back = await g.get(pathOf(second.json.paging.previous));
    expect(back.json.data).toEqual(first.json.data);
  });

  it('answers summary=true with total_count when the edge fits one page, filtered or not', async () => {
    const g = graph();
    await newCustomerList(g, 'Summary');
    const total = (await listAll()).rows.length;
    expect(total).toBeGreaterThan(10);
    const all = await list({ summary: 'true', limit: '1000' });
    expect(all.json.summary).toEqual({ total_count: total });
    const filtered = await list({ summary: 'true', limit: '1000', filtering: JSON.stringify([{ field: 'name', operator: 'EQUAL', value: 'Summary' }]) });
    expect(filtered.json.summary).toEqual({ total_count: 1 });
  });

  // graph-protocol.md §5.4: total_count is what the edge holds, the same on every page.
  it('summary.total_count counts the whole edge when the page is smaller', async () => {
    const g = graph();
    const total = (await listAll()).rows.length;
    expect(total).toBeGreaterThan(10);
    const page = await list({ summary: 'true', limit: '10' });
    expect(page.json.data).toHaveLength(10);
    expect(page.json.summary).toEqual({ total_count: total });
    const next = await g.get(pathOf(page.json.paging.next));
    expect(next.json.summary).toEqual({ total_count: total });
  });

  it('filters by subtype EQUAL and data_source.type EQUAL', async () => {
    const g = graph();
    const uploaded = await newCustomerList(g, 'Src-uploaded');
    await uploadEmails(g, uploaded, 5);
    const empty = await newCustomerList(g, 'Src-empty');
    const website = await newWebsiteAudience(g, 'Src-website', '1234567890');
    const src = { field: 'name', operator: 'STARTS_WITH', value: 'Src-' };

    const websites = await listAll({ filtering: JSON.stringify([{ field: 'subtype', operator: 'EQUAL', value: 'WEBSITE' }]), fields: 'subtype' });
    expect(websites.rows.map((row) => row.id)).toContain(website);
    for (const row of websites.rows) expect(row.subtype).toBe('WEBSITE');
    const customs = await filteredIds([src, { field: 'subtype', operator: 'EQUAL', value: 'CUSTOM' }]);
    expect(customs).toEqual(sorted([uploaded, empty]));

    expect(await filteredIds([src, { field: 'data_source.type', operator: 'EQUAL', value: 'FILE_IMPORTED' }])).toEqual([uploaded]);
    expect(await filteredIds([src, { field: 'data_source.type', operator: 'EQUAL', value: 'EVENT_BASED' }])).toEqual([website]);
    expect(await filteredIds([src, { field: 'data_source.type', operator: 'EQUAL', value: 'UNKNOWN' }])).toEqual([empty]);
    expect(await filteredIds([src, { field: 'data_source.sub_type', operator: 'EQUAL', value: 'HASHES_OR_USER_IDS' }])).toEqual([uploaded]);
  });

  it('filters names with CONTAIN (case-insensitive, wildcards literal) and STARTS_WITH', async () => {
    const g = graph();
    const summer = await newCustomerList(g, 'Summer Shoppers 50%_off');
    const winter = await newCustomerList(g, 'Winter shoppers 50x off');
    const contain = (value: string) => filteredIds([{ field: 'name', operator: 'CONTAIN', value }]);
    expect(await contain('SHOPPERS')).toEqual(sorted([summer, winter]));
    expect(await contain('50%_off')).toEqual([summer]);
    expect(await contain('%')).toEqual([summer]);
    expect(await contain('no such audience name')).toEqual([]);
    const startsWith = (value: string) => filteredIds([{ field: 'name', operator: 'STARTS_WITH', value }]);
    expect(await startsWith('summer')).toEqual([summer]);
    expect(await startsWith('Shoppers')).toEqual([]);
    expect(await filteredIds([{ field: 'name', operator: 'ENDS_WITH', value: 'X OFF' }])).toEqual([winter]);
  });

  it('filters operation_status.code IN [410] and IN [200] (after an upload)', async () => {
    const g = graph();
    const fresh = await newCustomerList(g, 'Status-fresh');
    const loaded = await newCustomerList(g, 'Status-loaded');
    const prefix = { field: 'name', operator: 'STARTS_WITH', value: 'Status-' };
    const code = (value: unknown) => filteredIds([prefix, { field: 'operation_status.code', operator: 'IN', value }]);
    expect(await code([410])).toEqual(sorted([fresh, loaded]));
    expect(await code([200])).toEqual([]);
    await uploadEmails(g, loaded, 5);
    expect(await code([410])).toEqual([fresh]);
    expect(await code([200])).toEqual([loaded]);
    expect(await code([200, 410])).toEqual(sorted([fresh, loaded]));
    // A list value may come as a comma list or numeric strings, as the param layer takes lists.
    expect(await code('200')).toEqual([loaded]);
    expect(await code(['410'])).toEqual([fresh]);
    expect(await filteredIds([prefix, { field: 'operation_status.code', operator: 'NOT_IN', value: [410] }])).toEqual([loaded]);
    // Every row of the unprefixed filter reads back with that code.
    const all410 = await listAll({ filtering: JSON.stringify([{ field: 'operation_status.code', operator: 'IN', value: [410] }]), fields: 'operation_status' });
    for (const row of all410.rows) expect(row.operation_status.code).toBe(410);
  });

  it('filters time_created GREATER_THAN (unix seconds or a date) and keeps the TOP n', async () => {
    const g = graph();
    const before = g.clock.now;
    g.clock.now += 100;
    const a = await newCustomerList(g, 'Time-a');
    g.clock.now += 10;
    const b = await newCustomerList(g, 'Time-b');
    g.clock.now += 10;
    const c = await newCustomerList(g, 'Time-c');
    expect(await filteredIds([{ field: 'time_created', operator: 'GREATER_THAN', value: before }])).toEqual(sorted([a, b, c]));
    expect(await filteredIds([{ field: 'time_created', operator: 'GREATER_THAN', value: String(before + 100) }])).toEqual(sorted([b, c]));
    const iso = new Date((before + 105) * 1000).toISOString();
    expect(await filteredIds([{ field: 'time_created', operator: 'GREATER_THAN', value: iso }])).toEqual(sorted([b, c]));
    expect(await filteredIds([{ field: 'time_created', operator: 'AFTER', value: before + 110 }])).toEqual([c]);
    const older = await listAll({ filtering: JSON.stringify([{ field: 'time_created', operator: 'LESS_THAN_OR_EQUAL', value: before }]), fields: 'time_created' });
    expect(older.rows.length).toBeGreaterThan(0);
    for (const row of older.rows) expect(row.time_created).toBeLessThanOrEqual(before);

    // TOP applies after the other conditions and before paging.
    const top = [{ field: 'name', operator: 'STARTS_WITH', value: 'Time-' }, { field: 'time_created', operator: 'TOP', value: 2 }];
    expect(await filteredIds(top)).toEqual(sorted([b, c]));
    const first = await list({ filtering: JSON.stringify(top), limit: '1' });
    expect(first.json.data).toHaveLength(1);
    const second = await g.get(pathOf(first.json.paging.next));
    expect(second.json.data).toHaveLength(1);
    expect(second.json.paging?.next).toBeUndefined();
    expect(sorted([first.json.data[0].id, second.json.data[0].id])).toEqual(sorted([b, c]));
    expect(await filteredIds([{ field: 'time_created', operator: 'TOP', value: 1 }])).toEqual([c]);
  });

  // Filtering on the size bounds would compare exact counts and disclose sizes below 1000
  // (docs/audiences.md), so those fields are not filterable.
  it('does not filter on approximate_count_* fields', async () => {
    for (const field of ['approximate_count_lower_bound', 'approximate_count_upper_bound']) {
      expect(await filteringError(JSON.stringify([{ field, operator: 'GREATER_THAN', value: 0 }]))).toEqual(envelope(`(#100) Filtering field ${field} is invalid`));
    }
  });

  /** The error of a GET with this filtering text, checked to be a bare 400 envelope. */
  async function filteringError(filtering: string) {
    const reply = await list({ filtering });
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.json)).toEqual(['error']);
    return reply.json.error;
  }
  const envelope = (message: string) => ({ message, type: 'OAuthException', code: 100, is_transient: false, fbtrace_id: expect.any(String) });

  it('answers a malformed filtering entry with the exact Graph errors', async () => {
    const error = filteringError;
    expect(await error('[{"field":"name","value":"x"}]')).toEqual(envelope('(#100) The parameter filtering[0][operator] is required'));
    expect(await error('[{"field":"name","operator":"EQUAL","value":"x"},{"operator":"EQUAL","value":"x"}]')).toEqual(envelope('(#100) The parameter filtering[1][field] is required'));
    expect(await error('[{"field":"name","operator":"EQUAL"}]')).toEqual(envelope('(#100) The parameter filtering[0][value] is required'));
    expect(await error('[{"field":"delivery_info","operator":"EQUAL","value":"x"}]')).toEqual(envelope('(#100) Filtering field delivery_info is invalid'));
    expect(await error('[{"field":"name","operator":"GREATER_THAN","value":"x"}]')).toEqual(envelope('(#100) Filtering field name with operator GREATER_THAN is not supported'));
    expect(await error('[{"field":"name","operator":"LIKE","value":"x"}]')).toEqual(
      envelope(
        '(#100) Param filtering[0][operator] must be one of {EQUAL, NOT_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, IN_RANGE, NOT_IN_RANGE, CONTAIN, NOT_CONTAIN, IN, NOT_IN, STARTS_WITH, ENDS_WITH, ANY, ALL, AFTER, BEFORE, ON_OR_AFTER, ON_OR_BEFORE, NONE, TOP}',
      ),
    );
    expect(await error('["name"]')).toEqual(envelope('(#100) Param filtering[0] must be a JSON object'));
    expect(await error('[{"field":"operation_status.code","operator":"IN","value":[200,"abc"]}]')).toEqual(envelope('(#100) Param filtering[0][value][1] must be a number'));
    expect(await error('[{"field":"operation_status.code","operator":"IN","value":{"a":1}}]')).toEqual(envelope('(#100) Param filtering[0][value] must be a JSON array'));
    expect(await error('[{"field":"time_created","operator":"TOP","value":0}]')).toEqual(envelope('(#100) Param filtering[0][value] must be a positive integer'));
    expect(await error('[{"field":"time_created","operator":"TOP","value":1},{"field":"retention_days","operator":"TOP","value":1}]')).toEqual(
      envelope('(#100) Param filtering must be an array with at most one TOP filter'),
    );
    // An empty list means no conditions.
    expect((await list({ filtering: '[]', limit: '1000' })).json.data).toEqual((await list({ limit: '1000' })).json.data);
  });

  // Meta's text for this case, as src/graph/filtering/README.md records it; blank and {} mean no conditions.
  it('a filtering that is not a JSON array answers Meta\'s "(#100) param filtering must be an array."', async () => {
    for (const text of ['not json', '{"field":"name","operator":"EQUAL","value":"x"}', '5']) {
      expect(await filteringError(text)).toEqual(envelope('(#100) param filtering must be an array.'));
    }
    const unfiltered = (await list({ limit: '1000' })).json.data;
    for (const none of ['', ' ', '{}']) expect((await list({ filtering: none, limit: '1000' })).json.data).toEqual(unfiltered);
  });

  it('narrows to a pixel with pixel_id', async () => {
    const g = graph();
    const first = await newWebsiteAudience(g, 'Pixel-first', '1111111111');
    const second = await newWebsiteAudience(g, 'Pixel-second', '2222222222');
    const rows = (await listAll({ pixel_id: '1111111111', fields: 'pixel_id,subtype' })).rows;
    expect(rows.map((row) => row.id)).toEqual([first]);
    expect(rows[0]).toEqual({ pixel_id: '1111111111', subtype: 'WEBSITE', id: first });
    // pixel_id is ANDed with filtering.
    expect((await listAll({ pixel_id: '2222222222', filtering: JSON.stringify([{ field: 'name', operator: 'CONTAIN', value: 'second' }]) })).rows.map((row) => row.id)).toEqual([second]);
    expect((await listAll({ pixel_id: '2222222222', filtering: JSON.stringify([{ field: 'name', operator: 'CONTAIN', value: 'first' }]) })).rows).toEqual([]);
    expect((await listAll({ pixel_id: '3333333333' })).rows).toEqual([]);
  });

  it('accepts business_id and fetch_primary_audience without changing the list', async () => {
    const g = graph();
    const plain = (await listAll()).rows.map((row) => row.id);
    const withBusiness = await list({ limit: '1000', business_id: g.world.business.id, fetch_primary_audience: 'true' });
    expect(withBusiness.status).toBe(200);
    expect(withBusiness.json.data.map((row: any) => row.id)).toEqual(plain);
    const notPrimary = await list({ limit: '1000', fetch_primary_audience: 'false' });
    expect(notPrimary.json.data.map((row: any) => row.id)).toEqual(plain);
    const bad = await list({ fetch_primary_audience: 'maybe' });
    expect(bad.json.error).toMatchObject({ code: 100 });
  });

  it("lists audiences shared from the business's other ad account; /{ca}/adaccounts shares, lists and unshares", async () => {
    const g = graph();
    const developer = g.world.people[0];
    const other = await g.store.adAccounts.create({
      name: 'Acme Outdoor - Second',
      business_id: g.world.business.id,
      currency: 'USD',
      timezone_name: 'America/Los_Angeles',
      account_status: 1,
      created_time: g.clock.now,
    });
    await g.store.adAccounts.setRole(other.id, developer.id, 'ADMIN');
    const stranger = await g.store.adAccounts.create({ name: 'Elsewhere', business_id: null, currency: 'USD', timezone_name: 'UTC', account_status: 1, created_time: g.clock.now });
    const otherAct = `act_${other.id}`;
    await g.post(`/v21.0/${otherAct}/customaudiencestos`, { tos_id: '215449065224656', access_token: token() });
    const created = await g.post(`/v21.0/${otherAct}/customaudiences`, { name: 'Shared-from-second', subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY', access_token: token() });
    const shared = created.json.id as string;
    expect(shared).toMatch(/^\d+$/);
    const mainIds = async () => (await listAll()).rows.map((row) => row.id);
    expect(await mainIds()).not.toContain(shared);

    const share = await g.post(`/v21.0/${shared}/adaccounts`, { adaccounts: JSON.stringify([g.world.adAccount.id, stranger.id]), access_token: token() });
    expect(share.status).toBe(200);
    expect(share.json).toEqual({
      success: false,
      sharing_data: [
        { ad_acct_id: g.world.adAccount.id, business_id: g.world.business.id, audience_share_status: 'SHARED', errors: [] },
        { ad_acct_id: stranger.id, business_id: null, audience_share_status: 'FAILED', errors: [expect.any(String)] },
      ],
    });
    const recipients = await g.get(`/v21.0/${shared}/adaccounts`, { access_token: token() });
    expect(recipients.json.data).toEqual([{ id: g.world.adAccount.id }]);
    const counted = await g.get(`/v21.0/${shared}/adaccounts`, { summary: 'true', access_token: token() });
    expect(counted.json.summary).toEqual({ total_count: 1 });

    expect(await mainIds()).toContain(shared);
    const seen = (await listAll({ fields: 'name,account_id,permission_for_actions,sharing_status' })).rows.find((row) => row.id === shared);
    expect(seen).toMatchObject({ name: 'Shared-from-second', account_id: other.id, permission_for_actions: { can_edit: false, can_share: false }, sharing_status: { status: 'SHARED' } });
    // Filtering applies to shared audiences too.
    expect(await filteredIds([{ field: 'account_id', operator: 'EQUAL', value: other.id }])).toEqual([shared]);
    expect(await filteredIds([{ field: 'name', operator: 'STARTS_WITH', value: 'Shared-from' }])).toEqual([shared]);
    // The main account's own audiences do not show on the second account's edge.
    const second = (await g.get(`/v21.0/${otherAct}/customaudiences`, { limit: '1000', access_token: token() })).json.data.map((row: any) => row.id);
    expect(second).toEqual([shared]);

    const unshare = await g.request('DELETE', `/v21.0/${shared}/adaccounts?${new URLSearchParams({ adaccounts: JSON.stringify([g.world.adAccount.id]), access_token: token() })}`);
    expect(unshare.json).toEqual({ success: true });
    expect((await g.get(`/v21.0/${shared}/adaccounts`, { access_token: token() })).json.data).toEqual([]);
    expect(await mainIds()).not.toContain(shared);
    const missing = await g.request('DELETE', `/v21.0/${shared}/adaccounts?${new URLSearchParams({ access_token: token() })}`);
    expect(missing.json.error).toMatchObject({ code: 100, message: '(#100) The parameter adaccounts is required' });
  });

  // graph-protocol.md §5.1: "limit=0 is accepted, gives an empty data + summary".
  it('limit=0 answers an empty page (and the summary), not a 500', async () => {
    const reply = await list({ limit: '0' });
    expect(reply.status).toBe(200);
    expect(reply.json.data).toEqual([]);
    const total = (await listAll()).rows.length;
    const summary = await list({ limit: '0', summary: 'true' });
    expect(summary.json).toMatchObject({ data: [], summary: { total_count: total } });
  });
});
