import type { PixelEventRow } from '../store/pixel-types.js';

/**
 * A rule's event filter applied to one stored event (audience-domain.md §4.6). `url`,
 * `domain`, `path` and `event` read the event itself; any other field reads custom_data
 * (`custom_data.value` and `value` alike). A field the event lacks matches no operator,
 * negative ones included: graphd cannot say what an absent value is not.
 */
export type FilterNode = { operator: 'and' | 'or'; filters: FilterNode[] } | { field: string; operator: string; value: unknown };

/** Each comparison operator and its alias, as Meta spells them. */
export const filterOperators = new Set([
  'eq', '=', 'neq', '!=', 'gt', '>', 'gte', '>=', 'lt', '<', 'lte', '<=',
  'contains', 'not_contains', 'i_contains', 'i_not_contains', 'is_any', 'is_not_any', 'i_is_any', 'i_is_not_any',
  'starts_with', 'i_starts_with', 'regex_match',
]);

function fieldOf(event: PixelEventRow, field: string): unknown {
  const url = event.event_source_url;
  switch (field) {
    case 'url':
      return url ?? undefined;
    case 'domain':
    case 'path': {
      if (url === null) return undefined;
      try {
        const parsed = new URL(url);
        return field === 'domain' ? parsed.hostname : parsed.pathname;
      } catch {
        return undefined;
      }
    }
    case 'event':
      return event.event_name;
    default:
      return event.custom_data[field.startsWith('custom_data.') ? field.slice('custom_data.'.length) : field];
  }
}

/** Longest regex_match pattern, and longest text it is run against (URLs beyond are cut). */
const maxPatternLength = 500;
const maxTestedLength = 4096;
/** A quantified group that itself holds a quantifier, like (a+)+: the shape of catastrophic backtracking. */
const nestedQuantifier = /\((?:[^()\\]|\\.)*[*+}](?:[^()\\]|\\.)*\)\s*(?:[*+]|\{\d*,?\d*\})/;

/**
 * Why an advertiser's regex_match pattern cannot run in graphd's process, or undefined when
 * it can: rules are evaluated on the request path, so a pattern that backtracks without
 * end would stall every caller, not just its author.
 */
export function unsafePattern(pattern: string): string | undefined {
  if (pattern.length > maxPatternLength) return `regex_match patterns are limited to ${maxPatternLength} characters`;
  if (nestedQuantifier.test(pattern)) return 'regex_match patterns may not repeat a group that repeats (such as (a+)+)';
  try {
    new RegExp(pattern);
  } catch {
    return 'regex_match needs a valid regular expression';
  }
  return undefined;
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
const lower = (value: unknown) => String(value).toLowerCase();

function compare(actual: unknown, operator: string, value: unknown): boolean {
  const text = String(actual);
  const number = Number(actual);
  switch (operator) {
    case 'eq': case '=': return list(actual).some((item) => String(item) === String(value));
    case 'neq': case '!=': return list(actual).every((item) => String(item) !== String(value));
    case 'gt': case '>': return number > Number(value);
    case 'gte': case '>=': return number >= Number(value);
    case 'lt': case '<': return number < Number(value);
    case 'lte': case '<=': return number <= Number(value);
    case 'contains': return text.includes(String(value));
    case 'not_contains': return !text.includes(String(value));
    case 'i_contains': return lower(text).includes(lower(value));
    case 'i_not_contains': return !lower(text).includes(lower(value));
    case 'is_any': return list(value).some((item) => String(item) === text);
    case 'is_not_any': return !list(value).some((item) => String(item) === text);
    case 'i_is_any': return list(value).some((item) => lower(item) === lower(text));
    case 'i_is_not_any': return !list(value).some((item) => lower(item) === lower(text));
    case 'starts_with': return text.startsWith(String(value));
    case 'i_starts_with': return lower(text).startsWith(lower(value));
    case 'regex_match': return new RegExp(String(value)).test(text.slice(0, maxTestedLength));
    default: return false;
  }
}

export function eventMatches(event: PixelEventRow, filter: FilterNode | undefined): boolean {
  if (filter === undefined) return true;
  if ('filters' in filter) {
    return filter.operator === 'and' ? filter.filters.every((inner) => eventMatches(event, inner)) : filter.filters.some((inner) => eventMatches(event, inner));
  }
  const actual = fieldOf(event, filter.field);
  return actual !== undefined && actual !== null && compare(actual, filter.operator, filter.value);
}
