/**
 * Prepared rows in batches of at most `size` (Meta takes 10,000 rows a request). Each batch
 * knows the byte offset where it ends, so the upload can resume right after it, and counts
 * the rows it read and dropped on the way.
 */
import type { MatchKey, NormalizeOptions } from '../audiences/matching/index.js';
import type { ColumnPlan } from './column-plan.js';
import { readRecords, type Delimiter } from './csv-records.js';
import { prepareRow } from './prepare-row.js';

/** Meta's limit on rows per /users request. */
export const MAX_BATCH_ROWS = 10_000;

export interface DroppedRow {
  line: number;
  reason: string;
}

export interface Batch {
  rows: (string | number)[][];
  /** Byte offset just past the batch's last record, and the line after it. */
  end: number;
  nextLine: number;
  rowsRead: number;
  dropped: DroppedRow[];
  /** Values that could not be used (sent blank), by key. */
  unusable: Partial<Record<MatchKey, number>>;
}

export interface BatchSource {
  file: string;
  delimiter: Delimiter;
  plan: ColumnPlan;
  /** Where data starts (after the header, or where a resumed upload left off). */
  start: number;
  line: number;
  size: number;
  normalize?: NormalizeOptions;
}

/** The batches from `start` to the end of the file; the last one may hold only dropped rows. */
export async function* readBatches(source: BatchSource): AsyncGenerator<Batch> {
  const fresh = (): Batch => ({ rows: [], end: source.start, nextLine: source.line, rowsRead: 0, dropped: [], unusable: {} });
  let batch = fresh();
  for await (const record of readRecords(source.file, { delimiter: source.delimiter, start: source.start, line: source.line })) {
    const prepared = prepareRow(source.plan, record.fields, source.normalize);
    batch.rowsRead++;
    if ('dropped' in prepared) batch.dropped.push({ line: record.line, reason: prepared.dropped });
    else {
      batch.rows.push(prepared.cells);
      for (const key of prepared.unusable) batch.unusable[key] = (batch.unusable[key] ?? 0) + 1;
    }
    batch.end = record.end;
    batch.nextLine = record.line + countBreaks(record.fields) + 1;
    if (batch.rows.length === source.size) {
      yield batch;
      batch = { ...fresh(), end: batch.end, nextLine: batch.nextLine };
    }
  }
  if (batch.rowsRead > 0) yield batch;
}

/** Line breaks inside quoted fields: the next record starts that many lines further down. */
function countBreaks(fields: string[]): number {
  return fields.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
}
