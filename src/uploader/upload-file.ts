/**
 * A customer file uploaded to (or removed from) an audience in one session: batches sent
 * in order with session_id / batch_seq / last_batch_flag / estimated_num_total, each
 * acknowledged batch recorded in the resume file, failures retried by the retry policy.
 */
import { randomInt } from 'node:crypto';
import type { MatchKey, NormalizeOptions } from '../audiences/matching/index.js';
import { readBatches, type Batch, type DroppedRow } from './batches.js';
import { parseMap, parseSchema, planColumns, type ColumnPlan } from './column-plan.js';
import { detectDelimiter, readRecords, type Delimiter } from './csv-records.js';
import type { GraphClient } from './graph-client.js';
import { withRetry, type RetryPolicy, type RetryWait } from './retry.js';
import { audienceOutcome, type AudienceOutcome } from './upload-outcome.js';
import { fileIdentity, readState, removeState, stateFileOf, UploadStateError, writeState, type UploadState } from './upload-state.js';

export interface UploadRequest {
  file: string;
  audienceId: string;
  kind: 'add' | 'remove';
  batchSize: number;
  map?: string;
  schema?: string;
  delimiter?: Delimiter;
  normalize?: NormalizeOptions;
  /** Continue the file's unfinished upload if it has one. */
  resume: boolean;
}

export interface UploadProgress {
  bytes: number;
  totalBytes: number;
  rowsRead: number;
  rowsSent: number;
  rowsDropped: number;
  /** Rows dropped here plus entries the server counted invalid. */
  invalid: number;
  batchSeq: number;
}

export interface UploadEvents {
  start?(info: { plan: ColumnPlan; sessionId: string; resumedAfter?: number; progress: UploadProgress }): void;
  progress?(progress: UploadProgress): void;
  retry?(wait: RetryWait): void;
}

export interface UploadSummary extends AudienceOutcome {
  audienceId: string;
  sessionId: string;
  schema: string[];
  ignoredColumns: string[];
  /** The batch_seq the upload resumed after, when it did. */
  resumedAfter?: number;
  batches: number;
  rowsRead: number;
  rowsDropped: number;
  rowsSent: number;
  /** Dropped rows by reason, and the first few with their lines. */
  drops: Record<string, number>;
  dropExamples: DroppedRow[];
  unusable: Partial<Record<MatchKey, number>>;
}

export interface UploadDeps {
  client: GraphClient;
  retry: RetryPolicy;
  events?: UploadEvents;
  /** A fresh session_id: positive, unique within the ad account, exact as a JSON number. */
  newSessionId?: () => string;
}

export class UploadError extends Error {
  override readonly name = 'UploadError';
}

const DROP_EXAMPLES = 10;
const randomSessionId = () => String(randomInt(1, 2 ** 47));

export async function uploadFile(request: UploadRequest, deps: UploadDeps): Promise<UploadSummary> {
  const { file, audienceId, kind } = request;
  const delimiter = request.delimiter ?? (await detectDelimiter(file));
  const first = await firstRecord(file, delimiter);
  const plan = planColumns(first.fields, { map: parseMap(request.map), schema: parseSchema(request.schema) });
  const identity = await fileIdentity(file);
  const saved = await readState(file);
  if (saved && !request.resume) {
    throw new UploadStateError(`${file} has an unfinished upload (session ${saved.session_id}, ${saved.batch_seq} batches acknowledged): pass --resume to continue it, or delete ${stateFileOf(file)} to start over`);
  }
  if (saved) checkResumable(file, saved, { audienceId, kind, schema: plan.schema, identity });
  const state: UploadState = saved ?? {
    version: 1, audience_id: audienceId, kind, session_id: (deps.newSessionId ?? randomSessionId)(), schema: plan.schema, file: identity,
    batch_seq: 0, offset: plan.hasHeader ? first.end : 0, line: plan.hasHeader ? first.line + 1 : 1,
    rows_read: 0, rows_dropped: 0, rows_sent: 0, num_received: 0, num_invalid_entries: 0, estimated_num_total: 0,
    drops: {}, unusable: {},
  };
  const resumedAfter = saved?.batch_seq;
  const dataStart = plan.hasHeader ? first.end : 0;
  const dropExamples: DroppedRow[] = [];
  const progress = (): UploadProgress => ({
    bytes: state.offset, totalBytes: identity.size, rowsRead: state.rows_read, rowsSent: state.rows_sent,
    rowsDropped: state.rows_dropped, invalid: state.rows_dropped + state.num_invalid_entries, batchSeq: state.batch_seq,
  });
  deps.events?.start?.({ plan, sessionId: state.session_id, resumedAfter, progress: progress() });

  const batches = readBatches({ file, delimiter, plan, start: state.offset, line: state.line, size: request.batchSize, normalize: request.normalize });
  let current = await batches.next();
  let finished = false;
  while (!current.done) {
    const batch = current.value;
    let next = await batches.next();
    // A tail of only dropped rows belongs to the last batch that carries rows.
    if (!next.done && next.value.rows.length === 0) {
      absorb(batch, next.value);
      next = await batches.next();
    }
    if (batch.rows.length === 0) break;
    const last = next.done === true;
    const answer = await sendBatch(request, deps, state, batch, last, estimate(state, batch, identity.size, dataStart, last));
    record(state, batch, answer, dropExamples);
    if (last) {
      await removeState(file);
      finished = true;
    } else await writeState(file, state);
    deps.events?.progress?.(progress());
    current = next;
  }
  if (!finished) {
    const rowsRead = state.rows_read + (current.done ? 0 : current.value.rowsRead);
    throw new UploadError(rowsRead === 0 ? `${file} has no data rows` : `no row of ${file} has a usable identifier; nothing was uploaded`);
  }
  return {
    audienceId, sessionId: state.session_id, schema: plan.schema, ignoredColumns: plan.ignored, resumedAfter,
    batches: state.batch_seq, rowsRead: state.rows_read, rowsDropped: state.rows_dropped, rowsSent: state.rows_sent,
    drops: state.drops, dropExamples, unusable: state.unusable,
    ...(await audienceOutcome(deps.client, audienceId, state)),
  };
}

async function firstRecord(file: string, delimiter: Delimiter) {
  for await (const record of readRecords(file, { delimiter })) return record;
  throw new UploadError(`${file} is empty`);
}

function checkResumable(file: string, saved: UploadState, now: { audienceId: string; kind: string; schema: string[]; identity: UploadState['file'] }): void {
  const problem =
    saved.audience_id !== now.audienceId ? `it was going to audience ${saved.audience_id}` :
    saved.kind !== now.kind ? `it was a${saved.kind === 'add' ? 'n upload' : ' removal'}` :
    saved.schema.join(',') !== now.schema.join(',') ? `its columns were ${saved.schema.join(',')}` :
    saved.file.size !== now.identity.size || saved.file.mtime_ms !== now.identity.mtime_ms ? 'the file changed since' : undefined;
  if (problem) throw new UploadStateError(`cannot resume the upload recorded in ${stateFileOf(file)}: ${problem}; delete that file to start over`);
}

function absorb(into: Batch, tail: Batch): void {
  into.rowsRead += tail.rowsRead;
  into.dropped.push(...tail.dropped);
  into.end = tail.end;
  into.nextLine = tail.nextLine;
}

/** Rows in the whole file, extrapolated from the bytes read so far; exact on the last batch. */
function estimate(state: UploadState, batch: Batch, size: number, dataStart: number, last: boolean): number {
  const sent = state.rows_sent + batch.rows.length;
  if (last) return sent;
  const read = batch.end - dataStart;
  return Math.max(sent, Math.round((sent * (size - dataStart)) / Math.max(read, 1)));
}

interface UsersAnswer {
  session_id?: string;
  num_received?: number;
  num_invalid_entries?: number;
}

function sendBatch(request: UploadRequest, deps: UploadDeps, state: UploadState, batch: Batch, last: boolean, estimatedTotal: number): Promise<UsersAnswer> {
  const params = {
    payload: { schema: state.schema, is_raw: true, data: batch.rows },
    session: { session_id: Number(state.session_id), batch_seq: state.batch_seq + 1, last_batch_flag: last, estimated_num_total: estimatedTotal },
    // Removal as POST with method=DELETE: 10,000 rows do not fit in a DELETE's query string.
    ...(request.kind === 'remove' && { method: 'DELETE' }),
  };
  state.estimated_num_total = estimatedTotal;
  return withRetry(
    async () => (await deps.client.post<UsersAnswer>(`${request.audienceId}/users`, params)).body,
    { ...deps.retry, onRetry: (wait) => (deps.retry.onRetry?.(wait), deps.events?.retry?.(wait)) },
  );
}

function record(state: UploadState, batch: Batch, answer: UsersAnswer, dropExamples: DroppedRow[]): void {
  state.batch_seq++;
  state.offset = batch.end;
  state.line = batch.nextLine;
  state.rows_read += batch.rowsRead;
  state.rows_dropped += batch.dropped.length;
  state.rows_sent += batch.rows.length;
  // num_received is the session's running total; invalid entries are per request.
  state.num_received = Number(answer.num_received ?? state.num_received + batch.rows.length);
  state.num_invalid_entries += Number(answer.num_invalid_entries ?? 0);
  for (const drop of batch.dropped) {
    state.drops[drop.reason] = (state.drops[drop.reason] ?? 0) + 1;
    if (dropExamples.length < DROP_EXAMPLES) dropExamples.push(drop);
  }
  for (const [key, count] of Object.entries(batch.unusable) as [MatchKey, number][]) state.unusable[key] = (state.unusable[key] ?? 0) + count;
}
