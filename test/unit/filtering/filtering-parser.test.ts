import { describe, expect, it } from 'vitest';
import { OPERATORS, parseFiltering } from '../../../src/graph/filtering/index.js';
import { GraphError } from '../../../src/graph/graph-error.js';

function failure(raw: unknown): GraphError {
  try {
    parseFiltering(raw);
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  throw new Error(`parseFiltering(${JSON.stringify(raw)}) did not throw`);
}

const message = (raw: unknown) => failure(raw).message;
const clause = (entry: Record<string, unknown>) => [entry];

describe('parseFiltering', () => {
  it('reads the JSON text of the query string and form bodies', () => {
    expect(parseFiltering('[{"field":"operation_status.code","operator":"IN","value":[100]}]')).toEqual([
      { field: 'operation_status.code', operator: 'IN', value: [100] },
    ]);
    expect(parseFiltering(' [{"field":"delete_time","operator":"GREATER_THAN","value":0}] ')).toEqual([
      { field: 'delete_time', operator: 'GREATER_THAN', value: 0 },
    ]);
  });

  it('takes an already-decoded array, and the {0: ...} objects bracket keys fold into', () => {
    const decoded = [{ field: 'name', operator: 'CONTAIN', value: 'Client' }];
    expect(parseFiltering(decoded)).toEqual(decoded);
    // filtering[0][value]=Client&filtering[0][operator]=CONTAIN&filtering[0][field]=name
    expect(parseFiltering({ 0: { value: 'Client', operator: 'CONTAIN', field: 'name' } })).toEqual(decoded);
    expect(parseFiltering({ 1: { field: 'b', operator: 'EQUAL', value: 2 }, 0: { field: 'a', operator: 'EQUAL', value: 1 } })).toEqual([
      { field: 'a', operator: 'EQUAL', value: 1 },
      { field: 'b', operator: 'EQUAL', value: 2 },
    ]);
  });

  it('treats absent, blank and empty as no conditions', () => {
    for (const raw of [undefined, null, '', '  ', '[]', [], {}, '{}']) expect(parseFiltering(raw)).toEqual([]);
  });

  it('ignores keys other than field, operator and value', () => {
    expect(parseFiltering([{ field: 'a', operator: 'EQUAL', value: 1, note: 'x' }])).toEqual([{ field: 'a', operator: 'EQUAL', value: 1 }]);
  });

  it('answers anything but an array as Meta does', () => {
    for (const raw of ['not json', '[{"field"', '{"field":"a","operator":"EQUAL","value":1}', '"[]"', '42', 42, true, { field: 'a' }]) {
      expect(message(raw)).toBe('(#100) param filtering must be an array.');
    }
    expect(failure('nope').spec).toMatchObject({ code: 100, type: 'OAuthException', status: 400 });
  });

  it('wants every entry to be an object', () => {
    expect(message([1])).toBe('(#100) Param filtering[0] must be a JSON object');
    expect(message([{ field: 'a', operator: 'EQUAL', value: 1 }, []])).toBe('(#100) Param filtering[1] must be a JSON object');
    expect(message(['nope'])).toBe('(#100) Param filtering[0] must be a JSON object');
    expect(parseFiltering(['{"field":"a","operator":"EQUAL","value":1}'])).toEqual([{ field: 'a', operator: 'EQUAL', value: 1 }]);
  });

  it('names a missing field, operator or value as Meta does', () => {
    expect(message(clause({ operator: 'EQUAL', value: 1 }))).toBe('(#100) The parameter filtering[0][field] is required');
    expect(message(clause({ field: '', operator: 'EQUAL', value: 1 }))).toBe('(#100) The parameter filtering[0][field] is required');
    expect(message(clause({ field: 'name', value: 'Client' }))).toBe('(#100) The parameter filtering[0][operator] is required');
    expect(message(clause({ field: 'name', operator: 'EQUAL' }))).toBe('(#100) The parameter filtering[0][value] is required');
    expect(message(clause({ field: 'name', operator: 'EQUAL', value: null }))).toBe('(#100) The parameter filtering[0][value] is required');
  });

  it('wants the field to be a string', () => {
    expect(message(clause({ field: 5, operator: 'EQUAL', value: 1 }))).toBe('(#100) Param filtering[0][field] must be a string');
    expect(message(clause({ field: ['a'], operator: 'EQUAL', value: 1 }))).toBe('(#100) Param filtering[0][field] must be a string');
  });

  it('lists the 22 operators when the operator is unknown (names are case-sensitive)', () => {
    const expected =
      '(#100) Param filtering[0][operator] must be one of {EQUAL, NOT_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL, ' +
      'LESS_THAN, LESS_THAN_OR_EQUAL, IN_RANGE, NOT_IN_RANGE, CONTAIN, NOT_CONTAIN, IN, NOT_IN, STARTS_WITH, ENDS_WITH, ' +
      'ANY, ALL, AFTER, BEFORE, ON_OR_AFTER, ON_OR_BEFORE, NONE, TOP}';
    for (const operator of ['LIKE', 'equal', 'toString', '__proto__', 7]) {
      expect(message(clause({ field: 'a', operator, value: 1 }))).toBe(expected);
    }
    expect(OPERATORS).toHaveLength(22);
  });

  it('wants a list for IN, NOT_IN, ANY, ALL and NONE, taking JSON text and comma lists from forms', () => {
    for (const operator of ['IN', 'NOT_IN', 'ANY', 'ALL', 'NONE']) {
      expect(message(clause({ field: 'a', operator, value: 5 }))).toBe('(#100) Param filtering[0][value] must be a JSON array');
      expect(message(clause({ field: 'a', operator, value: { x: 1 } }))).toBe('(#100) Param filtering[0][value] must be a JSON array');
      expect(parseFiltering(clause({ field: 'a', operator, value: [1, 'b'] }))[0].value).toEqual([1, 'b']);
    }
    expect(parseFiltering(clause({ field: 'a', operator: 'IN', value: '[100,471]' }))[0].value).toEqual([100, 471]);
    expect(parseFiltering(clause({ field: 'a', operator: 'IN', value: '100, 471' }))[0].value).toEqual(['100', '471']);
    expect(parseFiltering(clause({ field: 'a', operator: 'IN', value: '' }))[0].value).toEqual([]);
    expect(parseFiltering(clause({ field: 'a', operator: 'IN', value: { 1: 'y', 0: 'x' } }))[0].value).toEqual(['x', 'y']);
    expect(message(clause({ field: 'a', operator: 'IN', value: '[1,' }))).toBe('(#100) Param filtering[0][value] must be a JSON array');
  });

  it('wants [low, high] for IN_RANGE and NOT_IN_RANGE', () => {
    const expected = '(#100) Param filtering[0][value] must be a JSON array of two values [low, high]';
    for (const value of [5, [1], [1, 2, 3], '1', {}]) {
      expect(message(clause({ field: 'a', operator: 'IN_RANGE', value }))).toBe(expected);
      expect(message(clause({ field: 'a', operator: 'NOT_IN_RANGE', value }))).toBe(expected);
    }
    expect(parseFiltering(clause({ field: 'a', operator: 'IN_RANGE', value: '1,2' }))[0].value).toEqual(['1', '2']);
  });

  it('wants a positive integer for TOP, and TOP at most once', () => {
    expect(parseFiltering(clause({ field: 'a', operator: 'TOP', value: 3 }))[0].value).toBe(3);
    expect(parseFiltering(clause({ field: 'a', operator: 'TOP', value: ' 3 ' }))[0].value).toBe(3);
    for (const value of [0, -1, 1.5, '1.5', 'ten', [3], true, 2 ** 60]) {
      expect(message(clause({ field: 'a', operator: 'TOP', value }))).toBe('(#100) Param filtering[0][value] must be a positive integer');
    }
    const twice = [
      { field: 'a', operator: 'TOP', value: 1 },
      { field: 'b', operator: 'TOP', value: 2 },
    ];
    expect(message(twice)).toBe('(#100) Param filtering must be an array with at most one TOP filter');
  });

  it('leaves scalar values as sent, for the compiler to type', () => {
    expect(parseFiltering(clause({ field: 'a', operator: 'EQUAL', value: [1] }))[0].value).toEqual([1]);
    expect(parseFiltering(clause({ field: 'a', operator: 'CONTAIN', value: '' }))[0].value).toBe('');
  });

  it('bounds the number of conditions and of list values', () => {
    const many = Array.from({ length: 51 }, () => ({ field: 'a', operator: 'EQUAL', value: 1 }));
    expect(message(many)).toBe('(#100) Param filtering must be an array of at most 50 filters');
    expect(parseFiltering(many.slice(1))).toHaveLength(50);
    const long = Array.from({ length: 501 }, (_, i) => i);
    expect(message(clause({ field: 'a', operator: 'IN', value: long }))).toBe('(#100) Param filtering[0][value] must be an array of at most 500 values');
  });

  it('drops prototype-poisoning keys from JSON text', () => {
    const parsed = parseFiltering('[{"field":"a","operator":"EQUAL","value":{"__proto__":{"polluted":true}}}]');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(parsed[0].value)).toBe(Object.prototype);
  });
});
