import { GraphError } from '../graph/graph-error.js';
import type { Viewer } from '../identity/viewer.js';
import type { AudienceSessionRow, CustomAudienceRow } from '../store/audience-types.js';
import type { Store } from '../store/types.js';
import { assertAccount } from './access.js';
import { audienceError } from './audience-errors.js';
import { settledStatus } from './audience-lifecycle.js';
import { appUserIdsInApps } from './app-user-ids.js';
import { readPayload, type ReadPayload } from './payload.js';
import { currentCode } from './audience-status.js';
import { implicitSession, isClosed, readSessionParam, type SessionParam } from './sessions.js';
import { isPending } from './transitions.js';
import type { AudienceTransitions } from './transitions-request.js';

export interface UploadAnswer {
  audience_id: string;
  session_id: string;
  num_received: number;
  num_invalid_entries: number;
  invalid_entry_samples: Record<string, string>;
}

/**
 * POST (add) and DELETE (remove) /{custom_audience_id}/users. All or nothing: the payload
 * is read and checked in full first, then rows, session and status are written in one
 * transaction. A replayed batch_seq of a session changes nothing and counts nothing.
 */
export async function uploadUsers(
  store: Store,
  viewer: Viewer,
  audience: CustomAudienceRow,
  kind: 'add' | 'remove',
  params: { payload?: unknown; session?: unknown },
  now: number,
  transitions: AudienceTransitions,
): Promise<UploadAnswer> {
  await assertAccount(store, viewer, audience.ad_account_id, 'write');
  if (audience.subtype !== 'CUSTOM') throw audienceError('notCustomerList');
  if (currentCode(audience, now) === 414) throw audienceError('replaceInProgress');
  const payload = readPayload(params.payload, await appUserIdsInApps(store, params.payload));
  assertDataSource(audience, payload);
  const sessionParam = readSessionParam(params.session) ?? implicitSession();
  return store.transaction(async (tx) => {
    const current = await lockAudience(tx, audience, kind === 'add' ? 'post' : 'delete');
    assertDataSource(current, payload);
    const session = await openSession(tx, current, kind, sessionParam, payload, now);
    await applyBatch(tx, current, kind, payload, session, sessionParam, now, transitions);
    return answer(current.id, session, payload);
  });
}

export function answer(audienceId: string, session: AudienceSessionRow, payload: ReadPayload): UploadAnswer {
  return {
    audience_id: audienceId,
    session_id: session.session_id,
    num_received: session.num_received,
    num_invalid_entries: payload.invalid,
    invalid_entry_samples: payload.invalidSamples,
  };
}

/** An upload shows 300 (updating) until it settles. */
const updating = (settled: number) => ({ pending: 300, settled });

/**
 * Writes one batch of a session: rows, counters, data source and status. A batch_seq the
 * session already has is a replay: nothing is written and nothing counted again. The status
 * moves as the transition mode says; a session whose last batch waits with it shows stage
 * `processing` until the audience settles (docs/async-state.md).
 */
export async function applyBatch(
  tx: Store,
  audience: CustomAudienceRow,
  kind: 'add' | 'remove',
  payload: ReadPayload,
  session: AudienceSessionRow,
  param: SessionParam,
  now: number,
  transitions: AudienceTransitions,
  outcome: (settled: number) => { pending: number; settled: number } = updating,
): Promise<void> {
  if (!(await tx.audiences.recordBatch(audience.id, session.session_id, param.batch_seq))) return;
  const members = kind === 'add' ? await tx.audiences.addRows(audience.id, payload.rows, now) : await tx.audiences.removeRows(audience.id, payload.rows, now);
  session.num_received += payload.received;
  session.num_invalid_entries += payload.invalid;
  const received = Number(audience.attributes.rows_received ?? 0) + (kind === 'add' ? payload.rows.length : 0);
  const status = transitions.change(audience, now, outcome(settledStatus(members, received, session)));
  const waits = isPending(status, now);
  if (param.last_batch_flag) {
    session.end_time = now;
    session.stage = waits ? 'processing' : 'finished';
    session.num_matched = members;
  }
  // This change takes over whatever an earlier session was still processing.
  if (waits) await tx.audiences.finishProcessingSessions(audience.id);
  await tx.audiences.update(audience.id, {
    data_source_type: 'FILE_IMPORTED',
    data_source_sub_type: payload.dataSourceSubType,
    attributes: { ...audience.attributes, rows_received: received },
    ...status,
    time_updated: now,
  });
  await tx.audiences.putSession(session);
}

/**
 * The audience as it is now, held for the rest of the transaction: a batch applied by
 * another request (or process) since it was first read is counted on top, not lost.
 */
export async function lockAudience(tx: Store, audience: CustomAudienceRow, method: string): Promise<CustomAudienceRow> {
  const current = await tx.audiences.lock(audience.id);
  if (!current) throw GraphError.of('unsupportedMethod', { method, id: audience.id });
  return current;
}

/** The first upload fixes the data source: single-key and multi-key uploads do not mix (2650). */
export function assertDataSource(audience: CustomAudienceRow, payload: ReadPayload): void {
  if (audience.data_source_type === 'FILE_IMPORTED' && audience.data_source_sub_type !== payload.dataSourceSubType) {
    throw audienceError('dataSourceFixed', {
      fixed: `FILE_IMPORTED.${audience.data_source_sub_type}`,
      given: `FILE_IMPORTED.${payload.dataSourceSubType}`,
    });
  }
}

async function openSession(store: Store, audience: CustomAudienceRow, kind: AudienceSessionRow['kind'], param: SessionParam, payload: ReadPayload, now: number): Promise<AudienceSessionRow> {
  const existing = await store.audiences.getSession(audience.id, param.session_id);
  if (!existing) {
    return {
      audience_id: audience.id,
      session_id: param.session_id,
      kind,
      start_time: now,
      end_time: 0,
      num_received: 0,
      num_invalid_entries: 0,
      num_matched: -1,
      stage: 'uploading',
      schema: payload.schema,
      estimated_num_total: param.estimated_num_total,
    };
  }
  if (isClosed(existing, now)) throw audienceError('sessionClosed', { session: param.session_id });
  if (existing.schema !== payload.schema || existing.kind !== kind) throw audienceError('sessionSchemaChanged');
  return existing;
}
