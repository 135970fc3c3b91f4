import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBatch, planBatch } from '../../src/graph/batch/index.js';
import { substituteReferences, referencesIn } from '../../src/graph/batch/references.js';
import { runs } from './runs.js';

// Never-throws properties of parsing and planning live in test/unit/batch-parse.test.ts; these add
// the round trip of well-formed batches and the reference scanner over any text.

const segment = fc.stringMatching(/^[a-z0-9_]{1,8}$/);
const op = fc.record({
  method: fc.constantFrom('GET', 'get', 'POST', 'Delete'),
  path: fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/')),
  query: fc.array(fc.tuple(segment, segment), { maxLength: 3 }),
  name: fc.option(segment, { nil: undefined }),
});

describe('batch properties', () => {
  it('a well-formed batch, as JSON text or as an array, reads back its methods, paths, queries and names in order', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 50 }), fc.boolean(), fc.boolean(), (ops, asText, leadingSlash) => {
        const batch = ops.map(({ method, path, query, name }) => ({
          method,
          relative_url: `${leadingSlash ? '/' : ''}v21.0/${path}${query.length ? '?' + new URLSearchParams(query).toString() : ''}`,
          ...(name !== undefined && { name }),
        }));
        const parsed = parseBatch(asText ? JSON.stringify(batch) : batch);
        expect(parsed.map((operation) => [operation.index, operation.method, operation.path, operation.query, operation.name])).toEqual(
          ops.map(({ method, path, query, name }, index) => [index, method.toUpperCase(), `v21.0/${path}`, query, name]),
        );
        planBatch(parsed);
      }),
      { numRuns: runs(300) },
    );
  });

  it('finds references in any text without throwing, and substituting them by themselves changes nothing', () => {
    const text = fc.oneof(fc.string(), fc.stringMatching(/^([a-z]{0,3}\{result=[a-z]{0,3}:\$[.a-z*[\]0-9]{0,8}\}){0,3}[a-z]{0,3}$/));
    fc.assert(
      fc.property(text, (input) => {
        const refs = referencesIn(input);
        for (const ref of refs) expect(input).toContain(ref.name);
        expect(substituteReferences(input, (ref) => `{result=${ref.name}:${ref.path}}`)).toBe(input);
      }),
      { numRuns: runs(500) },
    );
  });
});
