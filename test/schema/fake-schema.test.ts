/**
 * The protocol engine (routing, fields, paging, operations, read-after-write) on a
 * two-type fixture, so these tests do not move when a User field is added.
 */
import { describe, expect, it } from 'vitest';
import { pageOfList } from '../../src/graph/paging.js';
import { CompiledSchema } from '../../src/schema/compile.js';
import { dispatch, type GraphCall } from '../../src/schema/dispatch.js';
import type { Context, TypeDef } from '../../src/schema/types.js';
import { GraphError } from '../../src/graph/graph-error.js';
import { AudienceTransitions } from '../../src/audiences/transitions-request.js';
import { immediate } from '../../src/audiences/transitions.js';

interface Widget {
  id: string;
  name: string;
  secret: string;
  size: number;
  gadgets: { id: string; label: string }[];
}

const widgets = new Map<string, Widget>();

const widgetType: TypeDef<Widget> = {
  name: 'Widget',
  description: 'A test node',
  defaultFields: ['name', 'id'],
  load: async (id) => widgets.get(id),
  canSee: (permission, _node, ctx) => ctx.viewer.scopes.has(permission),
  fields: {
    id: { type: 'numeric string', description: 'id' },
    name: { type: 'string', description: 'name' },
    size: { type: 'int', description: 'size', since: 20 },
    secret: { type: 'string', description: 'secret', permission: 'read_secrets' },
    legacy: { type: 'string', description: 'gone', noData: true },
    best: { type: 'Gadget', description: 'first gadget', resolve: (w) => w.gadgets[0] },
  },
  edges: {
    gadgets: {
      type: 'Gadget',
      description: 'gadgets',
      async list(w, page) {
        return { ...pageOfList(w.gadgets.map((g) => ({ key: g.id, value: g })), page), total: w.gadgets.length };
      },
      post: {
        description: 'add a gadget',
        params: { label: { type: 'string', required: true, description: 'label' } },
        returns: 'Struct {id: numeric string}',
        async run(w, params) {
          const gadget = { id: String(900 + w.gadgets.length), label: params.label };
          w.gadgets.push(gadget);
          return { body: { id: gadget.id } };
        },
      },
    },
  },
  update: {
    description: 'rename',
    params: { name: { type: 'string', description: 'new name' }, size: { type: 'int', description: 'size' } },
    returns: 'Struct {success: bool}',
    async run(w, params) {
      if (params.name !== undefined) w.name = params.name;
      if (params.size !== undefined) w.size = params.size;
      return { body: { success: true }, readBack: { type: 'Widget', id: w.id } };
    },
  },
};

const gadgetType: TypeDef<{ id: string; label: string }> = {
  name: 'Gadget',
  description: 'A test struct',
  defaultFields: ['id', 'label'],
  fields: { id: { type: 'numeric string', description: 'id' }, label: { type: 'string', description: 'label' } },
};

const schema = new CompiledSchema({ types: [widgetType, gadgetType], roots: {} });

function context(scopes: string[] = [], major = 21): Context {
  return {
    viewer: { kind: 'USER', scopes: new Set(scopes) },
    store: {
      nodes: { typeOf: async (id: string) => (widgets.has(id) ? 'Widget' : undefined) },
    } as unknown as Context['store'],
    major,
    now: 0,
    origin: 'http://graphd.test',
    versionUrl: `http://graphd.test/v${major}.0`,
    accessToken: 'EAAtoken',
    salt: 'salt',
    audienceSettings: new AudienceTransitions(immediate, false),
  };
}

function call(method: GraphCall['method'], path: string, params: Record<string, unknown> = {}): GraphCall {
  const query = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
  return { method, segments: path.split('/').filter(Boolean), params, query };
}

async function json(c: GraphCall, ctx = context()): Promise<any> {
  const answer = await dispatch(schema, c, ctx);
  if (!('json' in answer)) throw new Error('expected json');
  return answer.json;
}

function reset() {
  widgets.clear();
  widgets.set('101', { id: '101', name: 'Sprocket', secret: 's3', size: 4, gadgets: [1, 2, 3, 4, 5].map((n) => ({ id: `50${n}`, label: `g${n}` })) });
}

describe('schema engine on a fake schema', () => {
  it('answers default fields with id last', async () => {
    reset();
    expect(await json(call('GET', '101'))).toEqual({ name: 'Sprocket', id: '101' });
  });

  it('selects, aliases, nests structs and leaves out no-data and unpermitted fields', async () => {
    reset();
    const out = await json(call('GET', '101', { fields: 'name.as(title),legacy,secret,best{label}' }));
    expect(out).toEqual({ title: 'Sprocket', best: { label: 'g1' }, id: '101' });
    const permitted = await json(call('GET', '101', { fields: 'secret' }), context(['read_secrets']));
    expect(permitted).toEqual({ secret: 's3', id: '101' });
  });

  it('enforces version windows with code 12', async () => {
    reset();
    await expect(json(call('GET', '101', { fields: 'size' }), context([], 19))).rejects.toMatchObject({ message: '(#12) size requires version v20.0 or higher' });
    expect(await json(call('GET', '101', { fields: 'size' }), context([], 21))).toEqual({ size: 4, id: '101' });
  });

  it('pages an edge read directly and nested', async () => {
    reset();
    const page = await json(call('GET', '101/gadgets', { limit: '2' }));
    expect(page.data).toEqual([
      { id: '501', label: 'g1' },
      { id: '502', label: 'g2' },
    ]);
    expect(page.paging.next).toMatch(/^http:\/\/graphd\.test\/v21\.0\/101\/gadgets\?limit=2&after=/);
    const nested = await json(call('GET', '101', { fields: 'gadgets.limit(1).summary(true){label}' }));
    expect(nested.gadgets.data).toEqual([{ label: 'g1' }]);
    expect(nested.gadgets.summary).toEqual({ total_count: 5 });
  });

  it('creates through an edge and updates with read-after-write', async () => {
    reset();
    expect(await json(call('POST', '101/gadgets', { label: 'new' }))).toEqual({ id: '905' });
    expect(await json(call('POST', '101', { name: 'Cog', fields: 'name' }))).toEqual({ success: true, name: 'Cog', id: '101' });
  });

  it('validates operation params with Graph messages', async () => {
    reset();
    await expect(json(call('POST', '101/gadgets', {}))).rejects.toMatchObject({ message: '(#100) The parameter label is required' });
    await expect(json(call('POST', '101', { size: 'big' }))).rejects.toBeInstanceOf(GraphError);
  });

  it('answers unknown edges, methods and deep paths with Graph errors', async () => {
    reset();
    await expect(json(call('GET', '101/nope'))).rejects.toMatchObject({ message: '(#100) Tried accessing nonexisting field (nope) on node type (Widget)' });
    await expect(json(call('DELETE', '101'))).rejects.toMatchObject({ spec: { code: 100, subcode: 33 } });
    await expect(json(call('GET', '101/gadgets/a/b'))).rejects.toMatchObject({ spec: { code: 2500 } });
  });

  it('refuses a table whose field names an unknown type', () => {
    const broken: TypeDef = { name: 'Broken', description: '', defaultFields: [], fields: { x: { type: 'Nowhere', description: '' } } };
    expect(() => new CompiledSchema({ types: [broken], roots: {} })).toThrow(/unknown type Nowhere/);
  });
});
