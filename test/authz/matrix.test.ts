import { describe, expect, it } from 'vitest';
import type { NodeType } from '../../src/store/types.js';
import { useGraph, type Harness, type Reply } from '../helpers/graph.js';
import { describeEachStore } from '../helpers/stores.js';
import { expectationOf, isRefusal, type Cell, type Expectation } from './rules.js';
import { consumesNode, consumesTokens, minimalParams, pathIdsOf, routeName, tableRoutes } from './routes.js';
import { loadAuthzWorld, renewPeopleTokens, type AuthzWorld, type CallerName } from './world.js';

const callers: CallerName[] = [
  'none',
  'malformed',
  'expired',
  'revoked',
  'logged_out',
  'proof_missing',
  'proof_wrong',
  'alice',
  'bob',
  'alice_no_ads',
  'alice_no_email',
  'page',
  'app',
  'other_app',
  'system_user',
];

async function call(g: Harness, cell: Cell, world: AuthzWorld): Promise<Reply> {
  const { route, pathId, caller } = cell;
  const path = `/v21.0/${route.root ?? [pathId, route.edge].filter(Boolean).join('/')}`;
  const params = { ...minimalParams(route, world), ...world.credentials[caller] };
  if (route.method === 'POST') return g.post(path, params);
  return route.method === 'GET' ? g.get(path, params) : g.del(path, params);
}

/** The mismatch between a reply and what the cell must answer, or undefined. */
function mismatch(reply: Reply, expected: Expectation): string | undefined {
  const wellFormed = reply.status < 400 ? reply.json !== undefined || reply.status === 302 : typeof reply.json?.error?.message === 'string' && typeof reply.json.error.code === 'number';
  if (reply.status >= 500 || !wellFormed) return `not a Graph answer: ${reply.status} ${reply.body.slice(0, 200)}`;
  if ('answered' in expected) return undefined;
  if ('allowed' in expected) return isRefusal(reply.status, reply.json) ? `refused: ${reply.status} ${reply.body.slice(0, 200)}` : undefined;
  const { error: spec, message } = expected;
  const got = reply.json?.error ?? {};
  const want = { status: spec.status, code: spec.code, error_subcode: spec.subcode, type: spec.type, message };
  const have = { status: reply.status, code: got.code, error_subcode: got.error_subcode, type: got.type, message: got.message };
  return JSON.stringify(want) === JSON.stringify(have) ? undefined : `want ${JSON.stringify(want)}\n      got ${JSON.stringify(have)}`;
}

describeEachStore('Authorization matrix: every route of the schema table × every kind of caller', (open) => {
  const graph = useGraph(open);

  it('answers each cell as the rules say', async () => {
    const g = graph();
    const world = await loadAuthzWorld(g);
    const unbacked = new Map<string, string>();
    for (const route of tableRoutes()) {
      for (const type of [route.type].filter((t) => !['root', 'User', 'Application', 'Page', 'Business', 'SystemUser', 'AdAccount', 'CustomAudience'].includes(t))) {
        if (!unbacked.has(type)) unbacked.set(type, await g.store.nodes.allocate(type as NodeType));
      }
    }
    const failures: string[] = [];
    const tally = { error: 0, allowed: 0, answered: 0 };
    for (const route of tableRoutes()) {
      const pathIds = route.root ? [undefined] : pathIdsOf(route.type, world, (type) => unbacked.get(type)!);
      for (const shared of pathIds) {
        for (const caller of callers) {
          const pathId = shared !== undefined && consumesNode(route) ? await freshAudience(g, world) : shared;
          const cell: Cell = { route, pathId, caller };
          const expected = expectationOf(cell, world, g.clock.now);
          tally[Object.keys(expected)[0] as keyof typeof tally] += 1;
          const wrong = mismatch(await call(g, cell, world), expected);
          if (wrong) failures.push(`${routeName(route, pathId)} as ${caller}: ${wrong}`);
          if (consumesTokens(route)) await renewPeopleTokens(g, world);
        }
      }
    }
    const cells = tally.error + tally.allowed + tally.answered;
    console.info(`authz matrix: ${tableRoutes().length} routes, ${callers.length} callers, ${cells} cells (${tally.error} exact errors, ${tally.allowed} allowed, ${tally.answered} answered)`);
    expect(failures, failures.join('\n')).toEqual([]);
    expect(cells).toBeGreaterThan(tableRoutes().length * callers.length - 1);
  });
});

async function freshAudience(g: Harness, world: AuthzWorld): Promise<string> {
  const created = await g.post(`/v21.0/${world.act.x}/customaudiences`, { name: 'Throwaway', subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY', access_token: world.tokens.alice });
  if (!created.json?.id) throw new Error(`no throwaway audience: ${created.body}`);
  return created.json.id;
}

describe('the matrix follows the schema table', () => {
  it('lists every node, edge and root route once', () => {
    const names = tableRoutes().map((route) => routeName(route));
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['GET /{User}', 'POST /{CustomAudience}/users', 'DELETE /{AdAccount}/usersofanyaudience', 'GET /debug_token']));
  });
});
