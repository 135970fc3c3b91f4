import { parseFields } from '../graph/fields/index.js';
import type { FieldSelection } from '../graph/fields/ast.js';
import { GraphError } from '../graph/graph-error.js';
import { pageRequestOf, userEdgeLimits } from '../graph/paging.js';
import type { CompiledSchema } from './compile.js';
import { inWindow } from './compile.js';
import { metadataOf } from './metadata.js';
import { validateParams } from './params.js';
import { resolveNode, type ResolvedNode } from './resolve-node.js';
import { renderEdge, selectObject } from './select.js';
import type { Context, EdgeDef, OperationDef, RawAnswer } from './types.js';

export type Method = 'GET' | 'POST' | 'DELETE';

export interface GraphCall {
  method: Method;
  segments: string[];
  params: Record<string, unknown>;
  /** Params as strings, for paging URLs. */
  query: Record<string, string>;
}

export type Answer = { json: unknown } | RawAnswer;

const maxIds = 50;

/** Routes one Graph call through the compiled schema table and returns what to answer. */
export async function dispatch(schema: CompiledSchema, call: GraphCall, ctx: Context): Promise<Answer> {
  const { segments, method, params } = call;
  const root = segments.length > 0 ? schema.table.roots[segments.join('/')] : undefined;
  if (root) {
    if (root.method !== method) throw GraphError.of('unsupportedMethod', { method: method.toLowerCase(), id: segments.join('/') });
    if (root.needsToken) requireToken(ctx);
    await ctx.onRoute?.({ method, nodeType: 'root', id: segments.join('/') });
    return { json: await root.run(validateParams(root.params, params), ctx) };
  }
  if (ctx.viewer.kind === 'ANONYMOUS' && !(await takesAnonymous(schema, call, ctx))) {
    // /me with no token is about no one: Meta answers 2500 for it, 104 for other paths.
    throw GraphError.of(segments[0] === 'me' ? 'activeTokenRequired' : 'tokenRequired');
  }
  if (params.ids !== undefined && segments.length <= 1 && method === 'GET') return multiRead(schema, call, ctx);
  if (segments.length === 0) throw GraphError.of('noNodeSpecified');
  if (segments.length > 3) throw GraphError.of('unknownPathComponents', { path: '/' + segments.slice(2).join('/') });
  const resolved = await resolveNode(schema, segments[0], method, ctx);
  await announce(resolved, method, segments[1], ctx);
  if (segments.length === 1) return { json: await nodeCall(schema, resolved, call, ctx) };
  const edge = resolved.type.edges?.[segments[1]];
  if (!edge || !inWindow(edge, ctx.major)) throw GraphError.of('nonexistingField', { field: segments[1], nodeType: resolved.type.name });
  if (segments.length === 3) return edgeChildCall(schema, resolved, edge, segments[2], call, ctx);
  return edgeCall(schema, resolved, edge, segments[1], call, ctx);
}

function announce(resolved: ResolvedNode, method: Method, edge: string | undefined, ctx: Context): Promise<void> | undefined {
  const { type, node, pathId } = resolved;
  return ctx.onRoute?.({ method, nodeType: type.name, id: pathId, edge, adAccountId: type.adAccountOf?.(node) });
}

function requireToken(ctx: Context): void {
  if (ctx.viewer.kind === 'ANONYMOUS') throw GraphError.of('tokenRequired');
}

/** POST /{id}/{edge} whose operation says needsToken: false. */
async function takesAnonymous(schema: CompiledSchema, call: GraphCall, ctx: Context): Promise<boolean> {
  const [id, edgeName] = call.segments;
  if (call.method !== 'POST' || call.segments.length !== 2 || !/^\d+$/.test(id)) return false;
  const typeName = await ctx.store.nodes.typeOf(id);
  return typeName !== undefined && schema.has(typeName) && schema.type(typeName).edges?.[edgeName]?.post?.needsToken === false;
}

function selectionOf(params: Record<string, unknown>): FieldSelection | undefined {
  return typeof params.fields === 'string' ? parseFields(params.fields) : undefined;
}

async function nodeCall(schema: CompiledSchema, resolved: ResolvedNode, call: GraphCall, ctx: Context): Promise<unknown> {
  const { type, node, pathId } = resolved;
  if (call.method === 'GET') {
    const out = await selectObject(schema, type, node, selectionOf(call.params), ctx);
    if (isTrue(call.params.metadata)) out.metadata = metadataOf(type, pathId, ctx);
    return out;
  }
  const operation = call.method === 'POST' ? type.update : type.delete;
  if (!operation) throw GraphError.of('unsupportedMethod', { method: call.method.toLowerCase(), id: pathId });
  return runOperation(schema, operation, node, call, ctx);
}

async function edgeCall(schema: CompiledSchema, resolved: ResolvedNode, edge: EdgeDef<any>, edgeName: string, call: GraphCall, ctx: Context): Promise<Answer> {
  const { node, pathId } = resolved;
  if (call.method === 'GET') {
    const params = validateParams(edge.params ?? {}, call.params);
    const special = await edge.get?.(node, params, ctx);
    if (special) return 'raw' in special ? (special as RawAnswer) : { json: special };
    if (!edge.list) throw GraphError.of('unsupportedMethod', { method: 'get', id: pathId });
    const request = pageRequestOf(call.params, edge.limits ?? userEdgeLimits);
    const summary = call.params.summary !== undefined && !isFalse(call.params.summary);
    const rendering = { fields: selectionOf(call.params), summary, query: call.query, nodeId: pathId, edgeName };
    return { json: await renderEdge(schema, edge, node, request, params, rendering, ctx) };
  }
  const operation = call.method === 'POST' ? edge.post : edge.delete;
  if (!operation) throw GraphError.of('unsupportedMethod', { method: call.method.toLowerCase(), id: pathId });
  return { json: await runOperation(schema, operation, node, call, ctx) };
}

async function edgeChildCall(schema: CompiledSchema, resolved: ResolvedNode, edge: EdgeDef<any>, key: string, call: GraphCall, ctx: Context): Promise<Answer> {
  const { node, pathId } = resolved;
  if (edge.child?.keyParam) {
    const params = { ...call.params, [edge.child.keyParam]: key };
    return edgeCall(schema, resolved, edge, `${call.segments[1]}/${key}`, { ...call, params }, ctx);
  }
  if (call.method === 'GET' && edge.child?.get) {
    const listing = await edge.child.get(node, key, ctx);
    const itemType = schema.type(edge.type);
    const selection = selectionOf(call.params);
    return { json: { data: await Promise.all(listing.items.map((item) => selectObject(schema, itemType, item.value, selection, ctx))) } };
  }
  if (call.method === 'DELETE' && edge.child?.delete) {
    return { json: await runOperation(schema, edge.child.delete, { ...node, childKey: key }, call, ctx) };
  }
  throw GraphError.of('unknownPathComponents', { path: '/' + key });
}

async function runOperation(schema: CompiledSchema, operation: OperationDef<any>, node: any, call: GraphCall, ctx: Context): Promise<unknown> {
  const params = validateParams(operation.params, call.params, ctx.looseParams ? 'ignore' : 'reject');
  const result = await operation.run(node, params, ctx);
  const selection = selectionOf(call.params);
  if (!selection || !result.readBack) return result.body;
  // Read-after-write: the node the write touched, with the requested fields, beside the write's own answer.
  const type = schema.type(result.readBack.type);
  const written = await type.load?.(result.readBack.id, ctx);
  return written === undefined ? result.body : { ...result.body, ...(await selectObject(schema, type, written, selection, ctx)) };
}

async function multiRead(schema: CompiledSchema, call: GraphCall, ctx: Context): Promise<Answer> {
  const raw = call.params.ids;
  const ids = (Array.isArray(raw) ? raw.map(String) : String(raw).split(',')).map((id) => id.trim());
  if (ids.length === 0 || ids.some((id) => id === '')) throw GraphError.of('emptyIdentifier');
  if (ids.length > maxIds) throw GraphError.of('tooManyIds', { max: maxIds });
  const edgeName = call.segments[0];
  const out: Record<string, unknown> = {};
  for (const id of ids) {
    const resolved = await resolveNode(schema, id, 'GET', ctx);
    // Each id counts as a call of its own (graph-protocol.md §3.3).
    await announce(resolved, 'GET', edgeName, ctx);
    if (edgeName === undefined) {
      out[id] = await nodeCall(schema, resolved, call, ctx);
      continue;
    }
    const edge = resolved.type.edges?.[edgeName];
    if (!edge) throw GraphError.of('nonexistingField', { field: edgeName, nodeType: resolved.type.name });
    const answer = await edgeCall(schema, resolved, edge, edgeName, call, ctx);
    if (!('json' in answer)) throw GraphError.of('nonexistingField', { field: edgeName, nodeType: resolved.type.name });
    out[id] = answer.json;
  }
  return { json: out };
}

function isTrue(value: unknown): boolean {
  return value === true || value === '1' || value === 'true' || value === 1;
}

function isFalse(value: unknown): boolean {
  return value === false || value === '0' || value === 'false' || value === '';
}
