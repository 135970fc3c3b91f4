import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GraphError } from '../../../src/graph/graph-error.js';
import { compileParams } from '../../../src/graph/params/coerce.js';
import { mergeParams } from '../../../src/graph/params/merge.js';

const enums: Record<string, string[]> = { customaudience_subtype: ['CUSTOM', 'LOOKALIKE'] };

const types = [
  'string', 'int', 'unsigned int', 'int64', 'float', 'bool', 'datetime', 'Object', 'map', 'list', 'list<string>',
  'list<int>', 'list<Object>', 'list<list<string>>', 'map<string, string>', 'map<string, int>', 'enum {YES, NO}',
  'numeric string', 'UID', 'file', 'list<JSON array>', 'customaudience_subtype', 'Targeting',
];

const validators = types.map((type) => ({
  type,
  validate: compileParams(
    { p: { type, min: 0, max: 1000, ...(type === 'Object' && { fields: { id: { type: 'UID', required: true }, n: { type: 'list<int>' } } }) } },
    (name) => enums[name],
  ),
}));

// Strings that look like what the three SDKs and hand-written clients send, plus noise.
const wireString = fc.oneof(
  fc.string(),
  fc.json(),
  fc.stringMatching(/^-?\d{1,30}(\.\d+)?(e[+-]?\d{1,4})?$/),
  fc.array(fc.stringMatching(/^[\w.-]{0,6}$/)).map((items) => items.join(',')),
  fc.constantFrom('', 'true', 'false', '1', '0', '[]', '{}', '{"__proto__":{"polluted":1}}', '[{"id":"1"}]', 'now', '2017-06-06T18:04:10+0000'),
);
const anyValue = fc.oneof(fc.jsonValue(), wireString, fc.constant(undefined));

function onlyGraphErrors(call: () => unknown): void {
  try {
    call();
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
  }
}

describe('coercion properties', () => {
  it('throws nothing but GraphError for any JSON value or string, and pollutes nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...validators), anyValue, ({ validate }, value) => {
        onlyGraphErrors(() => validate({ p: value }));
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 3000 },
    );
  });

  it('throws nothing but GraphError on merged query strings with bracket keys', () => {
    const key = fc.stringMatching(/^(p|__proto__|constructor)(\[(\d|id|n|__proto__|prototype|)\]){0,4}$/);
    fc.assert(
      fc.property(fc.dictionary(key, wireString), fc.constantFrom(...validators), (query, { validate }) => {
        onlyGraphErrors(() => validate(mergeParams(query, undefined)));
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  it('survives deep nesting', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    for (const { validate } of validators) {
      onlyGraphErrors(() => validate({ p: deep }));
      onlyGraphErrors(() => validate({ p: JSON.parse('['.repeat(5000) + ']'.repeat(5000)) }));
    }
  });

  describe('a list coerces the same from an array, a JSON string, a comma list and bracket keys', () => {
    const forms = (items: (string | number)[]) => [
      items,
      JSON.stringify(items),
      items.join(','),
      mergeParams(Object.fromEntries(items.map((item, i) => [`p[${i}]`, String(item)])), undefined).p ?? [],
    ];

    it('list<int>', () => {
      const validate = compileParams({ p: { type: 'list<int>' } });
      fc.assert(
        fc.property(fc.array(fc.maxSafeInteger()), (items) => {
          const [first, ...rest] = forms(items).map((form) => validate({ p: form }).p);
          expect(first).toEqual(items);
          for (const other of rest) expect(other).toEqual(first);
        }),
      );
    });

    it('list<string>', () => {
      const validate = compileParams({ p: { type: 'list<string>' } });
      // Comma lists cannot carry commas, edge whitespace or a leading "[", nor a lone empty string.
      const item = fc.string({ minLength: 1 }).filter((text) => !text.includes(',') && text.trim() === text && !text.startsWith('['));
      fc.assert(
        fc.property(fc.array(item), (items) => {
          const [first, ...rest] = forms(items).map((form) => validate({ p: form }).p);
          expect(first).toEqual(items);
          for (const other of rest) expect(other).toEqual(first);
        }),
      );
    });
  });
});
