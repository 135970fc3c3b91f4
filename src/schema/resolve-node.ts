import { GraphError } from '../graph/graph-error.js';
import type { CompiledSchema } from './compile.js';
import { userNodeOf } from './nodes/user-node.js';
import type { Context, TypeDef } from './types.js';

export interface ResolvedNode {
  type: TypeDef;
  node: any;
  /** The id as written in the path (`me`, `act_123`, an ASID). */
  pathId: string;
}

/**
 * Turns a path id into a loaded node. Unknown or invisible ids answer 100/33 with the
 * method in the text, as Meta does; a non-numeric alias that is not known answers 803.
 */
export async function resolveNode(schema: CompiledSchema, pathId: string, method: string, ctx: Context): Promise<ResolvedNode> {
  const missing = () => GraphError.of('unsupportedMethod', { method: method.toLowerCase(), id: pathId });
  if (pathId === 'me') return resolveMe(schema, ctx);
  let typeName: string | undefined;
  let id = pathId;
  if (pathId.startsWith('act_')) {
    id = pathId.slice(4);
    if (!/^\d+$/.test(id)) throw missing();
    typeName = (await ctx.store.nodes.typeOf(id)) === 'AdAccount' ? 'AdAccount' : undefined;
  } else if (/^\d+$/.test(pathId)) {
    typeName = await ctx.store.nodes.typeOf(pathId);
    if (typeName === 'AdAccount') typeName = undefined; // ad accounts answer only as act_<id>
  } else {
    throw GraphError.of('aliasesNotFound', { names: pathId });
  }
  if (!typeName || !schema.has(typeName)) throw missing();
  const type = schema.type(typeName);
  const node = await type.load?.(id, ctx);
  if (node === undefined) throw missing();
  return { type, node, pathId };
}

async function resolveMe(schema: CompiledSchema, ctx: Context): Promise<ResolvedNode> {
  const { viewer } = ctx;
  if (viewer.kind === 'USER' && viewer.app && viewer.personId) {
    // The viewer's own ASID row is in hand: no second lookup by ASID, and the grants read
    // while authenticating this request serve again.
    const appUser = await ctx.store.apps.scopedUser(viewer.app.id, viewer.personId);
    const node = await userNodeOf(appUser, ctx, viewer.grants);
    if (node === undefined) throw GraphError.of('activeTokenRequired');
    return { type: schema.type('User'), node, pathId: 'me' };
  }
  let typeName: string | undefined;
  let id: string | undefined;
  if (viewer.kind === 'PAGE') {
    typeName = 'Page';
    id = viewer.pageId;
  } else if (viewer.kind === 'SYSTEM_USER') {
    typeName = 'SystemUser';
    id = viewer.systemUserId;
  }
  if (!typeName || !id) throw GraphError.of('activeTokenRequired');
  const type = schema.type(typeName);
  const node = await type.load?.(id, ctx);
  if (node === undefined) throw GraphError.of('activeTokenRequired');
  return { type, node, pathId: 'me' };
}
