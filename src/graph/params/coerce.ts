import { GraphError } from '../graph-error.js';
import { parseDateTime } from './datetime.js';
import { globalParams } from './global-params.js';
import { parseParamType, type EnumResolver, type ParamRule, type ParamType } from './param-type.js';
import { parseJson } from './safe-json.js';
import { isUploadedFile } from './uploaded-file.js';

/** One declared param of an operation, as the schema tables write it. */
export interface ParamSpec {
  /** Meta's notation: `string`, `unsigned int`, `list<Object>`, `enum {YES, NO}`, an enum name... */
  type: string;
  required?: boolean;
  description?: string;
  /** Bounds for numeric values. */
  min?: number;
  max?: number;
  /** Declared keys of an `Object` param (or of the objects in a `list<Object>` / `map<string, Object>`). */
  fields?: Record<string, ParamSpec>;
}

/** What to do with a top-level param neither declared nor global: leave it out, or refuse the call. */
export type UnknownParams = 'ignore' | 'reject';

export type ParamValidator = (raw: Record<string, unknown>, unknown?: UnknownParams) => Record<string, unknown>;

/**
 * Compiles an operation's param specs once (bad notation throws here, at startup) into a
 * validator for merged request params. The validator returns only the declared params,
 * coerced to their types, and throws Meta's (#100) errors. Unknown params are left out, or
 * with `reject` answered as Meta answers them on writes (docs/strictness.md).
 */
export function compileParams(specs: Record<string, ParamSpec>, resolveEnum?: EnumResolver): ParamValidator {
  const rules = compileRules(specs, resolveEnum);
  return (raw, unknown = 'ignore') => {
    if (unknown === 'reject') rejectUnknown(rules, raw);
    const params: Record<string, unknown> = {};
    applyRules(rules, raw, params, undefined);
    return params;
  };
}

function rejectUnknown(rules: Record<string, ParamRule>, raw: Record<string, unknown>): void {
  for (const name of Object.keys(raw)) {
    // null is how JSON bodies say "not set": nothing was sent.
    if (Object.hasOwn(rules, name) || globalParams.has(name) || raw[name] === null || raw[name] === undefined) continue;
    throw GraphError.of('paramUnknown', { name });
  }
}

function compileRules(specs: Record<string, ParamSpec>, resolveEnum?: EnumResolver): Record<string, ParamRule> {
  const rules: Record<string, ParamRule> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const type = parseParamType(spec.type, resolveEnum);
    rules[name] = {
      type: spec.fields ? withFields(type, compileRules(spec.fields, resolveEnum), spec.type) : type,
      required: spec.required ?? false,
      min: spec.min,
      max: spec.max,
    };
  }
  return rules;
}

/** Declared fields belong to the object inside any list/map wrappers. */
function withFields(type: ParamType, fields: Record<string, ParamRule>, text: string): ParamType {
  if (type.kind === 'object') return { kind: 'object', fields };
  if (type.kind === 'list' && type.item) return { kind: 'list', item: withFields(type.item, fields, text) };
  if (type.kind === 'map' && type.value) return { kind: 'map', value: withFields(type.value, fields, text) };
  throw new Error(`Param type ${text} holds no object to declare fields on`);
}

/** `parent` names the enclosing param as Meta does: `recipient[id]`, `search_page_ids[8]`. */
function applyRules(rules: Record<string, ParamRule>, source: Record<string, unknown>, into: Record<string, unknown>, parent: string | undefined): void {
  for (const name of Object.keys(rules)) {
    const rule = rules[name];
    const path = parent === undefined ? name : `${parent}[${name}]`;
    const value = Object.hasOwn(source, name) ? source[name] : undefined;
    // null is how the Node SDK and JSON bodies say "not set".
    if (value === undefined || value === null) {
      if (rule.required) throw GraphError.of('paramRequired', { name: path });
      delete into[name];
      continue;
    }
    into[name] = checkRange(rule, coerce(rule.type, value, path), path);
  }
}

function checkRange(rule: ParamRule, value: unknown, path: string): unknown {
  // int64 beyond 2^53 arrives as a digit string; Number() is close enough to compare with a bound.
  const number = typeof value === 'number' ? value : rule.type.kind === 'int64' ? Number(value) : undefined;
  if (number === undefined) return value;
  if (rule.min !== undefined && number < rule.min) throw GraphError.of('paramInvalid', { name: path, constraint: `at least ${rule.min}` });
  if (rule.max !== undefined && number > rule.max) throw GraphError.of('paramInvalid', { name: path, constraint: `at most ${rule.max}` });
  return value;
}

function coerce(type: ParamType, value: unknown, path: string): unknown {
  switch (type.kind) {
    case 'string':
      return toText(type, value, path);
    case 'int':
      return toInt(type, value, path);
    case 'int64':
      return toInt64(type, value, path);
    case 'float': {
      const number = typeof value === 'string' && floatText.test(value) ? Number(value) : value;
      if (typeof number === 'number' && Number.isFinite(number)) return number;
      throw fail(type, path, value);
    }
    case 'bool':
      return toBool(type, value, path);
    case 'datetime':
      return toUnixTime(type, value, path);
    case 'id':
      if (typeof value === 'string' && /^\d{1,64}$/.test(value)) return value;
      if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
      throw fail(type, path, value);
    case 'enum': {
      const text = typeof value === 'number' ? String(value) : value;
      if (typeof text === 'string' && type.values.includes(text)) return text;
      throw fail(type, path, value);
    }
    case 'file':
      if (isUploadedFile(value)) return value;
      throw fail(type, path, value);
    case 'list': {
      const items = toList(type, value, path);
      const item = type.item;
      return item === undefined ? items : items.map((entry, index) => coerce(item, entry, `${path}[${index}]`));
    }
    case 'map': {
      const source = toRecord(type, value, path);
      if (type.value === undefined) return source;
      const map: Record<string, unknown> = {};
      for (const key of Object.keys(source)) {
        if (key !== '__proto__') map[key] = coerce(type.value, source[key], `${path}[${key}]`);
      }
      return map;
    }
    case 'object': {
      const source = toRecord(type, value, path);
      if (type.fields === undefined) return source;
      // Undeclared nested keys pass through untouched; declared ones are checked and coerced.
      const object: Record<string, unknown> = {};
      for (const key of Object.keys(source)) {
        if (key !== '__proto__') object[key] = source[key];
      }
      applyRules(type.fields, source, object, path);
      return object;
    }
  }
}

/** What follows "Param <name> must be": Meta's wording where known (README lists ours). */
function constraintOf(type: Exclude<ParamType, { kind: 'datetime' }>): string {
  switch (type.kind) {
    case 'string':
      return 'a string';
    case 'int':
    case 'int64':
      return 'an integer';
    case 'float':
      return 'a number';
    case 'bool':
      return 'a boolean';
    case 'id':
      return 'a valid ID string (e.g., "123")';
    case 'enum':
      return `one of {${type.values.join(', ')}}`;
    case 'file':
      return 'a file';
    case 'list':
      return 'a JSON array';
    case 'map':
    case 'object':
      return 'a JSON object';
  }
}

function fail(type: ParamType, path: string, value: unknown): GraphError {
  if (type.kind === 'datetime') return GraphError.of('paramDatetime', { name: path });
  const constraint = constraintOf(type);
  // Meta adds what it got for integers inside lists/objects: "Param ids[8] must be an integer. Instead, got float."
  if ((type.kind === 'int' || type.kind === 'int64') && path.includes('[')) {
    return GraphError.of('paramInvalidGot', { name: path, constraint, kind: kindOf(value) });
  }
  return GraphError.of('paramInvalid', { name: path, constraint });
}

const floatText = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Hack-style type names for the "Instead, got <kind>." suffix; form values are named by what they spell. */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return floatText.test(value) ? 'float' : 'string';
  if (Array.isArray(value)) return 'array';
  if (isUploadedFile(value)) return 'file';
  return typeof value === 'object' ? 'object' : typeof value;
}

function toText(type: ParamType, value: unknown, path: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // A JSON body carries objects where form clients send them JSON-encoded: hand over the same string.
  if (typeof value === 'object' && value !== null && !isUploadedFile(value)) {
    try {
      return JSON.stringify(value);
    } catch {
      // Cyclic or too deep to encode.
    }
  }
  throw fail(type, path, value);
}

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** Integral JSON numbers and decimal digit strings; a bigint for strings (exact), ±Infinity past 20 digits. */
function integerOf(value: unknown): number | bigint | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) return undefined;
  const digits = value.replace(/^-?0*/, '');
  if (digits.length > 20) return value.startsWith('-') ? -Infinity : Infinity;
  return BigInt(value);
}

function toInt(type: Extract<ParamType, { kind: 'int' }>, value: unknown, path: string): number {
  const integer = integerOf(value);
  if (integer === undefined) throw fail(type, path, value);
  const number = Number(integer);
  if (number > Number.MAX_SAFE_INTEGER) throw GraphError.of('paramInvalid', { name: path, constraint: `at most ${Number.MAX_SAFE_INTEGER}` });
  if (number < Number.MIN_SAFE_INTEGER) throw GraphError.of('paramInvalid', { name: path, constraint: `at least ${Number.MIN_SAFE_INTEGER}` });
  if (type.unsigned && number < 0) throw GraphError.of('paramInvalid', { name: path, constraint: 'a non-negative integer' });
  return number;
}

/** A number while exact in a double, else the canonical digit string (README: int64). */
function toInt64(type: ParamType, value: unknown, path: string): number | string {
  const integer = integerOf(value);
  if (integer === undefined) throw fail(type, path, value);
  if (integer === Infinity || integer > INT64_MAX) throw GraphError.of('paramInvalid', { name: path, constraint: `at most ${INT64_MAX}` });
  if (integer === -Infinity || integer < INT64_MIN) throw GraphError.of('paramInvalid', { name: path, constraint: `at least ${INT64_MIN}` });
  const number = Number(integer);
  return Number.isSafeInteger(number) ? number : BigInt(integer).toString();
}

function toBool(type: ParamType, value: unknown, path: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === 'string') {
    // PHP sends true/false as "1"/"", Python as JSON true/false, curl users type either.
    const text = value.toLowerCase();
    if (text === 'true' || text === '1') return true;
    if (text === 'false' || text === '0' || text === '') return false;
  }
  throw fail(type, path, value);
}

function toUnixTime(type: ParamType, value: unknown, path: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.floor(value);
  if (typeof value === 'string') {
    if (/^-?\d{1,15}$/.test(value)) return Number(value);
    const parsed = parseDateTime(value);
    if (parsed !== undefined) return parsed;
  }
  throw fail(type, path, value);
}

// Lists of these may come comma-separated (`ids=1,2`, `fields=a,b`); lists of objects may not.
const commaKinds = new Set<ParamType['kind']>(['string', 'int', 'int64', 'float', 'bool', 'id', 'enum']);

/** A real array, a JSON-encoded one, a comma list, or the `{0: .., 1: ..}` that `name[0]=` keys fold into. */
function toList(type: Extract<ParamType, { kind: 'list' }>, value: unknown, path: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('[')) {
      const parsed = parseJson(text);
      if (parsed.ok && Array.isArray(parsed.value)) return parsed.value;
    } else if (type.item === undefined || commaKinds.has(type.item.kind)) {
      return text === '' ? [] : text.split(',').map((item) => item.trim());
    }
    throw fail(type, path, value);
  }
  if (isRecord(value)) {
    const keys = Object.keys(value);
    if (keys.every((key) => /^(?:0|[1-9]\d{0,8})$/.test(key))) {
      return keys.sort((a, b) => Number(a) - Number(b)).map((key) => value[key]);
    }
  }
  throw fail(type, path, value);
}

/** A real object or a JSON-encoded one; `[]` counts as empty, since PHP json_encodes an empty array so. */
function toRecord(type: ParamType, value: unknown, path: string): Record<string, unknown> {
  const decoded = typeof value === 'string' ? decodeJsonText(value) : value;
  if (isRecord(decoded)) return decoded;
  if (Array.isArray(decoded) && decoded.length === 0) return {};
  throw fail(type, path, value);
}

function decodeJsonText(text: string): unknown {
  const parsed = parseJson(text);
  return parsed.ok ? parsed.value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUploadedFile(value);
}
