import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxRowsPerRequest, readPayload, type ReadPayload } from '../../src/audiences/payload.js';
import { GraphError } from '../../src/graph/graph-error.js';
import { runs } from './runs.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function readOrError(raw: unknown): ReadPayload | GraphError {
  try {
    return readPayload(raw);
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
}

const keys = ['EMAIL', 'EMAIL_SHA256', 'PHONE', 'PHONE_SHA256', 'FN', 'LN', 'DOBY', 'GEN', 'CT', 'ST', 'ZIP', 'COUNTRY', 'MADID', 'EXTERN_ID', 'APPUID', 'PAGEUID', 'LOOKALIKE_VALUE', 'NOPE', ''];
const cell = fc.oneof(fc.string({ maxLength: 20 }), fc.stringMatching(/^[0-9a-f]{64}$/), fc.emailAddress(), fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, 1e308, -1, '\u0000', '💥'));
const schema = fc.oneof(fc.constantFrom(...keys), fc.array(fc.constantFrom(...keys), { maxLength: 4 }), fc.jsonValue({ maxDepth: 1 }));
const data = fc.oneof(fc.array(fc.oneof(cell, fc.array(cell, { maxLength: 4 })), { maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }));
const payload = fc.record({ schema, data, app_ids: fc.jsonValue({ maxDepth: 1 }), page_ids: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] });

describe('audience payloads (readPayload)', () => {
  it('answer any JSON, as an object or as text, with a GraphError or a consistent reading', () => {
    fc.assert(
      fc.property(fc.oneof(payload, fc.jsonValue(), fc.string()), fc.boolean(), (raw, asText) => {
        const result = readOrError(asText ? JSON.stringify(raw) ?? '' : raw);
        if (result instanceof GraphError) return;
        expect(result.rows.length + result.invalid).toBe(result.received);
        expect(Object.keys(result.invalidSamples).length).toBeLessThanOrEqual(Math.min(result.invalid, 100));
      }),
      { numRuns: runs(500) },
    );
  });

  it('a well-formed hashed upload keeps every row: received = sent, all valid', () => {
    const row = fc.tuple(fc.emailAddress(), fc.stringMatching(/^\d{10,12}$/));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 50 }), fc.boolean(), (rows, single) => {
        const raw = single
          ? { schema: 'EMAIL_SHA256', data: rows.map(([email]) => sha256(email.toLowerCase())) }
          : { schema: ['EMAIL', 'PHONE'], data: rows.map(([email, phone]) => [sha256(email.toLowerCase()), sha256(phone)]) };
        const result = readPayload(JSON.stringify(raw));
        expect(result.received).toBe(rows.length);
        expect(result.invalid).toBe(0);
        expect(result.rows).toHaveLength(rows.length);
        expect(result.dataSourceSubType).toBe(single ? 'HASHES_OR_USER_IDS' : 'MULTI_HASHES');
      }),
      { numRuns: runs(200) },
    );
  });

  it(`takes ${maxRowsPerRequest} rows and refuses one more with Meta's (#105)`, () => {
    const rows = (n: number) => ({ schema: 'EMAIL_SHA256', data: Array.from({ length: n }, (_, i) => sha256(String(i))) });
    expect(readPayload(rows(maxRowsPerRequest)).received).toBe(maxRowsPerRequest);
    expect(readOrError(rows(maxRowsPerRequest + 1))).toMatchObject({ message: '(#105) The number of parameters exceeded the maximum for this operation' });
  });

  it('survives hostile nesting in cells and in the text (found by this fuzzing: a stack overflow, 500)', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    for (const text of [`{"schema":["EMAIL"],"data":[[${deep}]]}`, `{"schema":"EMAIL","data":[${deep}]}`, deep]) {
      expect(readOrError(text)).toBeInstanceOf(GraphError);
    }
  });
});
