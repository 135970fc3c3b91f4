import { GraphError } from '../graph/graph-error.js';
import { parseJson as parseSafeJson } from '../graph/params/safe-json.js';
import { multiKeyColumn, RAW_PII_TYPES, readCell, rowMatchKeys, singleKeySchema, type KeySpec } from './matching/index.js';
import { audienceError } from './audience-errors.js';
import type { UploadedRow } from '../store/audience-types.js';

/** Meta's per-request limit on rows added or removed (audience-domain.md §2.2). */
export const maxRowsPerRequest = 10_000;
/** invalid_entry_samples holds at most this many entries. */
export const maxInvalidSamples = 100;

export interface ReadPayload {
  /** The canonical schema, fixed by a session's first batch: `EMAIL_SHA256` or `EMAIL,PHONE,...`. */
  schema: string;
  /** HASHES_OR_USER_IDS for single-key uploads, MULTI_HASHES for multi-key ones. */
  dataSourceSubType: 'HASHES_OR_USER_IDS' | 'MULTI_HASHES';
  rows: UploadedRow[];
  received: number;
  invalid: number;
  /** Offending value -> the schema key it was sent under. */
  invalidSamples: Record<string, string>;
}

/**
 * Validates a /users payload as a whole before anything is written: schema names, row
 * widths and size are request errors (nothing stored); bad cells only make their row an
 * invalid entry, counted and sampled.
 */
export function readPayload(raw: unknown, appUserIds?: ReadonlySet<string>): ReadPayload {
  if (raw === undefined || raw === null || raw === '') throw audienceError('payloadMissing');
  const payload = typeof raw === 'string' ? parseJson(raw) : raw;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw GraphError.of('paramInvalid', { name: 'payload', constraint: 'a JSON object' });
  const { schema, data } = payload as { schema?: unknown; data?: unknown };
  const columns = readSchema(schema);
  if (!Array.isArray(data)) throw audienceError('dataMismatch');
  if (data.length > maxRowsPerRequest) throw audienceError('tooManyRows');
  const needs = new Set(columns.map((c) => c.requires).filter(Boolean));
  if (needs.has('app_ids') && !nonEmptyList((payload as any).app_ids)) throw audienceError('appIdsRequired');
  if (needs.has('page_ids') && !nonEmptyList((payload as any).page_ids)) throw audienceError('pageIdsRequired');
  const single = typeof schema === 'string';
  const result: ReadPayload = {
    schema: single ? (schema as string) : (schema as string[]).join(','),
    dataSourceSubType: single ? 'HASHES_OR_USER_IDS' : 'MULTI_HASHES',
    rows: [],
    received: data.length,
    invalid: 0,
    invalidSamples: {},
  };
  for (const entry of data) {
    const cells = single && !Array.isArray(entry) ? [entry] : entry;
    if (!Array.isArray(cells) || cells.length !== columns.length) throw audienceError('dataMismatch');
    const row = readRow(columns, cells, appUserIds);
    if ('invalid' in row) {
      result.invalid++;
      if (Object.keys(result.invalidSamples).length < maxInvalidSamples) result.invalidSamples[sampleOf(row.value)] = row.key;
    } else {
      result.rows.push(row);
    }
  }
  return result;
}

function readSchema(schema: unknown): KeySpec[] {
  if (typeof schema === 'string') {
    const spec = singleKeySchema(schema) ?? multiKeyColumn(schema);
    if (!spec) throw audienceError('schemaInvalid');
    return [spec];
  }
  if (!Array.isArray(schema) || schema.length === 0) throw audienceError('schemaInvalid');
  return schema.map((name) => {
    const spec = typeof name === 'string' ? multiKeyColumn(name) : undefined;
    if (!spec) throw audienceError('rawPiiInvalid', { keys: RAW_PII_TYPES.join(',') });
    return spec;
  });
}

function readRow(columns: KeySpec[], cells: unknown[], appUserIds: ReadonlySet<string> | undefined): UploadedRow | { invalid: true; value: unknown; key: string } {
  const digests = new Map<string, Buffer>();
  let value: number | undefined;
  let foreign = false;
  for (let i = 0; i < columns.length; i++) {
    const reading = readCell(columns[i].key, cells[i]);
    if ('invalid' in reading) return { invalid: true, value: cells[i], key: columns[i].key };
    // A raw app-scoped id of an app outside app_ids is received but matches no one (a hashed
    // one cannot be traced to its app and is taken as it is).
    if ('digest' in reading && columns[i].key === 'APPUID' && appUserIds && isForeign(String(cells[i]).trim(), appUserIds)) foreign = true;
    else if ('digest' in reading) digests.set(columns[i].key, reading.digest);
    else if ('value' in reading) value = reading.value;
  }
  if (digests.size === 0 && !foreign) return { invalid: true, value: cells.length === 1 ? cells[0] : '', key: columns[0].key };
  return { keys: rowMatchKeys(digests), ...(value !== undefined && { value }) };
}

function isForeign(cell: string, appUserIds: ReadonlySet<string>): boolean {
  return /^\d+$/.test(cell) && !appUserIds.has(cell);
}

function sampleOf(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 100 ? text.slice(0, 100) : text;
}

function nonEmptyList(value: unknown): boolean {
  const list = typeof value === 'string' ? parseJson(value) ?? value.split(',') : value;
  return Array.isArray(list) && list.length > 0;
}

/** Through safe-json: its depth limit keeps sampleOf's JSON.stringify of a cell off the stack's edge. */
function parseJson(text: string): unknown {
  const parsed = parseSafeJson(text);
  return parsed.ok ? parsed.value : undefined;
}
