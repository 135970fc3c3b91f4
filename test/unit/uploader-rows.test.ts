import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { splitBirthDate } from '../../src/uploader/birth-date.js';
import { planColumns } from '../../src/uploader/column-plan.js';
import { prepareRow } from '../../src/uploader/prepare-row.js';

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The prepared cells of one value per key, by header, through the shared matching module. */
const cellsOf = (headers: string[], values: string[], options = {}) => {
  const result = prepareRow(planColumns(headers), values, options);
  if ('dropped' in result) throw new Error(`dropped: ${result.dropped}`);
  return Object.fromEntries(planColumns(headers).schema.map((key, i) => [key, result.cells[i]]));
};

describe('uploader: rows normalised and hashed by Meta’s rules', () => {
  it('hashes emails trimmed and lowercased (fact-sheet digests)', () => {
    expect(cellsOf(['email'], ['  John.Doe@Example.COM '])).toEqual({ EMAIL: '836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f' });
    expect(cellsOf(['email'], ['mary@example.com']).EMAIL).toBe('f1904cf1a9d73a55fa5de0ac823c4403ded71afd4c3248d00bdcd0866552bb79');
  });

  it('keeps digits of phones, drops leading zeros and adds the calling code only when missing', () => {
    expect(cellsOf(['phone'], ['+1 (650) 555-1234']).PHONE).toBe('6069d14bf122fdfd931dc7beb58e5dfbba395b1faf05bdcd42d12358d63d8599');
    expect(cellsOf(['phone'], ['(555) 987-6543'], { countryCallingCode: '1' }).PHONE).toBe('1ef970831d7963307784fa8688e8fce101a15685d62aa765fed23f3a2c576a4e');
    expect(cellsOf(['phone'], ['020 7946 0958'], { countryCallingCode: '44' }).PHONE).toBe(sha('442079460958'));
    expect(cellsOf(['phone'], ['0044 20 7946 0958'], { countryCallingCode: '44' }).PHONE).toBe(sha('442079460958'));
  });

  it('keeps accented letters of names, drops punctuation; first initial is one letter', () => {
    expect(cellsOf(['fn', 'ln', 'fi'], ['José', "O'Brien-Smith", 'J.'])).toEqual({
      FN: 'd994e1d001886fe5b45b1267bd1fa2b752ac50742579bd3dad7b2a2aa0ed6866',
      LN: '16765783f9c8c8a3accf27f1abb877688cb5904c21a4a7afb5f125bcfcb246ba',
      FI: '189f40034be7a199f1fa9891668ee3ab6049f82d38c68be70f596eab2e1857b7',
    });
  });

  it('splits birth dates into zero-padded parts, in every written form', () => {
    const parts = { DOBY: sha('1990'), DOBM: sha('05'), DOBD: sha('07') };
    for (const written of ['1990-05-07', '05/07/1990', '5/7/1990', '07.05.1990', '19900507', '1990/5/7']) expect(cellsOf(['dob'], [written])).toEqual(parts);
    expect(cellsOf(['birth year', 'birth month', 'dobd'], ['1990', '5', '7'])).toEqual(parts);
    expect(splitBirthDate('May 7th')).toBeUndefined();
  });

  it('reads gender words, US states and countries by name, and zip formats', () => {
    expect(cellsOf(['gender'], ['Male']).GEN).toBe('62c66a7a5dd70c3146618063c344e531e6d4b59e379808443ce962b3abd63c5a');
    expect(cellsOf(['gender'], ['FEMALE']).GEN).toBe(sha('f'));
    expect(cellsOf(['city', 'state', 'country'], ['Menlo Park', 'California', 'United States'])).toEqual({
      CT: '0007a3d64c01e23d5075203c5977c14e4f7e01a3fc570686fcc50b5e1dd42685',
      ST: '6959097001d10501ac7d54c0bdb8db61420f658f2922cc26e46d536119a31126',
      COUNTRY: '79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621',
    });
    expect(cellsOf(['country'], ['GBR']).COUNTRY).toBe('0b407281768f0e833afef47ed464b6571d01ca4d53c12ce5c51d1462f4ad6677');
    expect(cellsOf(['zip'], ['94025-1234']).ZIP).toBe('b9a9cf3cd3723a2e91b7c23ecf68456e872b6e5d86e5cab7f3d45a7302da32c7');
    expect(cellsOf(['zip'], ['SW1A 1AA']).ZIP).toBe('830e1d4b9838bab1f5c2acdb23e0b502ff13a9832c4632e8d67a1d43d3b7f614');
  });

  it('sends MADID and EXTERN_ID raw, as Meta wants', () => {
    expect(cellsOf(['madid', 'extern_id'], ['AECE52E7-03EE-455A-B3C4-E57283966239', ' CRM-0042 '])).toEqual({ MADID: 'aece52e7-03ee-455a-b3c4-e57283966239', EXTERN_ID: 'CRM-0042' });
  });

  it('sends unusable values blank and lists them, keeping the row while one identifier is left', () => {
    const result = prepareRow(planColumns(['email', 'phone', 'gender', 'dob']), ['not-an-email', '+1 650 555 1234', 'other', 'soon']);
    expect(result).toEqual({ cells: ['', sha('16505551234'), '', '', '', ''], unusable: ['EMAIL', 'GEN', 'DOBY', 'DOBM', 'DOBD'] });
  });

  it('drops rows with no identifier left, or too few fields, saying why', () => {
    const plan = planColumns(['email', 'phone', 'lookalike_value']);
    expect(prepareRow(plan, ['bob@', 'n/a', '12'])).toEqual({ dropped: 'no usable identifier (unusable EMAIL, PHONE)' });
    expect(prepareRow(plan, ['', ' ', '12'])).toEqual({ dropped: 'no identifier (all match columns blank)' });
    expect(prepareRow(plan, ['a@b.co'])).toEqual({ dropped: 'has 1 fields, the columns need 3' });
  });
});
