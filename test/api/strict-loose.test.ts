import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { configFrom } from '../../src/cli/config.js';
import { newCustomerList } from '../helpers/audiences.js';
import { useGraph, type Harness } from '../helpers/graph.js';
import { describeEachStore, testStores } from '../helpers/stores.js';

const unknownParamError = (name: string) => ({
  message: `(#100) Param ${name} is not a valid parameter`,
  type: 'OAuthException',
  code: 100,
  is_transient: false,
  fbtrace_id: expect.any(String),
});

/** An audience update carrying a param no operation takes, as a form, a query string and a JSON body. */
const updates = (g: Harness, audienceId: string, extra: Record<string, string>) => [
  () => g.post(`/v24.0/${audienceId}`, { access_token: g.world.tokens.user, description: 'updated', ...extra }),
  () => g.post(`/v24.0/${audienceId}`, { description: 'updated' }, { access_token: g.world.tokens.user, ...extra }),
  () =>
    g.request('POST', `/v24.0/${audienceId}?access_token=${g.world.tokens.user}`, {
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ description: 'updated', ...extra }),
    }),
];

describeEachStore('Strict params (the default)', (open) => {
  const graph = useGraph(open);

  it("answers Meta's (#100) error to a write carrying a param its operation does not take, however it was sent", async () => {
    const g = graph();
    const audienceId = await newCustomerList(g, 'Strict target');
    for (const send of updates(g, audienceId, { colour: 'blue' })) {
      const reply = await send();
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual({ error: unknownParamError('colour') });
    }
    const read = await g.get(`/v24.0/${audienceId}`, { access_token: g.world.tokens.user, fields: 'description' });
    expect(read.json.description).not.toBe('updated');
  });

  it('rejects unknown params on creates and deletes too, before anything is written', async () => {
    const g = graph();
    const act = `act_${g.world.adAccount.id}`;
    const create = await g.post(`/v24.0/${act}/customaudiences`, { access_token: g.world.tokens.user, name: 'Never made', subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY', retention: '30' });
    expect(create.json).toEqual({ error: unknownParamError('retention') });
    const list = await g.get(`/v24.0/${act}/customaudiences`, { access_token: g.world.tokens.user, fields: 'name', limit: '100' });
    expect(list.json.data.map((audience: { name: string }) => audience.name)).not.toContain('Never made');

    const audienceId = await newCustomerList(g, 'Strict delete');
    const remove = await g.del(`/v24.0/${audienceId}`, { access_token: g.world.tokens.user, force: 'true' });
    expect(remove.json).toEqual({ error: unknownParamError('force') });
    expect((await g.get(`/v24.0/${audienceId}`, { access_token: g.world.tokens.user })).status).toBe(200);
  });

  it('lets every global param through on a write: token, proof, fields, output modifiers, SDK extras', async () => {
    const g = graph();
    const audienceId = await newCustomerList(g, 'Strict globals');
    const reply = await g.post(`/v24.0/${audienceId}`, {
      access_token: g.world.tokens.user,
      description: 'with globals',
      fields: 'description',
      pretty: '0',
      suppress_http_code: '0',
      format: 'json',
      locale: 'en_US',
      sdk: 'joey',
      method: 'post',
      include_headers: 'false',
    });
    expect(reply.status, reply.body).toBe(200);
    expect(reply.json).toMatchObject({ success: true, description: 'with globals' });
  });

  it('counts a JSON null as not sent', async () => {
    const g = graph();
    const audienceId = await newCustomerList(g, 'Strict null');
    const reply = await g.request('POST', `/v24.0/${audienceId}?access_token=${g.world.tokens.user}`, {
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ description: 'null is absent', colour: null }),
    });
    expect(reply.status, reply.body).toBe(200);
  });

  it('reads ignore unknown params, as Meta does', async () => {
    const g = graph();
    const me = await g.get('/v24.0/me', { access_token: g.world.tokens.user, fields: 'id', colour: 'blue' });
    expect(me.status).toBe(200);
    const edge = await g.get(`/v24.0/act_${g.world.adAccount.id}/customaudiences`, { access_token: g.world.tokens.user, colour: 'blue' });
    expect(edge.status).toBe(200);
    const debug = await g.get('/v24.0/debug_token', { input_token: g.world.tokens.user, access_token: g.world.tokens.app, colour: 'blue' });
    expect(debug.status).toBe(200);
  });
});

describeEachStore('Loose params (--loose)', (open) => {
  const graph = useGraph(open, { loose: true });

  it('accepts and ignores a param no operation takes, on every encoding', async () => {
    const g = graph();
    const audienceId = await newCustomerList(g, 'Loose target');
    for (const send of updates(g, audienceId, { colour: 'blue' })) {
      const reply = await send();
      expect(reply.status, reply.body).toBe(200);
      expect(reply.json).toEqual({ success: true });
    }
    const read = await g.get(`/v24.0/${audienceId}`, { access_token: g.world.tokens.user, fields: 'description' });
    expect(read.json.description).toBe('updated');
  });

  it('still answers the errors of declared params', async () => {
    const g = graph();
    const reply = await g.post(`/v24.0/act_${g.world.adAccount.id}/customaudiences`, { access_token: g.world.tokens.user, name: 'Bad subtype', subtype: 'NOT_A_SUBTYPE', colour: 'blue' });
    expect(reply.status).toBe(400);
    expect(reply.json.error.message).toMatch(/^\(#100\) Param subtype must be one of/);
  });
});

describe.each(testStores().slice(0, 1))('Default version ($name)', ({ open }) => {
  const pinned = useGraph(open, { versions: { oldest: 19, newest: 25, default: 21 } });

  it('serves unversioned paths at the default version, versioned ones as asked', async () => {
    const g = pinned();
    const unversioned = await g.get('/me', { access_token: g.world.tokens.user, fields: 'id' });
    expect(unversioned.status).toBe(200);
    // Paging links name the version the call was served at.
    const edge = await g.get('/me/permissions', { access_token: g.world.tokens.user, limit: '1' });
    expect(edge.json.paging?.next ?? '').toMatch(/\/v21\.0\/me\/permissions\?/);
    const versioned = await g.get('/v25.0/me/permissions', { access_token: g.world.tokens.user, limit: '1' });
    expect(versioned.json.paging?.next ?? '').toMatch(/\/v25\.0\//);
  });
});

describe('Strictness and version settings (configFrom)', () => {
  it('is strict unless --loose or GRAPHD_LOOSE=1', () => {
    expect(defaultConfig.loose).toBe(false);
    expect(configFrom({}, {}).loose).toBe(false);
    expect(configFrom({ loose: true }, {}).loose).toBe(true);
    expect(configFrom({}, { GRAPHD_LOOSE: '1' }).loose).toBe(true);
  });

  it('takes --default-version (or GRAPHD_DEFAULT_VERSION) within the served range, default the newest', () => {
    expect(configFrom({}, {}).versions).toEqual({ oldest: 19, newest: 25 });
    expect(configFrom({ versions: '20-24', defaultVersion: '22' }, {}).versions).toEqual({ oldest: 20, newest: 24, default: 22 });
    expect(configFrom({}, { GRAPHD_DEFAULT_VERSION: 'v23.0' }).versions).toEqual({ oldest: 19, newest: 25, default: 23 });
    expect(() => configFrom({ versions: '20-24', defaultVersion: '25' }, {})).toThrow(/--default-version must be a served version \(20 to 24\)/);
    expect(() => configFrom({ defaultVersion: 'latest' }, {})).toThrow(/--default-version/);
  });

  it('takes --journal-size (or GRAPHD_JOURNAL_SIZE), 0 meaning off', () => {
    expect(configFrom({}, {}).journalSize).toBe(1000);
    expect(configFrom({ journalSize: '0' }, {}).journalSize).toBe(0);
    expect(configFrom({}, { GRAPHD_JOURNAL_SIZE: '50' }).journalSize).toBe(50);
    expect(() => configFrom({ journalSize: '-1' }, {})).toThrow(/--journal-size/);
  });
});
