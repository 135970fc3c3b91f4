import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvError, detectDelimiter, readRecords, type CsvRecord, type Delimiter } from '../../src/uploader/csv-records.js';

const dir = mkdtempSync(join(tmpdir(), 'graphd-csv-'));
let n = 0;
const fileWith = (content: string | Buffer, ext = '.csv') => {
  const path = join(dir, `f${n++}${ext}`);
  writeFileSync(path, content);
  return path;
};
const all = async (path: string, delimiter: Delimiter = ',', start?: number, line?: number) => {
  const out: CsvRecord[] = [];
  for await (const record of readRecords(path, { delimiter, start, line })) out.push(record);
  return out;
};

describe('uploader: streaming CSV/TSV records', () => {
  it('reads quoted fields holding delimiters, doubled quotes and line breaks', async () => {
    const path = fileWith('a,b,c\n"x, y","say ""hi""","two\nlines"\nplain,,last\n');
    const records = await all(path);
    expect(records.map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
      ['plain', '', 'last'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('handles CRLF, a BOM, blank lines, a missing final line break and a trailing empty field', async () => {
    const path = fileWith(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('email,phone\r\n\r\nA@b.c,1\r\nx@y.z,\n\nlast,2')]));
    const records = await all(path);
    expect(records.map((r) => r.fields)).toEqual([['email', 'phone'], ['A@b.c', '1'], ['x@y.z', ''], ['last', '2']]);
    expect(records.map((r) => r.line)).toEqual([1, 3, 4, 6]);
  });

  it('gives exact byte offsets with multi-byte text, so reading can restart at any record', async () => {
    const path = fileWith('fn,ct\nJosé,São Paulo\n"Zoë ""Z""",Zürich\n李,北京\n');
    const records = await all(path);
    const resumed = await all(path, ',', records[1].end, records[2].line);
    expect(resumed).toEqual(records.slice(2));
    expect(records.at(-1)!.end).toBe(Buffer.byteLength('fn,ct\nJosé,São Paulo\n"Zoë ""Z""",Zürich\n李,北京\n'));
  });

  it('reads records that straddle the stream chunks of a large file', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => [`user${i}@example.com`, `"Ünïcödé ${i}, with ""quotes""\nand a break"`, String(i)]);
    const path = fileWith(`email,note,n\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    const records = await all(path);
    expect(records).toHaveLength(30_001);
    expect(records[12_345 + 1].fields).toEqual(['user12345@example.com', 'Ünïcödé 12345, with "quotes"\nand a break', '12345']);
    expect(records[30_000].line).toBe(2 + 2 * 29_999);
  });

  it('reads TSV and refuses a quoted field that never closes', async () => {
    expect((await all(fileWith('email\tphone\n"a\tb"\t2\n', '.tsv'), '\t')).map((r) => r.fields)).toEqual([['email', 'phone'], ['a\tb', '2']]);
    await expect(all(fileWith('email\n"open\nrest'))).rejects.toThrow(CsvError);
    await expect(all(fileWith('email\n"open\nrest'))).rejects.toThrow(/line 2: a quoted field is never closed/);
  });

  it('detects the delimiter from the extension, else from the header line', async () => {
    expect(await detectDelimiter(fileWith('a,b\n', '.tsv'))).toBe('\t');
    expect(await detectDelimiter(fileWith('email\tphone\tfn\n'))).toBe('\t');
    expect(await detectDelimiter(fileWith('email;phone;fn\n'))).toBe(';');
    expect(await detectDelimiter(fileWith('email,phone\n'))).toBe(',');
    expect(await detectDelimiter(fileWith('email\n'))).toBe(',');
  });
});
