import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ColumnPlanError, parseMap, parseSchema, planColumns } from '../../src/uploader/column-plan.js';
import { readRecords } from '../../src/uploader/csv-records.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/uploader/${name}`, import.meta.url));
const header = async (name: string, delimiter: ',' | '\t') => {
  for await (const record of readRecords(fixture(name), { delimiter })) return record.fields;
  throw new Error('empty fixture');
};

describe('uploader: header → match key mapping', () => {
  it('maps the usual header names in any spelling, and lists the columns it leaves out', async () => {
    const plan = planColumns(await header('odd-headers.csv', ','));
    expect(plan.columns.map((c) => [c.header, c.target])).toEqual([
      ['E-Mail Address', 'EMAIL'], ['Mobile Number', 'PHONE'], ['Given Name', 'FN'], ['Surname', 'LN'], ['Date of Birth', 'DOB'],
      ['Sex', 'GEN'], ['Town', 'CT'], ['Province', 'ST'], ['Post Code', 'ZIP'], ['Country', 'COUNTRY'], ['IDFA', 'MADID'], ['Customer ID', 'EXTERN_ID'],
    ]);
    expect(plan.schema).toEqual(['EMAIL', 'PHONE', 'FN', 'LN', 'DOBY', 'DOBM', 'DOBD', 'GEN', 'CT', 'ST', 'ZIP', 'COUNTRY', 'MADID', 'EXTERN_ID']);
    expect(plan.ignored).toEqual(['Notes']);
    expect(plan.hasHeader).toBe(true);
  });

  it('reads the key names themselves, and TSV headers', async () => {
    expect(planColumns(['EMAIL', 'doby', 'first_name', 'first initial', 'zip_code']).schema).toEqual(['EMAIL', 'DOBY', 'FN', 'FI', 'ZIP']);
    expect(planColumns(await header('customers.tsv', '\t')).schema).toEqual(['EMAIL', 'PHONE', 'FN', 'LN', 'ZIP']);
  });

  it('--map names odd headers and skips columns', () => {
    const plan = planColumns(['Correo', 'Telefono', 'email', 'Geburtstag'], { map: parseMap('Correo=EMAIL, Telefono=phone,email=-,Geburtstag=dob') });
    expect(plan.columns.map((c) => [c.index, c.target])).toEqual([[0, 'EMAIL'], [1, 'PHONE'], [3, 'DOB']]);
    expect(plan.ignored).toEqual(['email']);
    expect(() => parseMap('Correo')).toThrow(/should be HEADER=KEY/);
    expect(() => parseMap('Correo=NAME')).toThrow(/"NAME" is not a match key/);
    expect(() => planColumns(['email'], { map: parseMap('Correo=EMAIL') })).toThrow(/does not have: "correo"/);
  });

  it('--schema gives the keys of a headerless file, and skips a header that spells them out', () => {
    const plan = planColumns(['a@b.com', '5551234', 'ignored'], { schema: parseSchema('EMAIL,PHONE,-') });
    expect(plan).toMatchObject({ schema: ['EMAIL', 'PHONE'], hasHeader: false, ignored: [] });
    expect(planColumns(['Email', 'Phone'], { schema: parseSchema('EMAIL,PHONE') }).hasHeader).toBe(true);
    expect(parseSchema('auto')).toBeUndefined();
    expect(() => planColumns(['a', 'b'], { schema: parseSchema('EMAIL') })).toThrow(/names 1 columns but the file's first line has 2/);
  });

  it('refuses two columns for one key, and a file with no match key', () => {
    expect(() => planColumns(['email', 'E-mail'])).toThrow(ColumnPlanError);
    expect(() => planColumns(['email', 'E-mail'])).toThrow(/"email" and "E-mail" both give EMAIL/);
    expect(() => planColumns(['birthday', 'birth_year'])).toThrow(/both give DOBY/);
    expect(() => planColumns(['name', 'notes'])).toThrow(/no column holds a match key/);
    expect(() => planColumns(['value'], { map: parseMap('value=LOOKALIKE_VALUE') })).toThrow(/no column holds a match key/);
  });
});
