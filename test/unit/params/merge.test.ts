import { describe, expect, it } from 'vitest';
import { mergeParams } from '../../../src/graph/params/merge.js';

const body = (fields: Record<string, unknown>, files: Record<string, never> = {}) => ({ fields, files });

describe('mergeParams', () => {
  it('merges query and body, the body winning per top-level name', () => {
    expect(mergeParams({ access_token: 'q', name: 'from query' }, body({ name: 'from body', bool: '1' }))).toEqual({
      access_token: 'q',
      name: 'from body',
      bool: '1',
    });
  });

  it('works without a body', () => {
    expect(mergeParams({ fields: 'id,name' }, undefined)).toEqual({ fields: 'id,name' });
  });

  it('keeps the last of a repeated query key', () => {
    expect(mergeParams({ limit: ['5', '10'] }, undefined)).toEqual({ limit: '10' });
  });

  it('folds bracket keys into nested objects', () => {
    expect(mergeParams({ 'recipient[id]': '123', 'spec[a][b]': 'x', 'spec[a][c]': 'y' }, undefined)).toEqual({
      recipient: { id: '123' },
      spec: { a: { b: 'x', c: 'y' } },
    });
  });

  it('folds indexed and appended keys into integer-keyed objects', () => {
    expect(mergeParams({ 'ids[0]': '1', 'ids[1]': '2' }, undefined)).toEqual({ ids: { 0: '1', 1: '2' } });
    expect(mergeParams({ 'ids[]': ['1', '2'] }, body({ 'tags[]': ['a', 'b'] }))).toEqual({
      ids: { 0: '1', 1: '2' },
      tags: { 0: 'a', 1: 'b' },
    });
    expect(mergeParams({ 'ids[5]': '5', 'ids[]': '6' }, undefined)).toEqual({ ids: { 5: '5', 6: '6' } });
  });

  it('replaces the whole param when the body carries it', () => {
    expect(mergeParams({ 'spec[a]': '1' }, body({ 'spec[b]': '2' }))).toEqual({ spec: { b: '2' } });
  });

  it('keeps JSON body values as they are', () => {
    const payload = { schema: ['EMAIL'], data: [['h']] };
    expect(mergeParams({ access_token: 't' }, body({ payload, ids: [1, 2] }))).toEqual({ access_token: 't', payload, ids: [1, 2] });
  });

  it('adds multipart files under their field names', () => {
    const file = { filename: 'a.csv', mimetype: 'text/csv', data: Buffer.from('x') };
    expect(mergeParams({}, { fields: { name: 'n' }, files: { source: file } })).toEqual({ name: 'n', source: file });
  });

  it('treats keys that are not well-formed brackets as plain names', () => {
    expect(mergeParams({ 'a[b': '1', '[x]': '2', 'c[d]e': '3' }, undefined)).toEqual({ 'a[b': '1', '[x]': '2', 'c[d]e': '3' });
  });

  it('never touches prototypes', () => {
    const merged = mergeParams(
      { '__proto__[polluted]': '1', 'a[__proto__][polluted]': '1', 'constructor[prototype][polluted]': '1' },
      body({ 'x[constructor][prototype][polluted]': '1' }),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(merged).toEqual({ constructor: { prototype: { polluted: '1' } }, x: { constructor: { prototype: { polluted: '1' } } } });
  });

  it('drops keys nested deeper than PHP allows', () => {
    expect(mergeParams({ [`a${'[x]'.repeat(65)}`]: '1', [`b${'[x]'.repeat(64)}`]: '1' }, undefined)).toHaveProperty('b');
    expect(mergeParams({ [`a${'[x]'.repeat(65)}`]: '1' }, undefined)).toEqual({});
  });
});
