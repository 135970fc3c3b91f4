import { describe, expect, it } from 'vitest';
import { digestOf, EMPTY_SHA256, normalize, sha256Hex, type MatchKey } from '../../../src/audiences/matching/index.js';

// Reference §1.2 "Computed examples": raw → normalised per Meta's doc → SHA-256.
const table: [MatchKey, string, string, string][] = [
  ['EMAIL', 'test@example.com', 'test@example.com', '973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b'],
  ['EMAIL', ' John.Doe@Example.COM ', 'john.doe@example.com', '836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f'],
  ['EMAIL', 'someone@example.com', 'someone@example.com', '72497f475e4f76d0b28f57c73a084ece576d170874eba3ee2609d9afe4b71aab'],
  ['PHONE', '+1 (650) 555-1234', '16505551234', '6069d14bf122fdfd931dc7beb58e5dfbba395b1faf05bdcd42d12358d63d8599'],
  ['GEN', 'Male', 'm', '62c66a7a5dd70c3146618063c344e531e6d4b59e379808443ce962b3abd63c5a'],
  ['GEN', 'm', 'm', '62c66a7a5dd70c3146618063c344e531e6d4b59e379808443ce962b3abd63c5a'],
  ['GEN', 'f', 'f', '252f10c83610ebca1a059c0bae8255eba2f95be4d1d7bcfa89d7248a82d9f111'],
  ['DOBY', '1990', '1990', 'a7be8e1fe282a37cd666e0632b17d933fa13f21addf4798fc0455bc166e2488c'],
  ['DOBM', '5', '05', 'c97550ce8213ef5cf6ed4ba48790c137df3ef6a5da20b48961001a634b6cead2'],
  ['DOBM', '01', '01', '938db8c9f82c8cb58d3f3ef4fd250036a48d26a712753d2fde5abd03a85cabf4'],
  ['DOBD', '07', '07', '19b100ab7725c612f3d80ff203ca53cea5cadaafae3bf0f88f0fb4089fe08815'],
  ['FN', 'John', 'john', '96d9632f363564cc3032521409cf22a852f2032eec099ed5967c0d000cec607a'],
  ['FN', 'José', 'josé', 'd994e1d001886fe5b45b1267bd1fa2b752ac50742579bd3dad7b2a2aa0ed6866'],
  ['LN', 'Smith', 'smith', '6627835f988e2c5e50533d491163072d3f4f41f5c8b04630150debb3722ca2dd'],
  ['LN', "O'Brien-Smith", 'obriensmith', '16765783f9c8c8a3accf27f1abb877688cb5904c21a4a7afb5f125bcfcb246ba'],
  ['FI', 'J.', 'j', '189f40034be7a199f1fa9891668ee3ab6049f82d38c68be70f596eab2e1857b7'],
  ['CT', 'Menlo Park', 'menlopark', '0007a3d64c01e23d5075203c5977c14e4f7e01a3fc570686fcc50b5e1dd42685'],
  ['CT', 'New York', 'newyork', '350c754ba4d38897693aa077ef43072a859d23f613443133fecbbd90a3512ca5'],
  ['ST', 'CA', 'ca', '6959097001d10501ac7d54c0bdb8db61420f658f2922cc26e46d536119a31126'],
  ['ST', 'NY', 'ny', '1b06e2003f8420d6fa42badd8f77ec0f706b976b7a48b13c567dc5a559681683'],
  ['ZIP', '94025-1234', '94025', 'b9a9cf3cd3723a2e91b7c23ecf68456e872b6e5d86e5cab7f3d45a7302da32c7'],
  ['ZIP', 'SW1A 1AA', 'sw1a1aa', '830e1d4b9838bab1f5c2acdb23e0b502ff13a9832c4632e8d67a1d43d3b7f614'],
  ['COUNTRY', 'US', 'us', '79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621'],
  ['COUNTRY', 'GB', 'gb', '0b407281768f0e833afef47ed464b6571d01ca4d53c12ce5c51d1462f4ad6677'],
];

describe('normalize and hash: the reference examples', () => {
  it.each(table)('%s %j → %j → sha256', (key, raw, normalized, hash) => {
    expect(normalize(key, raw)).toBe(normalized);
    expect(sha256Hex(normalized)).toBe(hash);
    if (key !== 'LOOKALIKE_VALUE') expect(digestOf(key, normalized).toString('hex')).toBe(hash);
  });

  it("hashes the doc's own examples", () => {
    expect(sha256Hex(normalize('EMAIL', 'mary@example.com')!)).toBe(
      'f1904cf1a9d73a55fa5de0ac823c4403ded71afd4c3248d00bdcd0866552bb79',
    );
    expect(sha256Hex(normalize('PHONE', '15559876543')!)).toBe(
      '1ef970831d7963307784fa8688e8fce101a15685d62aa765fed23f3a2c576a4e',
    );
    expect(sha256Hex('')).toBe(EMPTY_SHA256);
  });

  it('keeps José as UTF-8 6a 6f 73 c3 a9, also when the accent arrives decomposed', () => {
    expect(Buffer.from(normalize('FN', 'José')!, 'utf8').toString('hex')).toBe('6a6f73c3a9');
    expect(normalize('FN', 'Jose\u0301')).toBe('josé');
  });

  it('leaves MADID and EXTERN_ID unhashed, lowercasing only the MADID', () => {
    expect(normalize('MADID', 'AECE52E7-03EE-455A-B3C4-E57283966239')).toBe('aece52e7-03ee-455a-b3c4-e57283966239');
    expect(sha256Hex('aece52e7-03ee-455a-b3c4-e57283966239')).toBe(
      'e6a11334660bb4c2d68090399aaf9d80b433a569b993c5e32e6cad9bcf550e11',
    );
    expect(normalize('EXTERN_ID', ' CRM-0042 ')).toBe('CRM-0042');
  });
});

describe('normalize: the documented rules', () => {
  it('EMAIL needs exactly one @ with text on both sides', () => {
    for (const bad of ['', '   ', 'mary', '@example.com', 'mary@', 'a@b@c', 'mary smith@example.com']) {
      expect(normalize('EMAIL', bad)).toBeUndefined();
    }
  });

  it('PHONE keeps digits, drops leading zeros, and prefixes a default calling code to national numbers', () => {
    expect(normalize('PHONE', '(650) 555-1234')).toBe('6505551234');
    expect(normalize('PHONE', '(650) 555-1234', { countryCallingCode: '1' })).toBe('16505551234');
    expect(normalize('PHONE', '1-650-555-1234', { countryCallingCode: '1' })).toBe('16505551234');
    expect(normalize('PHONE', '+44 20 7946 0958', { countryCallingCode: '1' })).toBe('442079460958');
    expect(normalize('PHONE', '0044 20 7946 0958', { countryCallingCode: '1' })).toBe('442079460958');
    expect(normalize('PHONE', '020 7946 0958', { countryCallingCode: '+44' })).toBe('442079460958');
    expect(normalize('PHONE', '000')).toBeUndefined();
    expect(normalize('PHONE', 'n/a')).toBeUndefined();
  });

  it('GEN accepts m/f/male/female in any case only', () => {
    expect(['M', 'male', 'MALE', ' F ', 'Female'].map((g) => normalize('GEN', g))).toEqual(['m', 'm', 'm', 'f', 'f']);
    expect(normalize('GEN', 'x')).toBeUndefined();
    expect(normalize('GEN', 'man')).toBeUndefined();
  });

  it('DOBY is 1900..current year; DOBM 01..12 and DOBD 01..31, zero-padded', () => {
    expect(normalize('DOBY', '1900')).toBe('1900');
    expect(normalize('DOBY', 1985)).toBe('1985');
    expect(normalize('DOBY', '1899')).toBeUndefined();
    expect(normalize('DOBY', '2031', { currentYear: 2030 })).toBeUndefined();
    expect(normalize('DOBY', '90')).toBeUndefined();
    expect(normalize('DOBM', '12')).toBe('12');
    expect(normalize('DOBM', 3)).toBe('03');
    expect(normalize('DOBM', '13')).toBeUndefined();
    expect(normalize('DOBM', '0')).toBeUndefined();
    expect(normalize('DOBD', '9')).toBe('09');
    expect(normalize('DOBD', '31')).toBe('31');
    expect(normalize('DOBD', '32')).toBeUndefined();
  });

  it('FN/LN keep letters of any script; FI is the first letter', () => {
    expect(normalize('FN', 'Mary-Ann 2nd')).toBe('maryannnd');
    expect(normalize('LN', 'Müller')).toBe('müller');
    expect(normalize('LN', '王')).toBe('王');
    expect(normalize('FN', "'.-")).toBeUndefined();
    expect(normalize('FI', 'José')).toBe('j');
    expect(normalize('FI', 'Élodie')).toBe('é');
  });

  it('CT and non-US ST keep a–z only (accents folded); US state names become codes', () => {
    expect(normalize('CT', 'São Paulo')).toBe('saopaulo');
    expect(normalize('CT', "St. John's")).toBe('stjohns');
    expect(normalize('ST', 'California')).toBe('ca');
    expect(normalize('ST', 'new york')).toBe('ny');
    expect(normalize('ST', 'District of Columbia')).toBe('dc');
    expect(normalize('ST', 'Île-de-France')).toBe('iledefrance');
  });

  it('ZIP: lowercase without whitespace, US ZIP+4 cut to five digits', () => {
    expect(normalize('ZIP', '940251234')).toBe('94025');
    expect(normalize('ZIP', ' 02108 ')).toBe('02108');
    expect(normalize('ZIP', 'K1A 0B1')).toBe('k1a0b1');
    expect(normalize('ZIP', '100-0001')).toBe('100-0001');
  });

  it('COUNTRY is a 2-letter code; a few names and alpha-3 codes are mapped', () => {
    expect(['USA', 'United States', 'uk', 'Great Britain', 'Canada', 'de'].map((c) => normalize('COUNTRY', c))).toEqual([
      'us', 'us', 'gb', 'gb', 'ca', 'de',
    ]);
    expect(normalize('COUNTRY', 'Narnia')).toBeUndefined();
  });

  it('MADID must be a UUID; APPUID/PAGEUID digits; LOOKALIKE_VALUE a non-negative number', () => {
    expect(normalize('MADID', 'not-a-device')).toBeUndefined();
    expect(normalize('APPUID', ' 1234567890 ')).toBe('1234567890');
    expect(normalize('PAGEUID', 'abc')).toBeUndefined();
    expect(['44.5', '140', '0', '0.9', '44.50', 7].map((v) => normalize('LOOKALIKE_VALUE', v))).toEqual([
      '44.5', '140', '0', '0.9', '44.5', '7',
    ]);
    for (const bad of ['-1', '0x10', 'Infinity', 'NaN', '1e400', '']) expect(normalize('LOOKALIKE_VALUE', bad)).toBeUndefined();
  });

  it('EXTERN_ID is kept as given, up to 256 characters', () => {
    expect(normalize('EXTERN_ID', 'Case-Sensitive ID')).toBe('Case-Sensitive ID');
    expect(normalize('EXTERN_ID', 'x'.repeat(256))).toHaveLength(256);
    expect(normalize('EXTERN_ID', 'x'.repeat(257))).toBeUndefined();
  });
});
