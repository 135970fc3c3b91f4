import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GraphError } from '../../src/graph/graph-error.js';
import { decodeForm, looksLikeForm } from '../../src/graph/params/form-fields.js';
import { mergeParams } from '../../src/graph/params/merge.js';
import { maxJsonDepth, parseJson } from '../../src/graph/params/safe-json.js';
import { parseDateTime } from '../../src/graph/params/datetime.js';
import { readGraphRequest } from '../../src/graph/request.js';
import { defaultVersions } from '../../src/graph/versions.js';
import { runs } from './runs.js';

// Coercion of every param type is covered by test/unit/params/coerce.property.test.ts; these are the
// decoding steps before it: JSON texts, form bodies, query + body merging, the Graph request itself.

function graphErrorOr<T>(call: () => T): T | GraphError {
  try {
    return call();
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
}

/** Own `__proto__` keys anywhere in a value; walked with a stack, as values may be deep. */
function hasPoison(value: unknown): boolean {
  const stack = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item !== 'object' || item === null) continue;
    if (Object.hasOwn(item, '__proto__')) return true;
    stack.push(...Object.values(item));
  }
  return false;
}

const nestedText = (depth: number, inner: string) => fc.array(fc.constantFrom(['[', ']'], ['{"a":', '}']), { minLength: depth, maxLength: depth }).map((pairs) => pairs.map(([open]) => open).join('') + inner + pairs.reverse().map(([, close]) => close).join(''));

describe('JSON texts (safe-json)', () => {
  it('reads what JSON.parse reads, minus prototype keys, and never throws', () => {
    const text = fc.oneof(fc.json(), fc.string(), fc.constantFrom('{"__proto__":{"polluted":1}}', '{"\\u005f_proto__":1}', '{"constructor":{"prototype":{"x":1}}}', '"\\ud800"', '[1,]', '1e999'));
    fc.assert(
      fc.property(text, (input) => {
        const result = parseJson(input);
        let expected: unknown;
        try {
          expected = JSON.parse(input);
        } catch {
          expect(result.ok).toBe(false);
          return;
        }
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(hasPoison(result.value)).toBe(false);
        if (!/__proto__|constructor|\\u/.test(input)) expect(result.value).toEqual(expected);
      }),
      { numRuns: runs(500) },
    );
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it(`accepts nesting up to ${maxJsonDepth} levels and refuses deeper, brackets inside strings not counted`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 * maxJsonDepth }), fc.boolean(), (depth, quoted) => {
        const inner = quoted ? JSON.stringify('[{'.repeat(600) + '\\"') : '1';
        const result = parseJson(fc.sample(nestedText(depth, inner), { numRuns: 1, seed: depth })[0]);
        expect(result.ok).toBe(depth <= maxJsonDepth);
      }),
      { numRuns: runs(200) },
    );
  });
});

describe('form bodies', () => {
  it('decode any text without throwing; a repeated key keeps its last value, `name[]` keys keep them all', () => {
    const key = fc.oneof(fc.stringMatching(/^[a-z_]{1,6}(\[\])?$/), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.string({ unit: 'binary', maxLength: 10 })), { maxLength: 8 }), (pairs) => {
        const text = new URLSearchParams(pairs).toString();
        const fields = decodeForm(text);
        const decoded = [...new URLSearchParams(text)];
        for (const [name] of decoded) {
          if (name === '__proto__') continue;
          const values = decoded.filter(([other]) => other === name).map(([, value]) => value);
          expect(fields[name]).toEqual(name.endsWith('[]') ? values : values.at(-1));
        }
        looksLikeForm(text);
      }),
      { numRuns: runs(500) },
    );
  });

  it('looksLikeForm answers in linear time on hostile text', () => {
    const started = Date.now();
    for (const text of ['a='.repeat(100_000), 'a=b&'.repeat(100_000) + ' ', '&'.repeat(200_000), 'a'.repeat(200_000) + '=']) looksLikeForm(text);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('query + body merging', () => {
  it('the body wins per top-level name, and nothing reaches Object.prototype', () => {
    const name = fc.stringMatching(/^[a-z]{1,4}$/);
    fc.assert(
      fc.property(fc.dictionary(name, fc.string()), fc.dictionary(name, fc.jsonValue({ maxDepth: 2 })), (query, fields) => {
        const params = mergeParams(query, { fields, files: {} });
        for (const key of Object.keys(fields)) expect(params[key]).toEqual(fields[key]);
        for (const key of Object.keys(query)) if (!Object.hasOwn(fields, key)) expect(params[key]).toBe(query[key]);
      }),
      { numRuns: runs(500) },
    );
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe('the Graph request', () => {
  const headers = fc.record({ host: fc.string(), authorization: fc.oneof(fc.string(), fc.constant('Bearer abc')), 'x-forwarded-proto': fc.string() }, { requiredKeys: [] });
  const deepValue = fc.integer({ min: 1, max: 20_000 }).map((depth) => JSON.parse('['.repeat(Math.min(depth, maxJsonDepth)) + ']'.repeat(Math.min(depth, maxJsonDepth))) as unknown);

  it('reads any method, path, query, body and headers into a request or a GraphError', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'OPTIONS', 'get'), fc.string()),
        fc.oneof(fc.string(), fc.stringMatching(/^(\/v\d{1,3}\.\d{1,2})?(\/[a-z_0-9]{0,8}){0,4}$/)),
        fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }))),
        fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.jsonValue(), deepValue)),
        headers,
        (method, path, query, fields, head) => {
          const result = graphErrorOr(() => readGraphRequest({ method, path, headers: head, query, body: { fields, files: {} } }, defaultVersions));
          if (result instanceof GraphError) return;
          expect(['GET', 'POST', 'DELETE']).toContain(result.method);
          for (const value of Object.values(result.query)) expect(typeof value).toBe('string');
        },
      ),
      { numRuns: runs(500) },
    );
  });
});

describe('datetime params', () => {
  it('parseDateTime answers a number or undefined for any text', () => {
    const text = fc.oneof(fc.string(), fc.stringMatching(/^[+-]?\d{1,20}$/), fc.date({ noInvalidDate: true }).map((date) => date.toISOString()), fc.constantFrom('now', '+1 day', 'tomorrow', '9999-99-99', '-0', '1e999'));
    fc.assert(
      fc.property(text, (input) => {
        const value = parseDateTime(input, 1_767_225_600_000);
        if (value !== undefined) expect(Number.isFinite(value)).toBe(true);
      }),
      { numRuns: runs(500) },
    );
  });
});
