import { expect, it } from 'vitest';
import { issueToken } from '../../src/identity/issue-token.js';
import { describeEachStore } from '../helpers/stores.js';
import { useGraph } from '../helpers/graph.js';
import { acceptAudienceTos } from '../helpers/audiences.js';

describeEachStore('Custom audiences: create, read, list, update, delete', (open) => {
  const graph = useGraph(open);
  const act = () => `act_${graph().world.adAccount.id}`;
  const token = () => graph().world.tokens.user;

  it('refuses a customer list until the terms of service are accepted (2663), then creates it', async () => {
    const g = graph();
    const params = { name: 'Buyers', subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY', access_token: token() };
    const refused = await g.post(`/v21.0/${act()}/customaudiences`, params);
    expect(refused.json.error).toMatchObject({
      code: 2663,
      message: `(#2663) Terms of service has not been accepted. To accept, go to https://www.facebook.com/customaudiences/app/tos/?act=${g.world.adAccount.id}`,
    });
    const tos = await g.get(`/v21.0/${act()}/customaudiencestos`, { access_token: token() });
    expect(tos.json.data[0]).toMatchObject({ id: expect.any(String), type: 'custom_audience_tos' });
    const accepted = await g.post(`/v21.0/${act()}/customaudiencestos`, { tos_id: tos.json.data[0].id, access_token: token() });
    expect(accepted.json).toEqual({ success: true });
    const account = await g.get(`/v21.0/${act()}`, { fields: 'tos_accepted', access_token: token() });
    expect(account.json.tos_accepted).toEqual({ [tos.json.data[0].id]: 1 });
    const created = await g.post(`/v21.0/${act()}/customaudiences`, { ...params, fields: 'id,name,subtype,operation_status,approximate_count_lower_bound,data_source' });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      name: 'Buyers',
      subtype: 'CUSTOM',
      operation_status: { code: 410, description: expect.any(String) },
      approximate_count_lower_bound: 0,
      data_source: { type: 'UNKNOWN', sub_type: 'ANYTHING' },
    });
  });

  it('requires customer_file_source for customer lists', async () => {
    const g = graph();
    await acceptAudienceTos(g);
    const reply = await g.post(`/v21.0/${act()}/customaudiences`, { name: 'x', subtype: 'CUSTOM', access_token: token() });
    expect(reply.json.error).toMatchObject({ code: 100, message: '(#100) Missing parameter(s): customer_file_source' });
  });

  it('validates params by type and enum, retention_days 1-180', async () => {
    const g = graph();
    await acceptAudienceTos(g);
    const badEnum = await g.post(`/v21.0/${act()}/customaudiences`, { name: 'x', subtype: 'NOPE', access_token: token() });
    expect(badEnum.json.error.code).toBe(100);
    expect(badEnum.json.error.message).toMatch(/^\(#100\) Param subtype must be one of \{CUSTOM, PRIMARY/);
    const retention = await g.post(`/v21.0/${act()}/customaudiences`, { name: 'x', subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY', retention_days: '365', access_token: token() });
    expect(retention.json.error.message).toMatch(/retention_days/);
  });

  it('creates rule audiences without subtype and refuses subtype beside a rule (2654/1870053)', async () => {
    const g = graph();
    const rule = JSON.stringify({ inclusions: { operator: 'or', rules: [{ event_sources: [{ type: 'pixel', id: '1234567890' }], retention_seconds: 2592000, filter: { operator: 'and', filters: [{ field: 'url', operator: 'i_contains', value: 'shoes' }] } }] } });
    const withSubtype = await g.post(`/v21.0/${act()}/customaudiences`, { name: 'Shoes', subtype: 'WEBSITE', rule, access_token: token() });
    expect(withSubtype.json.error).toMatchObject({ code: 2654, error_subcode: 1870053 });
    const created = await g.post(`/v21.0/${act()}/customaudiences`, { name: 'Shoes', rule, retention_days: '30', prefill: 'true', fields: 'subtype,rule,retention_days,data_source', access_token: token() });
    expect(created.json).toMatchObject({ subtype: 'WEBSITE', rule, retention_days: 30, data_source: { type: 'EVENT_BASED', sub_type: 'WEB_PIXEL_HITS' } });
    const bad = await g.post(`/v21.0/${act()}/customaudiences`, { name: 'Bad', rule: '{not json', access_token: token() });
    expect(bad.json.error).toMatchObject({ code: 100, error_subcode: 1713098, message: 'Invalid rule JSON format' });
    const page = await g.post(`/v21.0/${act()}/customaudiences`, { name: 'Fans', rule: JSON.stringify({ inclusions: { operator: 'or', rules: [{ event_sources: [{ type: 'page', id: '999999999' }], retention_seconds: 0 }] } }), access_token: token() });
    expect(page.json.error).toMatchObject({ code: 2667 });
  });

  it('answers the lookalike errors of the 2654 family', async () => {
    const g = graph();
    await acceptAudienceTos(g);
    const origin = await g.post(`/v21.0/${act()}/customaudiences`, { name: 'Seed', subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY', access_token: token() });
    const base = { name: 'LAL', subtype: 'LOOKALIKE', origin_audience_id: origin.json.id, access_token: token() };
    const noPlace = await g.post(`/v21.0/${act()}/customaudiences`, { ...base, lookalike_spec: JSON.stringify({ type: 'similarity' }) });
    expect(noPlace.json.error).toMatchObject({ code: 2654, error_subcode: 1713159, error_user_title: 'Missing Locations in Lookalike Spec' });
    const badCountry = await g.post(`/v21.0/${act()}/customaudiences`, { ...base, lookalike_spec: JSON.stringify({ type: 'similarity', country: 'XX' }) });
    expect(badCountry.json.error).toMatchObject({ code: 2654, error_subcode: 1713089 });
    const small = await g.post(`/v21.0/${act()}/customaudiences`, { ...base, lookalike_spec: JSON.stringify({ ratio: 0.02, country: 'US' }) });
    expect(small.json.error).toMatchObject({ code: 2654, error_user_title: 'Source Audience is Too Small' });
  });

  it('returns the existing audience with enable_fetch_or_create', async () => {
    const g = graph();
    await acceptAudienceTos(g);
    const params = { name: 'Same', subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY', enable_fetch_or_create: 'true', access_token: token() };
    const first = await g.post(`/v21.0/${act()}/customaudiences`, params);
    const second = await g.post(`/v21.0/${act()}/customaudiences`, params);
    expect(second.json.id).toBe(first.json.id);
  });

  it('reads, updates and deletes an audience', async () => {
    const g = graph();
    await acceptAudienceTos(g);
    const { json } = await g.post(`/v21.0/${act()}/customaudiences`, { name: 'Old', subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY', access_token: token() });
    expect((await g.get(`/v21.0/${json.id}`, { access_token: token() })).json).toEqual({ id: json.id });
    const updated = await g.post(`/v21.0/${json.id}`, { name: 'New', description: 'renamed', fields: 'name,description', access_token: token() });
    expect(updated.json).toEqual({ success: true, name: 'New', description: 'renamed', id: json.id });
    const all = await g.get(`/v21.0/${json.id}`, { fields: 'account_id,time_created,permission_for_actions,delivery_status,lookalike_audience_ids,sharing_status', access_token: token() });
    expect(all.json).toMatchObject({
      account_id: g.world.adAccount.id,
      time_created: g.clock.now,
      permission_for_actions: { can_edit: true, can_share: true },
      delivery_status: { code: 300 },
      lookalike_audience_ids: [],
      sharing_status: { status: 'NOT_SHARED' },
    });
    expect((await g.del(`/v21.0/${json.id}`, { access_token: token() })).json).toEqual({ success: true });
    expect((await g.get(`/v21.0/${json.id}`, { access_token: token() })).json.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('needs ads_management and a role on the ad account', async () => {
    const g = graph();
    const app = await g.post(`/v21.0/${act()}/customaudiences`, { name: 'x', subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY', access_token: g.world.tokens.app });
    expect(app.json.error).toMatchObject({ code: 200 });
    const { token: noScope } = await issueToken(g.store, { kind: 'USER', appId: g.world.app.id, personId: g.world.people[0].id, scopes: ['public_profile'], expiresIn: 3600, now: g.clock.now });
    const scopeless = await g.post(`/v21.0/${act()}/customaudiences`, { name: 'x', subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY', access_token: noScope });
    expect(scopeless.json.error).toMatchObject({ code: 200 });
    expect(scopeless.status).toBe(403);
    const { token: stranger } = await issueToken(g.store, { kind: 'USER', appId: g.world.app.id, personId: g.world.people[3].id, scopes: ['ads_management'], expiresIn: 3600, now: g.clock.now });
    const noRole = await g.get(`/v21.0/${act()}/customaudiences`, { access_token: stranger });
    expect(noRole.json.error).toMatchObject({ code: 100, error_subcode: 33 });
  });
});
