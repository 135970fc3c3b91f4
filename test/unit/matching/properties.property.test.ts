import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  digestOf, MATCH_KEYS, RAW_PII_TYPES, readCell, SINGLE_KEY_SCHEMAS, normalize, uploadCell,
} from '../../../src/audiences/matching/index.js';

// Random text of every kind, plus shapes close to real values so the rules' inner branches run.
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.emailAddress(),
  fc.uuid().map((u) => u.toUpperCase()),
  fc.stringMatching(/^\s*[+0]?[\d ()-]{0,16}\s*$/),
  fc.stringMatching(/^[0-9a-fA-F]{64}$/),
  fc.constantFrom('Male', 'f', '1990', '5', '31', 'José', "O'Brien", 'Île-de-France', 'İstanbul', 'ΟΔΟΣ',
    'e\u0301\u0323', '94025-1234', 'SW1A 1AA', 'United States', 'uk', 'New York', '44.50', '1e21', '-0'),
);
const scalar = fc.oneof(text, fc.double(), fc.integer());

describe('matching properties', () => {
  it('readCell never throws, whatever the key and the cell', () => {
    const key = fc.oneof(fc.constantFrom(...MATCH_KEYS, ...RAW_PII_TYPES, ...SINGLE_KEY_SCHEMAS), fc.string());
    const cell = fc.oneof(scalar, fc.anything(), fc.jsonValue());
    fc.assert(
      fc.property(key, cell, (k, c) => {
        const reading = readCell(k, c);
        expect(Object.keys(reading)).toHaveLength(1);
        if ('digest' in reading) expect(reading.digest).toHaveLength(32);
      }),
      { numRuns: 3000 },
    );
  });

  it('normalize is idempotent for every key', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MATCH_KEYS), scalar, (key, raw) => {
        const once = normalize(key, raw);
        if (once !== undefined) expect(normalize(key, once)).toBe(once);
      }),
      { numRuns: 5000 },
    );
  });

  it('a cell the CLI uploads reads back as the digest graphd stores for that person value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MATCH_KEYS), scalar, (key, raw) => {
        const normalized = normalize(key, raw);
        const reading = readCell(key, uploadCell(key, raw));
        if (normalized === undefined) expect(reading).toEqual({ empty: true });
        else if (key === 'LOOKALIKE_VALUE') expect(reading).toEqual({ value: Number(normalized) });
        else expect(reading).toEqual({ digest: digestOf(key, normalized) });
      }),
      { numRuns: 5000 },
    );
  });
});
