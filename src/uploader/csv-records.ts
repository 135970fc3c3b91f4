/**
 * A streaming CSV/TSV reader (RFC 4180 quoting: quoted fields may hold delimiters, quotes
 * doubled as "" and line breaks). It works on bytes, not text: the delimiter, quote and
 * line-break bytes never occur inside a UTF-8 multi-byte character, so each record's byte
 * offset is exact — that is what a resumed upload seeks to.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';

export interface CsvRecord {
  fields: string[];
  /** Byte offset just past this record (and its line break) in the file. */
  end: number;
  /** 1-based line on which the record starts. */
  line: number;
}

export type Delimiter = ',' | '\t' | ';';

export class CsvError extends Error {
  override readonly name = 'CsvError';
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Tab for .tsv/.tab files; otherwise whichever of , ; and tab the first line has most of. */
export async function detectDelimiter(path: string): Promise<Delimiter> {
  const ext = extname(path).toLowerCase();
  if (ext === '.tsv' || ext === '.tab') return '\t';
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
    const first = buffer.toString('utf8', 0, bytesRead).split(/\r?\n/, 1)[0];
    const count = (d: string) => first.split(d).length - 1;
    const candidates: Delimiter[] = [',', '\t', ';'];
    return candidates.reduce((best, d) => (count(d) > count(best) ? d : best), ',');
  } finally {
    await handle.close();
  }
}

/**
 * The records of `path` from byte `start` (a record boundary: 0 or a CsvRecord.end).
 * Blank lines are skipped. A quoted field still open at the end of the file is an error.
 */
export async function* readRecords(path: string, options: { delimiter: Delimiter; start?: number; line?: number }): AsyncGenerator<CsvRecord> {
  const delimiter = options.delimiter.charCodeAt(0);
  let base = options.start ?? 0;
  let line = options.line ?? 1;
  let pending: Buffer = Buffer.alloc(0);
  const drain = function* (final: boolean): Generator<CsvRecord> {
    let pos = base === 0 && pending.subarray(0, 3).equals(BOM) ? 3 : 0;
    for (;;) {
      if (pos >= pending.length) break;
      const parsed = parseRecord(pending, pos, delimiter, final, line);
      if (!parsed) break;
      const record = { fields: parsed.fields, end: base + parsed.next, line };
      line += countLineFeeds(pending, pos, parsed.next);
      pos = parsed.next;
      if (!(record.fields.length === 1 && record.fields[0] === '')) yield record;
    }
    pending = pending.subarray(pos);
    base += pos;
  };
  for await (const chunk of createReadStream(path, { start: base, highWaterMark: 256 * 1024 })) {
    pending = pending.length === 0 ? (chunk as Buffer) : Buffer.concat([pending, chunk as Buffer]);
    yield* drain(false);
  }
  yield* drain(true);
}

function countLineFeeds(buffer: Buffer, from: number, to: number): number {
  let count = 0;
  for (let i = buffer.indexOf(LF, from); i !== -1 && i < to; i = buffer.indexOf(LF, i + 1)) count++;
  return count;
}

/**
 * One record starting at `pos`, or undefined when the buffer ends inside it and more bytes
 * may follow (`final` false). Returns the offset after the record's line break.
 */
function parseRecord(buffer: Buffer, pos: number, delimiter: number, final: boolean, line: number): { fields: string[]; next: number } | undefined {
  const fields: string[] = [];
  const length = buffer.length;
  const isEnd = (byte: number) => byte === delimiter || byte === CR || byte === LF;
  for (;;) {
    let field: string;
    if (buffer[pos] === QUOTE) {
      const parts: Buffer[] = [];
      let i = pos + 1;
      let segment = i;
      for (;;) {
        if (i >= length) {
          if (!final) return undefined;
          throw new CsvError(`line ${line}: a quoted field is never closed`);
        }
        if (buffer[i] === QUOTE) {
          if (i + 1 >= length && !final) return undefined;
          if (buffer[i + 1] === QUOTE) {
            parts.push(buffer.subarray(segment, i + 1));
            i += 2;
            segment = i;
            continue;
          }
          parts.push(buffer.subarray(segment, i));
          i++;
          break;
        }
        i++;
      }
      // Text after the closing quote (`"a"b`) is kept, as spreadsheets do, rather than refused.
      let j = i;
      while (j < length && !isEnd(buffer[j])) j++;
      parts.push(buffer.subarray(i, j));
      field = Buffer.concat(parts).toString('utf8');
      pos = j;
    } else {
      let j = pos;
      while (j < length && !isEnd(buffer[j])) j++;
      field = buffer.toString('utf8', pos, j);
      pos = j;
    }
    fields.push(field);
    if (pos >= length) return final ? { fields, next: pos } : undefined;
    const byte = buffer[pos];
    if (byte === delimiter) {
      pos++;
      if (pos >= length && !final) return undefined;
      continue;
    }
    if (byte === CR) {
      if (pos + 1 >= length && !final) return undefined;
      return { fields, next: buffer[pos + 1] === LF ? pos + 2 : pos + 1 };
    }
    return { fields, next: pos + 1 };
  }
}
