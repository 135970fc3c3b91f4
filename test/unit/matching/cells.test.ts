import { describe, expect, it } from 'vitest';
import {
  digestOf, EMPTY_SHA256, keySpec, multiKeyColumn, RAW_PII_TYPES, readCell, sha256Hex, singleKeySchema, uploadCell,
} from '../../../src/audiences/matching/index.js';

const MARY = 'f1904cf1a9d73a55fa5de0ac823c4403ded71afd4c3248d00bdcd0866552bb79';
const MADID = 'aece52e7-03ee-455a-b3c4-e57283966239';

describe('readCell', () => {
  it('reads a hashed key as its 32 decoded bytes, uppercase hex included', () => {
    expect(readCell('EMAIL', MARY)).toEqual({ digest: Buffer.from(MARY, 'hex') });
    expect(readCell('EMAIL', ` ${MARY.toUpperCase()} `)).toEqual({ digest: Buffer.from(MARY, 'hex') });
    expect(readCell('EMAIL_SHA256', MARY)).toEqual({ digest: Buffer.from(MARY, 'hex') });
  });

  it('treats blank, null and the SHA-256 of "" as empty', () => {
    for (const cell of ['', '   ', null, undefined, EMPTY_SHA256, EMPTY_SHA256.toUpperCase()]) {
      expect(readCell('FN', cell)).toEqual({ empty: true });
    }
  });

  it('counts raw PII, short hex and non-scalars in a hashed column as invalid', () => {
    for (const cell of ['mary@example.com', '16505551234', MARY.slice(1), `${MARY}0`, 'g'.repeat(64), 42, true, [], {}]) {
      expect(readCell('EMAIL', cell)).toHaveProperty('invalid');
    }
  });

  it('reads MADID raw (any case) or SDK-hashed, and both land on the same digest', () => {
    const expected = digestOf('MADID', MADID);
    expect(readCell('MADID', MADID.toUpperCase())).toEqual({ digest: expected });
    expect(readCell('MOBILE_ADVERTISER_ID', MADID)).toEqual({ digest: expected });
    expect(readCell('MADID', 'e6a11334660bb4c2d68090399aaf9d80b433a569b993c5e32e6cad9bcf550e11')).toEqual({ digest: expected });
    expect(readCell('MADID', 'not-a-uuid')).toHaveProperty('invalid');
  });

  it('takes any EXTERN_ID up to 256 characters, numbers included', () => {
    expect(readCell('EXTERN_ID', 'CRM-0042')).toEqual({ digest: digestOf('EXTERN_ID', 'CRM-0042') });
    expect(readCell('EXTERN_ID', 42)).toEqual({ digest: digestOf('EXTERN_ID', '42') });
    expect(readCell('EXTERN_ID', 'x'.repeat(257))).toHaveProperty('invalid');
  });

  it('takes APPUID/PAGEUID/UID as digit strings (or SDK-hashed), not words', () => {
    expect(readCell('APPUID', '1234567890')).toEqual({ digest: digestOf('APPUID', '1234567890') });
    expect(readCell('UID', 1234567890)).toEqual({ digest: digestOf('APPUID', '1234567890') });
    expect(readCell('PAGEUID', sha256Hex('555'))).toEqual({ digest: digestOf('PAGEUID', '555') });
    expect(readCell('PAGEUID', 'abc')).toHaveProperty('invalid');
  });

  it('reads LOOKALIKE_VALUE as a non-negative number', () => {
    expect(readCell('LOOKALIKE_VALUE', 44.5)).toEqual({ value: 44.5 });
    expect(readCell('LOOKALIKE_VALUE', '140')).toEqual({ value: 140 });
    expect(readCell('LOOKALIKE_VALUE', 0)).toEqual({ value: 0 });
    expect(readCell('LOOKALIKE_VALUE', -1)).toHaveProperty('invalid');
    expect(readCell('LOOKALIKE_VALUE', 'lots')).toHaveProperty('invalid');
  });

  it('accepts the other raw PII types as hex digests (MD5 for *_MD5) that never match', () => {
    expect(readCell('STREETNAME', sha256Hex('main'))).toHaveProperty('digest');
    expect(readCell('EMAIL_MD5', 'a'.repeat(32))).toHaveProperty('digest');
    expect(readCell('EMAIL_MD5', 'd41d8cd98f00b204e9800998ecf8427e')).toEqual({ empty: true });
    expect(readCell('PHONE_MD5', MARY)).toHaveProperty('invalid');
    expect(readCell('SHOE_SIZE', '42')).toEqual({ invalid: 'unknown key' });
  });
});

describe('the key catalogue', () => {
  it('knows every raw PII type of Meta error, and maps the single-key schemas', () => {
    for (const name of RAW_PII_TYPES) expect(multiKeyColumn(name)).toBeDefined();
    expect(multiKeyColumn('LOOKALIKE_VALUE')?.encoding).toBe('value');
    expect(multiKeyColumn('EMAIL_SHA256')?.key).toBe('EMAIL');
    expect(multiKeyColumn('UID')).toBeUndefined();
    expect(singleKeySchema('UID')).toMatchObject({ key: 'APPUID', encoding: 'raw', requires: 'app_ids' });
    expect(singleKeySchema('PHONE_SHA256')).toMatchObject({ key: 'PHONE', encoding: 'sha256' });
    expect(singleKeySchema('EMAIL')).toBeUndefined();
    expect(keySpec('__proto__')).toBeUndefined();
    expect(keySpec('PAGEUID')).toMatchObject({ strength: 'strong', requires: 'page_ids' });
    expect(keySpec('ZIP')).toMatchObject({ strength: 'weak', encoding: 'sha256' });
  });
});

describe('uploadCell (what the CLI sends)', () => {
  it('hashes hashed keys, passes raw keys through, and blanks what cannot be used', () => {
    expect(uploadCell('EMAIL', ' Mary@Example.com')).toBe(MARY);
    expect(uploadCell('MADID', MADID.toUpperCase())).toBe(MADID);
    expect(uploadCell('LOOKALIKE_VALUE', '44.50')).toBe(44.5);
    expect(uploadCell('PHONE', '(555) 987-6543', { countryCallingCode: '1' })).toBe(
      '1ef970831d7963307784fa8688e8fce101a15685d62aa765fed23f3a2c576a4e',
    );
    expect(uploadCell('EMAIL', 'nobody')).toBe('');
  });
});
