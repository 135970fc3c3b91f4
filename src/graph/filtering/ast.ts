/** The operators a `filtering` condition may name, in the order Meta's docs list them. */
export const OPERATORS = [
  'EQUAL',
  'NOT_EQUAL',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUAL',
  'LESS_THAN',
  'LESS_THAN_OR_EQUAL',
  'IN_RANGE',
  'NOT_IN_RANGE',
  'CONTAIN',
  'NOT_CONTAIN',
  'IN',
  'NOT_IN',
  'STARTS_WITH',
  'ENDS_WITH',
  'ANY',
  'ALL',
  'AFTER',
  'BEFORE',
  'ON_OR_AFTER',
  'ON_OR_BEFORE',
  'NONE',
  'TOP',
] as const;

export type Operator = (typeof OPERATORS)[number];

/**
 * One condition of `filtering=[{"field": …, "operator": …, "value": …}, …]`; a list of them is ANDed.
 * The parser leaves `value` in the shape its operator needs and nothing more:
 * - IN, NOT_IN, ANY, ALL, NONE: an array (items unchecked);
 * - IN_RANGE, NOT_IN_RANGE: an array of two items, `[low, high]`;
 * - TOP: a positive integer;
 * - every other operator: the value as sent (neither null nor absent).
 * Typing the value against the field (a number for a number field…) is the compiler's job.
 */
export interface FilterClause {
  /** As sent, possibly dotted (`operation_status.code`); which fields exist is the caller's business. */
  field: string;
  operator: Operator;
  value: unknown;
}
