import { describe, expect, it } from 'vitest';
import { GraphError } from '../../../src/graph/graph-error.js';
import { compileParams, type ParamSpec } from '../../../src/graph/params/coerce.js';

/** The GraphError a call throws; fails the test on anything else. */
function errorOf(call: () => unknown): GraphError {
  try {
    call();
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  throw new Error('expected a GraphError');
}

const one = (type: string, value: unknown, extra: Partial<ParamSpec> = {}) => compileParams({ p: { type, ...extra } })({ p: value }).p;
const messageFor = (type: string, value: unknown, extra: Partial<ParamSpec> = {}) => errorOf(() => one(type, value, extra)).message;

describe('compileParams', () => {
  it('requires required params, with Meta message and code', () => {
    const validate = compileParams({ user_id: { type: 'UID', required: true } });
    const error = errorOf(() => validate({}));
    expect(error.message).toBe('(#100) The parameter user_id is required');
    expect(error.body('t')).toMatchObject({ type: 'OAuthException', code: 100 });
    expect(error.status).toBe(400);
    expect(errorOf(() => validate({ user_id: null })).message).toBe('(#100) The parameter user_id is required');
  });

  it('leaves undeclared params out and absent optional ones unset', () => {
    const validate = compileParams({ name: { type: 'string' }, limit: { type: 'int' } });
    expect(validate({ name: 'x', access_token: 't', sdk: 'joey' })).toEqual({ name: 'x' });
  });

  describe('string', () => {
    it('keeps strings and stringifies what a JSON body sends', () => {
      expect(one('string', 'a b')).toBe('a b');
      expect(one('string', '')).toBe('');
      expect(one('string', 5)).toBe('5');
      expect(one('string', true)).toBe('true');
      expect(one('string', { a: [1] })).toBe('{"a":[1]}');
    });
  });

  describe('int', () => {
    it('takes decimal strings and integral numbers', () => {
      expect(one('int', '42')).toBe(42);
      expect(one('int', '-7')).toBe(-7);
      expect(one('int', 3)).toBe(3);
      expect(one('unsigned int', '007')).toBe(7);
    });

    it.each([['1.5'], [1.5], ['abc'], [''], [true], [[1]]])('rejects %j', (value) => {
      expect(messageFor('int', value)).toBe('(#100) Param p must be an integer');
    });

    it('rejects negatives for unsigned int and values past 2^53', () => {
      expect(messageFor('unsigned int', '-1')).toBe('(#100) Param p must be a non-negative integer');
      expect(messageFor('int', '9007199254740992')).toBe('(#100) Param p must be at most 9007199254740991');
      expect(messageFor('int', '-99999999999999999999999')).toBe('(#100) Param p must be at least -9007199254740991');
    });

    it('applies min and max', () => {
      expect(messageFor('int', '0', { min: 1 })).toBe('(#100) Param p must be at least 1');
      expect(messageFor('int', '101', { max: 100 })).toBe('(#100) Param p must be at most 100');
      expect(one('int', '100', { min: 1, max: 100 })).toBe(100);
    });
  });

  describe('int64', () => {
    it('is a number while safe, else the canonical digit string', () => {
      expect(one('int64', '123')).toBe(123);
      expect(one('int64', '9223372036854775807')).toBe('9223372036854775807');
      expect(one('int64', '-09007199254740993')).toBe('-9007199254740993');
      expect(messageFor('int64', '9223372036854775808')).toBe('(#100) Param p must be at most 9223372036854775807');
      expect(messageFor('int64', 'x')).toBe('(#100) Param p must be an integer');
    });
  });

  describe('float', () => {
    it('takes numbers and numeric strings', () => {
      expect(one('float', '1.25')).toBe(1.25);
      expect(one('float', '-.5e2')).toBe(-50);
      expect(one('float', 2)).toBe(2);
      expect(messageFor('float', 'NaN')).toBe('(#100) Param p must be a number');
      expect(messageFor('float', '1e999')).toBe('(#100) Param p must be a number');
    });
  });

  describe('bool', () => {
    it.each([
      ['true', true],
      ['false', false],
      ['1', true],
      ['0', false],
      ['', false],
      [true, true],
      [false, false],
      [1, true],
      [0, false],
    ])('%j -> %j', (value, expected) => {
      expect(one('bool', value)).toBe(expected);
    });

    it('rejects anything else', () => {
      expect(messageFor('bool', 'yes')).toBe('(#100) Param p must be a boolean');
      expect(messageFor('bool', 2)).toBe('(#100) Param p must be a boolean');
    });
  });

  describe('datetime', () => {
    it('reads unix seconds and date strings', () => {
      expect(one('datetime', 1496772250)).toBe(1496772250);
      expect(one('datetime', '1496772250')).toBe(1496772250);
      expect(one('timestamp', '2017-06-06T18:04:10+0000')).toBe(1496772250);
    });

    it('answers with the strtotime message', () => {
      const validate = compileParams({ since: { type: 'datetime' } });
      expect(errorOf(() => validate({ since: 'last tuesday-ish' })).message).toBe(
        '(#100) Parameter since: Must be a unixtime or a date/time representation parseable by strtotime()',
      );
    });
  });

  describe('id', () => {
    it('keeps numeric IDs as strings', () => {
      expect(one('UID', '10158000000000001')).toBe('10158000000000001');
      expect(one('user/page ID', 123)).toBe('123');
      expect(messageFor('Page ID', 'act_1')).toBe('(#100) Param p must be a valid ID string (e.g., "123")');
    });

    it('names nested IDs as Meta does', () => {
      const validate = compileParams({ recipient: { type: 'Object', fields: { id: { type: 'UID', required: true } } } });
      expect(errorOf(() => validate({ recipient: { id: 'abc' } })).message).toBe(
        '(#100) Param recipient[id] must be a valid ID string (e.g., "123")',
      );
      expect(errorOf(() => validate({ recipient: '{}' })).message).toBe('(#100) The parameter recipient[id] is required');
    });
  });

  describe('enum', () => {
    it('is case-sensitive and lists the allowed values', () => {
      expect(one('enum {YES, NO}', 'YES')).toBe('YES');
      expect(messageFor('enum {YES, NO}', 'yes')).toBe('(#100) Param p must be one of {YES, NO}');
    });

    it('resolves named enums', () => {
      const validate = compileParams({ subtype: { type: 'customaudience_subtype' } }, (name) =>
        name === 'customaudience_subtype' ? ['CUSTOM', 'LOOKALIKE'] : undefined,
      );
      expect(validate({ subtype: 'CUSTOM' })).toEqual({ subtype: 'CUSTOM' });
      expect(errorOf(() => validate({ subtype: 'WEBSITE' })).message).toBe('(#100) Param subtype must be one of {CUSTOM, LOOKALIKE}');
    });
  });

  describe('list', () => {
    it('takes arrays, JSON strings, comma lists and bracket-folded objects', () => {
      for (const value of [['a', 'b'], '["a","b"]', 'a,b', 'a, b', { 0: 'a', 1: 'b' }, { 1: 'b', 0: 'a' }]) {
        expect(one('list<string>', value)).toEqual(['a', 'b']);
      }
      expect(one('list<int>', '1,2,3')).toEqual([1, 2, 3]);
      expect(one('list<string>', '')).toEqual([]);
      expect(one('list', '[1,{"a":2}]')).toEqual([1, { a: 2 }]);
    });

    it('names the bad item with Meta suffix for integers', () => {
      const ids = Array.from({ length: 8 }, (_, i) => i);
      expect(messageFor('list<int>', [...ids, 1.5])).toBe('(#100) Param p[8] must be an integer. Instead, got float.');
      const validate = compileParams({ search_page_ids: { type: 'list<int>' } });
      expect(errorOf(() => validate({ search_page_ids: '1,2,x' })).message).toBe(
        '(#100) Param search_page_ids[2] must be an integer. Instead, got string.',
      );
      expect(messageFor('list<int>', [null])).toBe('(#100) Param p[0] must be an integer. Instead, got null.');
      expect(messageFor('list<string>', [null])).toBe('(#100) Param p[0] must be a string');
    });

    it('rejects what is not a list', () => {
      expect(messageFor('list<string>', '["a"')).toBe('(#100) Param p must be a JSON array');
      expect(messageFor('list<Object>', 'a,b')).toBe('(#100) Param p must be a JSON array');
      expect(messageFor('list<string>', { a: 1 })).toBe('(#100) Param p must be a JSON array');
      expect(messageFor('list<string>', 5)).toBe('(#100) Param p must be a JSON array');
    });

    it('walks nested lists', () => {
      expect(one('list<list<string>>', '[["a","b"],["c"]]')).toEqual([['a', 'b'], ['c']]);
      expect(messageFor('list<list<unsigned int>>', [[1], [2, 'x']])).toBe('(#100) Param p[1][1] must be an integer. Instead, got string.');
    });
  });

  describe('Object and map', () => {
    it('takes real objects, JSON strings and PHP empty arrays', () => {
      expect(one('Object', { a: 1 })).toEqual({ a: 1 });
      expect(one('Object', '{"a":1}')).toEqual({ a: 1 });
      expect(one('Object', '[]')).toEqual({});
      expect(one('map', [])).toEqual({});
      expect(messageFor('Object', '{"a":')).toBe('(#100) Param p must be a JSON object');
      expect(messageFor('Object', [1])).toBe('(#100) Param p must be a JSON object');
      expect(messageFor('map', 'x')).toBe('(#100) Param p must be a JSON object');
    });

    it('coerces declared fields and keeps the others', () => {
      const validate = compileParams({
        payload: {
          type: 'Object',
          required: true,
          fields: { schema: { type: 'list<string>', required: true }, is_raw: { type: 'bool' }, data: { type: 'list<list<string>>' } },
        },
      });
      expect(validate({ payload: '{"schema":"EMAIL,PHONE","is_raw":"1","data":[["a","b"]],"extra":{"k":1}}' })).toEqual({
        payload: { schema: ['EMAIL', 'PHONE'], is_raw: true, data: [['a', 'b']], extra: { k: 1 } },
      });
      expect(errorOf(() => validate({ payload: { data: [] } })).message).toBe('(#100) The parameter payload[schema] is required');
    });

    it('puts fields on the objects inside lists', () => {
      const validate = compileParams({ rows: { type: 'list<Object>', fields: { id: { type: 'UID' } } } });
      expect(validate({ rows: { 0: { id: 1 }, 1: { id: '2' } } })).toEqual({ rows: [{ id: '1' }, { id: '2' }] });
      expect(errorOf(() => validate({ rows: [{ id: 'x' }] })).message).toBe('(#100) Param rows[0][id] must be a valid ID string (e.g., "123")');
    });

    it('coerces map values', () => {
      expect(one('map<string, int>', { a: '1', b: 2 })).toEqual({ a: 1, b: 2 });
      expect(messageFor('map<string, bool>', '{"a":"x"}')).toBe('(#100) Param p[a] must be a boolean');
    });

    it('rejects fields on a type without objects, at startup', () => {
      expect(() => compileParams({ p: { type: 'string', fields: { a: { type: 'int' } } } })).toThrow(Error);
    });
  });

  describe('file', () => {
    it('takes multipart files only', () => {
      const file = { filename: 'a.csv', mimetype: 'text/csv', data: Buffer.from('x') };
      expect(one('file', file)).toBe(file);
      expect(messageFor('file', 'a.csv')).toBe('(#100) Param p must be a file');
      expect(messageFor('string', file)).toBe('(#100) Param p must be a string');
    });
  });

  it('never lets __proto__ through into results', () => {
    const validate = compileParams({ spec: { type: 'Object', fields: { a: { type: 'int' } } }, tags: { type: 'map<string, string>' } });
    const result = validate({ spec: '{"__proto__":{"polluted":1},"a":"1"}', tags: JSON.parse('{"__proto__":{"polluted":1},"x":"y"}') });
    expect(result).toEqual({ spec: { a: 1 }, tags: { x: 'y' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(result.spec)).toBe(Object.prototype);
  });
});
