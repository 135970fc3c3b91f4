/**
 * Graph param types in Meta's own notation (the `params[].type` strings of the codegen specs),
 * parsed once at startup into a small union that coercion walks per request.
 */
export type ParamType =
  | { kind: 'string' }
  | { kind: 'int'; unsigned: boolean }
  | { kind: 'int64' }
  | { kind: 'float' }
  | { kind: 'bool' }
  | { kind: 'datetime' }
  /** `Object` or a node name (`Targeting`, `Business`); `fields` come from the param spec. */
  | { kind: 'object'; fields?: Record<string, ParamRule> }
  /** `map` alone holds any JSON values. */
  | { kind: 'map'; value?: ParamType }
  /** `list` alone holds any JSON values. */
  | { kind: 'list'; item?: ParamType }
  | { kind: 'enum'; values: string[] }
  /** A numeric Graph ID, kept as a string. */
  | { kind: 'id' }
  | { kind: 'file' };

/** A declared param once compiled: its type and the checks its spec adds. */
export interface ParamRule {
  type: ParamType;
  required: boolean;
  min?: number;
  max?: number;
}

export type EnumResolver = (name: string) => string[] | undefined;

const named: Record<string, ParamType> = {
  string: { kind: 'string' },
  int: { kind: 'int', unsigned: false },
  'unsigned int': { kind: 'int', unsigned: true },
  int64: { kind: 'int64' },
  float: { kind: 'float' },
  bool: { kind: 'bool' },
  datetime: { kind: 'datetime' },
  timestamp: { kind: 'datetime' },
  Object: { kind: 'object' },
  map: { kind: 'map' },
  list: { kind: 'list' },
  'JSON array': { kind: 'list' },
  'numeric string': { kind: 'id' },
  UID: { kind: 'id' },
  'user/page ID': { kind: 'id' },
  'Page ID': { kind: 'id' },
  file: { kind: 'file' },
};

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Throws a plain Error on notation it does not know: that is a bug in a schema table, not a request. */
export function parseParamType(text: string, resolveEnum?: EnumResolver): ParamType {
  const source = text.trim();
  const generic = /^(list|map)\s*<(.*)>$/s.exec(source);
  if (generic) return generic[1] === 'list' ? { kind: 'list', item: parseParamType(generic[2], resolveEnum) } : parseMap(generic[2], text, resolveEnum);

  const inline = /^enum\s*\{(.*)\}$/s.exec(source);
  if (inline) {
    const values = inline[1].split(',').map((value) => value.trim().replace(/^(['"])(.*)\1$/, '$2'));
    if (values.some((value) => value === '')) throw new Error(`Empty value in Graph param type: ${text}`);
    return { kind: 'enum', values };
  }

  if (Object.hasOwn(named, source)) return named[source];
  if (identifier.test(source)) {
    const values = resolveEnum?.(source);
    if (values !== undefined) return { kind: 'enum', values };
    // Capitalised names are other nodes (`Targeting`, `LookalikeSpec`): JSON objects on the wire.
    if (/^[A-Z]/.test(source)) return { kind: 'object' };
  }
  throw new Error(`Unknown Graph param type: ${text}`);
}

/** `map<string, V>`: keys are always strings on the wire, so only V matters. */
function parseMap(inner: string, text: string, resolveEnum?: EnumResolver): ParamType {
  const comma = topLevelComma(inner);
  if (comma < 0) throw new Error(`map type needs a key and a value type: ${text}`);
  parseParamType(inner.slice(0, comma), resolveEnum); // still rejects a key type nobody knows
  return { kind: 'map', value: parseParamType(inner.slice(comma + 1), resolveEnum) };
}

function topLevelComma(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '<' || char === '{') depth++;
    else if (char === '>' || char === '}') depth--;
    else if (char === ',' && depth === 0) return i;
  }
  return -1;
}
