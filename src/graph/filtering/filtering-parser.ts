import { GraphError } from '../graph-error.js';
import { parseJson } from '../params/safe-json.js';
import { OPERATORS, type FilterClause, type Operator } from './ast.js';

/** More conditions than this is a (#100); with MAX_VALUES it keeps a query's bound parameters under SQLite's 32,766. */
export const MAX_CLAUSES = 50;
/** The most items a list value (IN, ANY, ...) may hold. */
export const MAX_VALUES = 500;

const listOperators: ReadonlySet<Operator> = new Set(['IN', 'NOT_IN', 'ANY', 'ALL', 'NONE']);
const rangeOperators: ReadonlySet<Operator> = new Set(['IN_RANGE', 'NOT_IN_RANGE']);
const operatorNames: ReadonlySet<string> = new Set(OPERATORS);

/**
 * Parses the `filtering` param into its conditions. It takes what the param layer hands over:
 * the JSON text (query string, form body), an already-decoded array (JSON body, Node SDK), or
 * the `{0: {...}, 1: {...}}` that PHP-style `filtering[0][field]=` keys fold into.
 * Absent (`undefined`, `null`) or blank means no conditions.
 * Throws only GraphError, with Meta's wording where it is known (README.md).
 */
export function parseFiltering(raw: unknown): FilterClause[] {
  const entries = toEntries(raw);
  if (entries.length > MAX_CLAUSES) {
    throw GraphError.of('paramInvalid', { name: 'filtering', constraint: `an array of at most ${MAX_CLAUSES} filters` });
  }
  const clauses = entries.map((entry, index) => parseClause(entry, `filtering[${index}]`));
  if (clauses.filter((clause) => clause.operator === 'TOP').length > 1) {
    throw GraphError.of('paramInvalid', { name: 'filtering', constraint: 'an array with at most one TOP filter' });
  }
  return clauses;
}

function toEntries(raw: unknown): unknown[] {
  if (raw === undefined || raw === null) return [];
  let value: unknown = raw;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return [];
    const parsed = parseJson(text);
    if (!parsed.ok) throw GraphError.of('paramNotArray', { name: 'filtering' });
    value = parsed.value;
  }
  const list = asList(value);
  if (list === undefined) throw GraphError.of('paramNotArray', { name: 'filtering' });
  return list;
}

function parseClause(entry: unknown, path: string): FilterClause {
  const record = typeof entry === 'string' ? decodeObject(entry) : entry;
  if (!isRecord(record)) throw GraphError.of('paramInvalid', { name: path, constraint: 'a JSON object' });

  const field = own(record, 'field');
  if (field === undefined || field === null || field === '') throw GraphError.of('paramRequired', { name: `${path}[field]` });
  if (typeof field !== 'string') throw GraphError.of('paramInvalid', { name: `${path}[field]`, constraint: 'a string' });

  const operator = own(record, 'operator');
  if (operator === undefined || operator === null || operator === '') throw GraphError.of('paramRequired', { name: `${path}[operator]` });
  if (typeof operator !== 'string' || !operatorNames.has(operator)) {
    throw GraphError.of('paramInvalid', { name: `${path}[operator]`, constraint: `one of {${OPERATORS.join(', ')}}` });
  }

  const value = own(record, 'value');
  if (value === undefined || value === null) throw GraphError.of('paramRequired', { name: `${path}[value]` });
  return { field, operator: operator as Operator, value: shapeValue(operator as Operator, value, `${path}[value]`) };
}

function shapeValue(operator: Operator, value: unknown, path: string): unknown {
  if (listOperators.has(operator)) {
    const list = typeof value === 'string' ? splitText(value) : asList(value);
    if (list === undefined) throw GraphError.of('paramInvalid', { name: path, constraint: 'a JSON array' });
    if (list.length > MAX_VALUES) throw GraphError.of('paramInvalid', { name: path, constraint: `an array of at most ${MAX_VALUES} values` });
    return list;
  }
  if (rangeOperators.has(operator)) {
    const list = typeof value === 'string' ? splitText(value) : asList(value);
    if (list === undefined || list.length !== 2) {
      throw GraphError.of('paramInvalid', { name: path, constraint: 'a JSON array of two values [low, high]' });
    }
    return list;
  }
  if (operator === 'TOP') {
    const n = typeof value === 'string' && /^\d{1,16}$/.test(value.trim()) ? Number(value.trim()) : value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
      throw GraphError.of('paramInvalid', { name: path, constraint: 'a positive integer' });
    }
    return n;
  }
  return value;
}

/** A form value for a list: JSON array text, or a comma list as the param layer takes for lists of scalars. */
function splitText(value: string): unknown[] | undefined {
  const text = value.trim();
  if (text.startsWith('[')) {
    const parsed = parseJson(text);
    return parsed.ok && Array.isArray(parsed.value) ? parsed.value : undefined;
  }
  return text === '' ? [] : text.split(',').map((item) => item.trim());
}

/** An array, or the `{0: .., 1: ..}` that bracket keys fold into (`{}` too: PHP decodes it as an empty array). */
function asList(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  if (!keys.every((key) => /^(?:0|[1-9]\d{0,8})$/.test(key))) return undefined;
  return keys.sort((a, b) => Number(a) - Number(b)).map((key) => value[key]);
}

function decodeObject(text: string): unknown {
  const parsed = parseJson(text);
  return parsed.ok ? parsed.value : undefined;
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
