import { describe, expect, it } from 'vitest';
import {
  digestOf, normalize, personIdentifiers, personMatchKeys, readCell, rowMatchesPerson, rowMatchKeys, sha256Hex,
  type IdentifierKey,
} from '../../../src/audiences/matching/index.js';
import type { PersonRow } from '../../../src/store/types.js';

const person: PersonRow = {
  id: '100001', first_name: 'José', middle_name: null, last_name: "O'Brien-Smith",
  email: 'Jose.OBrien7@example.com', phone: '+15125550123', birthday: '07/04/1990', gender: 'male',
  locale: 'en_US', timezone: -6, city: 'Austin', state: 'TX', zip: '78701', country: 'US', hometown: null,
  verified: true, is_test_user: false, test_password: null, profile: {}, created_time: 0, updated_time: 0,
};
const MADID = 'aece52e7-03ee-455a-b3c4-e57283966239';
const identifiers = personIdentifiers(person, { madids: [MADID.toUpperCase()], externIds: ['CRM-0042'] });

/** A row as the server builds it: readCell over advertiser-normalised, hashed cells. */
function uploadedRow(cells: Partial<Record<IdentifierKey, string>>): Map<string, Buffer> {
  const row = new Map<string, Buffer>();
  for (const [key, raw] of Object.entries(cells) as [IdentifierKey, string][]) {
    const normalized = normalize(key, raw)!;
    const cell = ['MADID', 'EXTERN_ID', 'APPUID', 'PAGEUID'].includes(key) ? normalized : sha256Hex(normalized);
    const reading = readCell(key, cell);
    if ('digest' in reading) row.set(key, reading.digest);
  }
  return row;
}

describe('personIdentifiers', () => {
  it('digests every field as an upload of the doc-normalised hash would be', () => {
    const byKey = Object.fromEntries(identifiers.map(({ key, digest }) => [key, digest.toString('hex')]));
    expect(byKey).toEqual({
      EMAIL: sha256Hex('jose.obrien7@example.com'),
      PHONE: sha256Hex('15125550123'),
      FN: sha256Hex('josé'),
      LN: '16765783f9c8c8a3accf27f1abb877688cb5904c21a4a7afb5f125bcfcb246ba',
      FI: sha256Hex('j'),
      GEN: '62c66a7a5dd70c3146618063c344e531e6d4b59e379808443ce962b3abd63c5a',
      DOBY: 'a7be8e1fe282a37cd666e0632b17d933fa13f21addf4798fc0455bc166e2488c',
      DOBM: sha256Hex('07'),
      DOBD: sha256Hex('04'),
      CT: sha256Hex('austin'),
      ST: sha256Hex('tx'),
      ZIP: sha256Hex('78701'),
      COUNTRY: '79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621',
      MADID: digestOf('MADID', MADID).toString('hex'),
      EXTERN_ID: digestOf('EXTERN_ID', 'CRM-0042').toString('hex'),
    });
  });

  it('skips what a person lacks and reads partial birthdays', () => {
    const sparse = personIdentifiers({ ...person, email: null, phone: null, birthday: '1990', city: null });
    expect(sparse.map((i) => i.key)).toEqual(['FN', 'LN', 'FI', 'GEN', 'DOBY', 'ST', 'ZIP', 'COUNTRY']);
    const noYear = personIdentifiers({ ...person, birthday: '12/25' }).map((i) => i.key);
    expect(noYear).toContain('DOBM');
    expect(noYear).not.toContain('DOBY');
  });
});

describe('the match rule', () => {
  it('matches on any one strong key', () => {
    expect(rowMatchesPerson(uploadedRow({ EMAIL: ' JOSE.OBRIEN7@example.com' }), identifiers)).toBe(true);
    expect(rowMatchesPerson(uploadedRow({ PHONE: '+1 (512) 555-0123' }), identifiers)).toBe(true);
    expect(rowMatchesPerson(uploadedRow({ MADID }), identifiers)).toBe(true);
    expect(rowMatchesPerson(uploadedRow({ EXTERN_ID: 'CRM-0042', EMAIL: 'someone@else.com' }), identifiers)).toBe(true);
  });

  it('matches FN+LN+ZIP, FI+LN+CT+ST and FN+LN+full DOB, but not names alone', () => {
    expect(rowMatchesPerson(uploadedRow({ FN: 'Jose\u0301', LN: 'OBrien Smith', ZIP: '78701-0001' }), identifiers)).toBe(true);
    expect(rowMatchesPerson(uploadedRow({ FI: 'J', LN: "O'Brien-Smith", CT: 'AUSTIN', ST: 'Texas' }), identifiers)).toBe(true);
    expect(
      rowMatchesPerson(uploadedRow({ FN: 'José', LN: "O'Brien-Smith", DOBY: '1990', DOBM: '7', DOBD: '4' }), identifiers),
    ).toBe(true);
    expect(rowMatchesPerson(uploadedRow({ FN: 'José', LN: "O'Brien-Smith" }), identifiers)).toBe(false);
    expect(rowMatchesPerson(uploadedRow({ FN: 'José', LN: "O'Brien-Smith", CT: 'Austin' }), identifiers)).toBe(false);
    expect(rowMatchesPerson(uploadedRow({ FN: 'José', LN: "O'Brien-Smith", DOBY: '1990', DOBM: '7' }), identifiers)).toBe(false);
    expect(rowMatchesPerson(uploadedRow({ GEN: 'm', COUNTRY: 'us', ZIP: '78701', DOBY: '1990' }), identifiers)).toBe(false);
  });

  it('does not match when a combination disagrees in one part', () => {
    expect(rowMatchesPerson(uploadedRow({ FN: 'Josef', LN: "O'Brien-Smith", ZIP: '78701' }), identifiers)).toBe(false);
    expect(rowMatchesPerson(uploadedRow({ FN: 'José', LN: "O'Brien-Smith", ZIP: '78702' }), identifiers)).toBe(false);
  });

  it('keeps key namespaces apart: an EXTERN_ID equal to a phone number is not that phone', () => {
    expect(rowMatchesPerson(uploadedRow({ EXTERN_ID: '15125550123' }), identifiers)).toBe(false);
  });

  it('is an equality join: 32-byte keys, deterministic, one per strong key or combination', () => {
    const row = uploadedRow({ EMAIL: 'a@b.co', FN: 'Ann', FI: 'A', LN: 'Lee', ZIP: '10001' });
    const keys = rowMatchKeys(row);
    expect(keys).toHaveLength(3); // EMAIL, FN+LN+ZIP, FI+LN+ZIP
    expect(keys.every((k) => k.length === 32)).toBe(true);
    expect(rowMatchKeys(row).map(String)).toEqual(keys.map(String));
    expect(personMatchKeys(identifiers)).toHaveLength(4 + 6); // EMAIL PHONE MADID EXTERN_ID + all six combinations
  });
});
