import type { FieldNode, FieldSelection } from '../graph/fields/ast.js';
import { printFields } from '../graph/fields/index.js';
import { GraphError } from '../graph/graph-error.js';
import { pageRequestOf, pagingBlock, userEdgeLimits, type PageRequest } from '../graph/paging.js';
import { inWindow, type CompiledSchema } from './compile.js';
import type { Context, EdgeDef, EdgeListing, TypeDef } from './types.js';

type Json = Record<string, unknown>;

/** Selected fields of one node or struct, in the order asked, `id` appended when implicit. */
export async function selectObject(schema: CompiledSchema, type: TypeDef, value: any, selection: FieldSelection | undefined, ctx: Context): Promise<Json> {
  const fields = selection && selection.length > 0 ? selection : defaultSelection(type);
  const out: Json = {};
  for (const node of fields) {
    const key = node.alias ?? node.name;
    // Fields are rendered one after another; only those that are async are awaited.
    let rendered = selectField(schema, type, value, node, ctx);
    if (isPromiseLike(rendered)) rendered = await rendered;
    if (rendered !== undefined) out[key] = rendered;
  }
  if (type.load && type.fields.id && !fields.some((f) => f.name === 'id') && value.id !== undefined && !('id' in out)) {
    let id = resolveValue(type, 'id', value, { name: 'id', modifiers: {}, position: 0 }, ctx);
    if (isPromiseLike(id)) id = await id;
    if (id !== undefined && id !== null) out.id = id;
  }
  return out;
}

/**
 * Most fields resolve synchronously (a column of the loaded node): awaiting them anyway costs a
 * promise and a microtask each, on every field of every response. Anything `await` would unwrap
 * (any thenable) is still awaited.
 */
function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function thenOrNow<T, R>(value: T | PromiseLike<T>, next: (value: T) => R | PromiseLike<R>): R | PromiseLike<R> {
  return isPromiseLike(value) ? value.then(next) : next(value);
}

function defaultSelection(type: TypeDef): FieldSelection {
  return type.defaultFields.map((name) => ({ name, modifiers: {}, position: 0 }));
}

/** A field's rendered value, or a promise of it when its resolver or rendering is async. */
function selectField(schema: CompiledSchema, type: TypeDef, value: any, node: FieldNode, ctx: Context): unknown {
  const field = type.fields[node.name];
  if (field) {
    checkWindow(node.name, field, ctx.major);
    if (field.noData) return undefined;
    if (field.permission && !(type.canSee?.(field.permission, value, ctx) ?? true)) return undefined;
    return thenOrNow(resolveValue(type, node.name, value, node, ctx), (resolved) =>
      thenOrNow(renderValue(schema, field.type, resolved, node.children, ctx), (rendered) =>
        field.wrapInData && rendered !== undefined ? { data: rendered } : rendered,
      ),
    );
  }
  const edge = type.edges?.[node.name];
  if (edge?.list && inWindow(edge, ctx.major)) {
    if (edge.permission && !(type.canSee?.(edge.permission, value, ctx) ?? true)) return undefined;
    const request = pageRequestOf(node.modifiers, edge.limits ?? userEdgeLimits);
    const summary = node.modifiers.summary !== undefined && node.modifiers.summary !== 'false';
    const query: Record<string, string> = {};
    if (ctx.accessToken) query.access_token = ctx.accessToken;
    if (node.children?.length) query.fields = printFields(node.children);
    return renderEdge(schema, edge, value, request, node.modifiers, { fields: node.children, summary, query, nodeId: String(value.id), edgeName: node.name }, ctx);
  }
  throw GraphError.of('nonexistingField', { field: node.name, nodeType: type.name });
}

function checkWindow(name: string, window: { since?: number; until?: number }, major: number): void {
  if (window.since !== undefined && major < window.since) throw GraphError.of('fieldTooNew', { field: name, version: `v${window.since}.0` });
  if (window.until !== undefined && major >= window.until) throw GraphError.of('fieldVersion', { field: name, version: `v${window.until}.0` });
}

function resolveValue(type: TypeDef, name: string, value: any, node: FieldNode, ctx: Context): unknown {
  const field = type.fields[name];
  return field?.resolve ? field.resolve(value, ctx, node) : value[name];
}

/** Scalars as they are; objects (and lists of them) through their type's selection, async. */
function renderValue(schema: CompiledSchema, graphType: string, value: unknown, children: FieldSelection | undefined, ctx: Context): unknown {
  if (value === undefined || value === null) return undefined;
  const objectType = schema.objectTypeOf(graphType);
  if (!objectType) return value;
  if (Array.isArray(value)) return Promise.all(value.map((item) => selectObject(schema, objectType, item, children, ctx)));
  return selectObject(schema, objectType, value, children, ctx);
}

export interface EdgeRendering {
  fields: FieldSelection | undefined;
  summary: boolean;
  /** Query params repeated in paging URLs. */
  query: Record<string, string>;
  /** The node id as it appears in the edge URL. */
  nodeId: string;
  edgeName: string;
}

/** `{data, paging?, summary?}` for one page of an edge, nested or read directly. */
export async function renderEdge(
  schema: CompiledSchema,
  edge: EdgeDef<any>,
  node: any,
  request: PageRequest,
  params: Record<string, any>,
  rendering: EdgeRendering,
  ctx: Context,
): Promise<Json> {
  // limit=0 asks only for the summary: no page is read.
  const listing: EdgeListing = edge.list && request.limit > 0 ? await edge.list(node, request, params, ctx) : { items: [], more: false };
  const itemType = schema.type(edge.type);
  const data = await Promise.all(listing.items.map((item) => selectObject(schema, itemType, item.value, rendering.fields, ctx)));
  const out: Json = { data };
  const url = `${ctx.versionUrl}/${encodeURIComponent(rendering.nodeId)}/${rendering.edgeName}`;
  const paging = pagingBlock(listing, request, url, rendering.query);
  if (paging) out.paging = paging;
  if (rendering.summary) {
    const total = listing.total ?? (edge.count ? await edge.count(node, params, ctx) : undefined);
    out.summary = { total_count: total ?? data.length };
  }
  return out;
}
