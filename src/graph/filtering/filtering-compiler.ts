import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { GraphError } from '../graph-error.js';
import { parseDateTime } from '../params/datetime.js';
import type { FilterClause, Operator } from './ast.js';

/**
 * How a filterable field is stored:
 * - `string`: text; `number`: an integer or floating-point column; `time`: integer unix seconds;
 * - `bool`: an integer flag, 0 or 1;
 * - `list`: text holding `JSON.stringify(string[])` (compact, as the store writes JSON), e.g. `["a","b"]`.
 */
export type FilterFieldType = 'string' | 'number' | 'time' | 'bool' | 'list';

export interface FilterField {
  /** A column reference as `sql.ref` takes it, e.g. `custom_audiences.operation_status_code`. */
  column: string;
  type: FilterFieldType;
}

/** The fields a `filtering` may name (dotted paths allowed, e.g. `operation_status.code`) and where they are stored. */
export type FilterFieldMap = Record<string, FilterField>;

export interface CompiledFiltering<DB, TB extends keyof DB> {
  /** All conditions ANDed, for `.where(where)`; `1 = 1` when there are none. */
  where: (eb: ExpressionBuilder<DB, TB>) => Expression<SqlBool>;
  /** From TOP: order by this column descending and keep the first n matching rows, before any paging. */
  top?: { column: string; n: number };
}

/** The longest text a CONTAIN / STARTS_WITH / ENDS_WITH value may be (SQLite caps LIKE patterns at 50,000 bytes). */
export const MAX_TEXT = 1000;

const comparisons = ['EQUAL', 'NOT_EQUAL', 'IN', 'NOT_IN', 'ANY', 'ALL', 'NONE'] as const;
const ordered = ['GREATER_THAN', 'GREATER_THAN_OR_EQUAL', 'LESS_THAN', 'LESS_THAN_OR_EQUAL', 'IN_RANGE', 'NOT_IN_RANGE', 'TOP'] as const;

/** Which operators each kind of field takes; any other pairing is `filteringOperatorUnsupported`. */
const supported: Record<FilterFieldType, ReadonlySet<Operator>> = {
  string: new Set([...comparisons, 'CONTAIN', 'NOT_CONTAIN', 'STARTS_WITH', 'ENDS_WITH']),
  number: new Set([...comparisons, ...ordered]),
  time: new Set([...comparisons, ...ordered, 'AFTER', 'BEFORE', 'ON_OR_AFTER', 'ON_OR_BEFORE']),
  bool: new Set(comparisons),
  list: new Set(['CONTAIN', 'NOT_CONTAIN', 'ANY', 'ALL', 'NONE']),
};

const binary = {
  EQUAL: '=',
  NOT_EQUAL: '<>',
  GREATER_THAN: '>',
  GREATER_THAN_OR_EQUAL: '>=',
  LESS_THAN: '<',
  LESS_THAN_OR_EQUAL: '<=',
  AFTER: '>',
  BEFORE: '<',
  ON_OR_AFTER: '>=',
  ON_OR_BEFORE: '<=',
} as const;

type Condition<DB, TB extends keyof DB> = (eb: ExpressionBuilder<DB, TB>) => Expression<SqlBool>;
/** A value ready to bind: a parameter, or (for a fractional number) a parameter cast to double precision. */
type Bound = string | number | Expression<number>;

/**
 * Compiles parsed conditions against the caller's field map. Every value is typed and checked
 * here, so a bad one is a GraphError now, never a database error later; values reach SQL only
 * as bound parameters. Unknown fields are `filteringFieldInvalid`.
 */
export function compileFiltering<DB, TB extends keyof DB>(clauses: FilterClause[], fields: FilterFieldMap): CompiledFiltering<DB, TB> {
  const conditions: Condition<DB, TB>[] = [];
  let top: CompiledFiltering<DB, TB>['top'];
  clauses.forEach((clause, index) => {
    // hasOwn: a field named `constructor` or `__proto__` must not find Object.prototype's.
    const field = Object.hasOwn(fields, clause.field) ? fields[clause.field] : undefined;
    if (field === undefined) throw GraphError.of('filteringFieldInvalid', { field: clause.field });
    if (!supported[field.type].has(clause.operator)) {
      throw GraphError.of('filteringOperatorUnsupported', { field: clause.field, operator: clause.operator });
    }
    if (clause.operator === 'TOP') top = { column: field.column, n: clause.value as number };
    const path = `filtering[${index}][value]`;
    conditions.push(field.type === 'list' ? listCondition(field, clause, path) : scalarCondition(field, clause, path));
  });
  return { where: (eb) => eb.and(conditions.map((condition) => condition(eb))), ...(top && { top }) };
}

function scalarCondition<DB, TB extends keyof DB>(field: FilterField, clause: FilterClause, path: string): Condition<DB, TB> {
  const ref = sql.ref(field.column);
  const { operator, value } = clause;
  const one = (item: unknown, at: string): Bound => bind(field.type, item, at);
  const many = (): Bound[] => (value as unknown[]).map((item, i) => one(item, `${path}[${i}]`));

  switch (operator) {
    case 'EQUAL':
    case 'NOT_EQUAL':
    case 'GREATER_THAN':
    case 'GREATER_THAN_OR_EQUAL':
    case 'LESS_THAN':
    case 'LESS_THAN_OR_EQUAL':
    case 'AFTER':
    case 'BEFORE':
    case 'ON_OR_AFTER':
    case 'ON_OR_BEFORE': {
      const bound = one(value, path);
      return (eb) => eb(ref, binary[operator], bound);
    }
    case 'IN_RANGE':
    case 'NOT_IN_RANGE': {
      const [low, high] = many();
      return operator === 'IN_RANGE'
        ? (eb) => eb.and([eb(ref, '>=', low), eb(ref, '<=', high)])
        : (eb) => eb.or([eb(ref, '<', low), eb(ref, '>', high)]);
    }
    case 'IN':
    case 'ANY': {
      const values = many();
      return (eb) => (values.length === 0 ? eb.or([]) : eb(ref, 'in', values));
    }
    case 'NOT_IN': {
      const values = many();
      return (eb) => (values.length === 0 ? eb(ref, 'is not', null) : eb(ref, 'not in', values));
    }
    case 'ALL': {
      const values = many();
      return (eb) => eb.and(values.map((bound) => eb(ref, '=', bound)));
    }
    case 'NONE': {
      const values = many();
      return (eb) => (values.length === 0 ? eb.and([]) : eb.or([eb(ref, 'is', null), eb(ref, 'not in', values)]));
    }
    case 'TOP':
      // NULLs sort last in SQLite and first in PostgreSQL, so TOP leaves them out on both.
      return (eb) => eb(ref, 'is not', null);
    case 'CONTAIN':
    case 'NOT_CONTAIN':
    case 'STARTS_WITH':
    case 'ENDS_WITH': {
      const text = likeText(value, path);
      const pattern = operator === 'STARTS_WITH' ? `${text}%` : operator === 'ENDS_WITH' ? `%${text}` : `%${text}%`;
      // Both sides through the database's own lower(), so the match is case-insensitive and consistent within a dialect.
      const like = sql<SqlBool>`lower(${ref}) like lower(${pattern}) escape '!'`;
      return operator === 'NOT_CONTAIN' ? (eb) => eb.not(like) : () => like;
    }
  }
}

/**
 * A list is compact JSON text of strings. Wrapped as `,` + its items + `,` (`["a","b"]` →
 * `,"a","b",`), it holds the item v exactly when it holds `,` + JSON(v) + `,`: inside a JSON string
 * every `"` is escaped, so `,"` can only open an item. The test is `replace(…) <> …`, which is
 * case-sensitive and needs no wildcard escaping on both dialects (LIKE is case-insensitive in SQLite).
 */
function listCondition<DB, TB extends keyof DB>(field: FilterField, clause: FilterClause, path: string): Condition<DB, TB> {
  const ref = sql.ref(field.column);
  const wrapped = sql<string>`(',' || rtrim(substr(${ref}, 2), ']') || ',')`;
  const has = (item: string) => sql<SqlBool>`replace(${wrapped}, ${`,${JSON.stringify(item)},`}, '') <> ${wrapped}`;
  const { operator, value } = clause;

  switch (operator) {
    case 'CONTAIN':
      return () => has(toText(value, path));
    case 'NOT_CONTAIN': {
      const item = toText(value, path);
      return (eb) => eb.not(has(item));
    }
    case 'ANY':
    case 'ALL':
    case 'NONE': {
      const items = (value as unknown[]).map((item, i) => toText(item, `${path}[${i}]`));
      if (operator === 'ALL') return (eb) => eb.and(items.map(has));
      if (operator === 'ANY') return (eb) => eb.or(items.map(has));
      return (eb) => eb.or([eb(ref, 'is', null), eb.not(eb.or(items.map(has)))]);
    }
    default:
      throw new Error(`filtering: ${operator} reached the list compiler`);
  }
}

function bind(type: FilterFieldType, value: unknown, path: string): Bound {
  switch (type) {
    case 'number': {
      const number = typeof value === 'string' && floatText.test(value.trim()) ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isFinite(number)) throw invalid(path, 'a number');
      // An integer binds as is, so PostgreSQL types it as the column's integer type; a fraction
      // against an integer column needs a double (a bare '1.5' for a bigint is an error there).
      return Number.isInteger(number) ? number : sql<number>`cast(${number} as double precision)`;
    }
    case 'time': {
      if (typeof value === 'number' && Number.isFinite(value)) return Math.floor(value);
      if (typeof value === 'string') {
        const text = value.trim();
        const seconds = /^-?\d{1,15}$/.test(text) ? Number(text) : parseDateTime(text);
        if (seconds !== undefined) return seconds;
      }
      throw GraphError.of('paramDatetime', { name: path });
    }
    case 'bool': {
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (value === 1 || value === 0) return value;
      const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
      if (text === 'true' || text === '1') return 1;
      if (text === 'false' || text === '0') return 0;
      throw invalid(path, 'a boolean');
    }
    default:
      return toText(value, path);
  }
}

/** Strings as sent; numbers as their text (ids arrive as either). */
function toText(value: unknown, path: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw invalid(path, 'a string');
}

/** The value of a LIKE pattern, with the escape character and both wildcards escaped by `!`. */
function likeText(value: unknown, path: string): string {
  const text = toText(value, path);
  if (text.length > MAX_TEXT) throw invalid(path, `at most ${MAX_TEXT} characters`);
  return text.replace(/[!%_]/g, '!$&');
}

const floatText = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function invalid(path: string, constraint: string): GraphError {
  return GraphError.of('paramInvalid', { name: path, constraint });
}
