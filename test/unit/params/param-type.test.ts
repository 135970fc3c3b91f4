import { describe, expect, it } from 'vitest';
import { parseParamType } from '../../../src/graph/params/param-type.js';

const enums: Record<string, string[]> = {
  customaudience_subtype: ['CUSTOM', 'LOOKALIKE'],
  adaccountcustomaudiences_subtype_enum_param: ['CUSTOM', 'WEBSITE'],
};
const resolve = (name: string) => enums[name];

describe('parseParamType', () => {
  it.each([
    ['string', { kind: 'string' }],
    ['int', { kind: 'int', unsigned: false }],
    ['unsigned int', { kind: 'int', unsigned: true }],
    ['int64', { kind: 'int64' }],
    ['float', { kind: 'float' }],
    ['bool', { kind: 'bool' }],
    ['datetime', { kind: 'datetime' }],
    ['timestamp', { kind: 'datetime' }],
    ['Object', { kind: 'object' }],
    ['map', { kind: 'map' }],
    ['list', { kind: 'list' }],
    ['numeric string', { kind: 'id' }],
    ['UID', { kind: 'id' }],
    ['user/page ID', { kind: 'id' }],
    ['Page ID', { kind: 'id' }],
    ['file', { kind: 'file' }],
  ])('%s', (text, expected) => {
    expect(parseParamType(text)).toEqual(expected);
  });

  it('parses containers, nested', () => {
    expect(parseParamType('list<string>')).toEqual({ kind: 'list', item: { kind: 'string' } });
    expect(parseParamType('list<list<string>>')).toEqual({ kind: 'list', item: { kind: 'list', item: { kind: 'string' } } });
    expect(parseParamType('list<JSON array>')).toEqual({ kind: 'list', item: { kind: 'list' } });
    expect(parseParamType('map<string, string>')).toEqual({ kind: 'map', value: { kind: 'string' } });
    expect(parseParamType('list<map<string, bool>>')).toEqual({ kind: 'list', item: { kind: 'map', value: { kind: 'bool' } } });
    expect(parseParamType('list<Object>')).toEqual({ kind: 'list', item: { kind: 'object' } });
  });

  it('parses inline enums with or without spaces', () => {
    expect(parseParamType('enum {YES, NO}')).toEqual({ kind: 'enum', values: ['YES', 'NO'] });
    expect(parseParamType('enum{A,B}')).toEqual({ kind: 'enum', values: ['A', 'B'] });
    expect(parseParamType("list<enum {'a', 'b'}>")).toEqual({ kind: 'list', item: { kind: 'enum', values: ['a', 'b'] } });
  });

  it('resolves named enums through the callback', () => {
    expect(parseParamType('customaudience_subtype', resolve)).toEqual({ kind: 'enum', values: ['CUSTOM', 'LOOKALIKE'] });
    expect(parseParamType('list<adaccountcustomaudiences_subtype_enum_param>', resolve)).toEqual({
      kind: 'list',
      item: { kind: 'enum', values: ['CUSTOM', 'WEBSITE'] },
    });
  });

  it('reads other node names as JSON objects', () => {
    expect(parseParamType('Targeting')).toEqual({ kind: 'object' });
    expect(parseParamType('list<Permission>')).toEqual({ kind: 'list', item: { kind: 'object' } });
  });

  it.each(['strng', 'customaudience_subtype', 'list<>', 'list<string', 'map<string>', 'enum {A,,B}', 'int32', 'map<foo, string>', ''])(
    'rejects %j at startup with a plain Error',
    (text) => {
      expect(() => parseParamType(text, () => undefined)).toThrow(Error);
    },
  );
});
