import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GraphError } from '../../../src/graph/graph-error.js';
import { parseFields, printFields, type FieldNode, type FieldSelection } from '../../../src/graph/fields/index.js';

type Unpositioned = Omit<FieldNode, 'position' | 'children'> & { children?: Unpositioned[] };

function unpositioned(selection: FieldSelection): Unpositioned[] {
  return selection.map(({ position: _position, children, ...rest }) => ({
    ...rest,
    ...(children && { children: unpositioned(children) }),
  }));
}

const name = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_]{1,8}$/),
  fc.constantFrom('id', 'limit', '__proto__', 'constructor', '0'),
);

// Anything but parentheses, including the base64 and JSON-ish characters cursors and filters carry.
const argumentChar = fc.oneof(
  fc.constantFrom(...'aZ09=-_+/:.,{} \t'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => c !== '(' && c !== ')'),
);
const argument = fc
  .string({ unit: argumentChar, minLength: 1, maxLength: 12 })
  .map((text) => text.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, ''))
  .filter((text) => text.length > 0);

const modifiers = fc
  .uniqueArray(
    fc.tuple(
      name.filter((n) => n !== 'as' && n !== 'fields'),
      argument,
    ),
    { selector: ([key]) => key, maxLength: 3 },
  )
  .map((entries) => Object.fromEntries(entries) as Record<string, string>);

const { selection } = fc.letrec<{ node: FieldNode; selection: FieldNode[] }>((tie) => ({
  node: fc
    .record({
      name,
      alias: fc.option(name, { nil: undefined }),
      modifiers,
      children: fc.option(tie('selection'), { nil: undefined, depthIdentifier: 'fields', maxDepth: 4 }),
    })
    .map(({ alias, children, ...rest }) => ({
      ...rest,
      ...(alias !== undefined && { alias }),
      ...(children && { children }),
      position: 0,
    })),
  selection: fc.array(tie('node'), { minLength: 1, maxLength: 3, depthIdentifier: 'fields' }),
}));

const tokenish = fc.string({
  unit: fc.constantFrom(
    ...'ab_0.(){},  =-+/\t\n\u00e9\u0000\ud800',
    'limit',
    'fields',
    'as',
    '\u{1F600}',
  ),
  maxLength: 40,
});
const loneSurrogates = fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) });

/** Parses, or returns the GraphError; any other throw fails the property. */
function attempt(input: string, maxDepth?: number): FieldSelection | GraphError {
  try {
    return parseFields(input, { maxDepth });
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
}

describe('fields grammar properties', () => {
  it('reads printed selections back to the same tree', () => {
    fc.assert(
      fc.property(selection, (ast) => {
        expect(unpositioned(parseFields(printFields(ast)))).toEqual(unpositioned(ast));
      }),
      { numRuns: 500 },
    );
  });

  it('answers any string with a selection or a GraphError', () => {
    const inputs = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'binary-ascii' }),
      loneSurrogates,
      tokenish,
    );
    fc.assert(
      fc.property(inputs, (input) => {
        attempt(input);
      }),
      { numRuns: 2000 },
    );
  });

  it('prints whatever it parses canonically, and the canonical text parses the same', () => {
    fc.assert(
      fc.property(tokenish, (input) => {
        const result = attempt(input);
        if (result instanceof GraphError) return;
        expect(unpositioned(parseFields(printFields(result)))).toEqual(unpositioned(result));
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects nesting beyond maxDepth and accepts it up to there', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.boolean(), (depth, legacy) => {
        const [open, close] = legacy ? ['a.fields(', ')'] : ['a{', '}'];
        const result = attempt(open.repeat(depth) + 'b' + close.repeat(depth));
        if (depth > 16) expect((result as GraphError).message).toContain('nested too deeply');
        else expect(result).not.toBeInstanceOf(GraphError);
      }),
    );
  });

  it('never overflows the stack on hostile nesting', () => {
    const deep = 100_000;
    // Messages echo the input, so compare only their start to keep failure output readable.
    const start = (result: FieldSelection | GraphError) => (result as GraphError).message.slice(0, 70);
    for (const open of ['a{', 'a.fields(', 'a.b(c).fields(', 'b,c.as(d).limit(1){']) {
      expect(start(attempt(open.repeat(deep)))).toBe('(#100) Field expansion is nested too deeply: at most 16 levels');
    }
    // With no depth limit the parser is iterative, so only the syntax error at the end remains.
    expect(start(attempt('a{'.repeat(deep), Infinity))).toBe(
      '(#100) Syntax error "Expected name." at character 200000: a{a{a{a{a{a{',
    );
    expect(attempt('a{'.repeat(deep) + 'b' + '}'.repeat(deep), Infinity)).toHaveLength(1);
  });
});
