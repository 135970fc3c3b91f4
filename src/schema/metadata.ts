import { inWindow } from './compile.js';
import type { Context, TypeDef } from './types.js';

/** `metadata=1`: the node type's fields and connections, read from the schema table. */
export function metadataOf(type: TypeDef, pathId: string, ctx: Context): Record<string, unknown> {
  const token = ctx.accessToken ? `?access_token=${encodeURIComponent(ctx.accessToken)}` : '';
  const fields = Object.entries(type.fields)
    .filter(([, field]) => inWindow(field, ctx.major))
    .map(([name, field]) => ({ name, description: field.description, type: field.type }));
  const connections: Record<string, string> = {};
  for (const [name, edge] of Object.entries(type.edges ?? {})) {
    if (inWindow(edge, ctx.major)) connections[name] = `${ctx.versionUrl}/${encodeURIComponent(pathId)}/${name}${token}`;
  }
  return { fields, type: type.metadataType ?? type.name.toLowerCase(), connections };
}
