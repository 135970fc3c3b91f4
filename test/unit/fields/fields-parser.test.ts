import { describe, expect, it } from 'vitest';
import { GraphError } from '../../../src/graph/graph-error.js';
import { parseFields, printFields, type FieldNode } from '../../../src/graph/fields/index.js';

const field = (name: string, position: number, extra: Partial<FieldNode> = {}): FieldNode => ({
  name,
  modifiers: {},
  position,
  ...extra,
});

function errorMessage(input: string): string {
  try {
    parseFields(input);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphError);
    return (error as GraphError).message;
  }
  throw new Error(`parsed: ${input}`);
}

describe('parseFields', () => {
  it('reads a comma list with positions', () => {
    expect(parseFields('id,name,email')).toEqual([field('id', 0), field('name', 3), field('email', 8)]);
  });

  it('reads nested selections at any depth', () => {
    expect(parseFields('owner{id,name}')).toEqual([
      field('owner', 0, { children: [field('id', 6), field('name', 9)] }),
    ]);
    expect(parseFields('albums.limit(5){name,photos.limit(2){name,picture}}')).toEqual([
      field('albums', 0, {
        modifiers: { limit: '5' },
        children: [
          field('name', 16),
          field('photos', 21, {
            modifiers: { limit: '2' },
            children: [field('name', 37), field('picture', 42)],
          }),
        ],
      }),
    ]);
  });

  it('walks the README example', () => {
    expect(parseFields('albums.limit(5).as(my_albums){name,photos.limit(2){picture}}')).toEqual([
      field('albums', 0, {
        alias: 'my_albums',
        modifiers: { limit: '5' },
        children: [field('name', 30), field('photos', 35, { modifiers: { limit: '2' }, children: [field('picture', 51)] })],
      }),
    ]);
  });

  it.each([
    ['limit', '25'],
    ['after', 'QVFIUm5mYzBtX3Ewd0t-ZA_+/=='],
    ['before', 'MTAxNTA='],
    ['summary', 'true'],
    ['summary', 'total_count'],
    ['order', 'reverse_chronological'],
    ['since', '2024-01-01T00:00:00+0000'],
    ['until', '1700000000'],
    ['filter', 'stream'],
    ['type', 'large'],
  ])('keeps the raw argument of .%s(%s)', (name, argument) => {
    const [node] = parseFields(`edge.${name}(${argument}){id}`);
    expect(node.modifiers).toEqual({ [name]: argument });
  });

  it('takes modifiers in any order, with .as() as the alias', () => {
    const [small, large] = parseFields(
      'picture.width(100).height(100).as(picture_small),picture.as(picture_large).height(720).width(720)',
    );
    expect(small).toMatchObject({ name: 'picture', alias: 'picture_small', modifiers: { width: '100', height: '100' } });
    expect(large).toMatchObject({ name: 'picture', alias: 'picture_large', modifiers: { width: '720', height: '720' } });
    expect(small.children).toBeUndefined();
  });

  it('reads the legacy .fields() as a nested selection, combined with other modifiers and {}', () => {
    expect(parseFields('albums.fields(name,photos{id}).limit(5)')).toEqual([
      field('albums', 0, {
        modifiers: { limit: '5' },
        children: [field('name', 14), field('photos', 19, { children: [field('id', 26)] })],
      }),
    ]);
    const [node] = parseFields('albums.fields(name){id}');
    expect(node.children?.map((child) => child.name)).toEqual(['name', 'id']);
  });

  it('tolerates whitespace, a trailing comma and empty input', () => {
    expect(parseFields(' id , owner { id ,name } ')).toEqual([
      field('id', 1),
      field('owner', 6, { children: [field('id', 14), field('name', 18)] }),
    ]);
    expect(parseFields('a.after( QVFI= ){b}')[0].modifiers).toEqual({ after: 'QVFI=' });
    expect(parseFields('id,name,')).toEqual([field('id', 0), field('name', 3)]);
    expect(parseFields('a{b,}').map((node) => node.children)).toEqual([[field('b', 2)]]);
    expect(parseFields('')).toEqual([]);
    expect(parseFields(' \t\n')).toEqual([]);
  });

  it('accepts names starting with digits, like Meta', () => {
    expect(parseFields('0day')).toEqual([field('0day', 0)]);
  });

  it('keeps a modifier called __proto__ as plain data', () => {
    const [node] = parseFields('a.__proto__(x)');
    expect(Object.keys(node.modifiers)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(node.modifiers)).toBe(Object.prototype);
  });

  it.each([
    ['id,{', 'Expected name.', 3],
    ['a{b', 'Expected "}" instead of end of string.', 3],
    ['a.limit(', 'Expected ")" instead of end of string.', 8],
    ['a)', 'Expected end of string instead of ")".', 1],
    ['a..b', 'Expected name.', 2],
    ['*****', 'Expected name.', 0],
    ['a{}', 'Expected name.', 2],
    ['a,,b', 'Expected name.', 2],
    [',', 'Expected name.', 0],
    ['a{b}.limit(1)', 'Expected end of string instead of ".".', 4],
    ['a{b)', 'Expected "}" instead of ")".', 3],
    ['a.fields(b}', 'Expected ")" instead of "}".', 10],
    ['a.limit()', 'Expected argument.', 8],
    ['a.limit(5(', 'Expected ")" instead of "(".', 9],
    ['a.limit{b}', 'Expected "(" instead of "{".', 7],
    ['a.as(my alias)', 'Expected ")" instead of "alias".', 8],
    ['a.limit(1).limit(2)', 'Duplicate modifier "limit".', 11],
    ['a.as(b).as(c)', 'Duplicate modifier "as".', 8],
    ['a\u00e9', 'Expected end of string instead of "\u00e9".', 1],
    ['a\u{1F600}', 'Expected end of string instead of "\u{1F600}".', 1],
    // Meta's own answer to a mangled request seen in the wild.
    ['app_,0.7933770411601355access_token,x', 'Expected "(" instead of ",".', 35],
  ])('rejects %j', (input, detail, position) => {
    expect(errorMessage(input)).toBe(`(#100) Syntax error "${detail}" at character ${position}: ${input}`);
  });

  it('limits nesting depth, counting {} and .fields() alike', () => {
    expect(() => parseFields('a{'.repeat(16) + 'b' + '}'.repeat(16))).not.toThrow();
    expect(errorMessage('a{'.repeat(17) + 'b' + '}'.repeat(17))).toBe(
      '(#100) Field expansion is nested too deeply: at most 16 levels',
    );
    expect(() => parseFields('a.fields(b{c})', { maxDepth: 1 })).toThrow('at most 1 levels');
    expect(() => parseFields('a,b', { maxDepth: 0 })).not.toThrow();
  });
});

describe('printFields', () => {
  it('prints canonical text', () => {
    expect(printFields(parseFields(' a . as(b) .limit( 2 ) { c , d } , e'))).toBe('a.limit(2).as(b){c,d},e');
    expect(printFields(parseFields('albums.fields(name).limit(5)'))).toBe('albums.limit(5){name}');
    expect(printFields([])).toBe('');
  });
});
