import type { ParamSpec } from '../graph/params/coerce.js';
import { validatorFor } from './params.js';
import type { SchemaTable, TypeDef, VersionWindow } from './types.js';

/**
 * The schema table compiled once at start: type lookup plus checks that every
 * type a field or edge names exists, so a typo fails at boot rather than per request.
 */
export class CompiledSchema {
  private readonly types = new Map<string, TypeDef>();

  constructor(readonly table: SchemaTable) {
    for (const type of table.types) {
      if (this.types.has(type.name)) throw new Error(`schema: type ${type.name} declared twice`);
      this.types.set(type.name, type);
    }
    for (const type of table.types) {
      for (const [name, field] of Object.entries(type.fields)) {
        const target = referencedType(field.type);
        if (target && !isScalar(target) && !this.types.has(target)) {
          throw new Error(`schema: ${type.name}.${name} refers to unknown type ${target}`);
        }
      }
      for (const [name, edge] of Object.entries(type.edges ?? {})) {
        if (!this.types.has(edge.type)) throw new Error(`schema: edge ${type.name}.${name} lists unknown type ${edge.type}`);
      }
    }
    // Param tables compile now, so a bad type notation fails at boot and requests only look up.
    for (const specs of paramTables(table)) validatorFor(specs);
  }

  type(name: string): TypeDef {
    const type = this.types.get(name);
    if (!type) throw new Error(`schema: no type ${name}`);
    return type;
  }

  has(name: string): boolean {
    return this.types.has(name);
  }

  /** The type a field's value should be rendered through, when it is a struct or node (not a scalar). */
  objectTypeOf(graphType: string): TypeDef | undefined {
    const target = referencedType(graphType);
    return target && !isScalar(target) ? this.types.get(target) : undefined;
  }
}

const scalars = new Set([
  'string',
  'numeric string',
  'bool',
  'int',
  'int32',
  'int64',
  'unsigned int',
  'float',
  'datetime',
  'timestamp',
  'Object',
  'map',
  'id',
]);

function isScalar(name: string): boolean {
  return scalars.has(name) || name.startsWith('enum') || name.startsWith('map<');
}

/** `list<Experience>` -> Experience; `Page` -> Page. */
function referencedType(graphType: string): string | undefined {
  const list = /^list<(.+)>$/.exec(graphType);
  return list ? referencedType(list[1]) : graphType;
}

export function inWindow(window: VersionWindow, major: number): boolean {
  return (window.since === undefined || major >= window.since) && (window.until === undefined || major < window.until);
}

function* paramTables(table: SchemaTable): Generator<Record<string, ParamSpec>> {
  for (const root of Object.values(table.roots)) yield root.params;
  for (const type of table.types) {
    if (type.update) yield type.update.params;
    if (type.delete) yield type.delete.params;
    for (const edge of Object.values(type.edges ?? {})) {
      if (edge.params) yield edge.params;
      if (edge.post) yield edge.post.params;
      if (edge.delete) yield edge.delete.params;
      if (edge.child?.delete) yield edge.child.delete.params;
    }
  }
}
