import { GraphError } from '../graph/graph-error.js';
import type { Viewer } from '../identity/viewer.js';
import type { AudienceSessionRow, CustomAudienceRow } from '../store/audience-types.js';
import type { Store } from '../store/types.js';
import { assertAccount } from './access.js';
import { audienceError } from './audience-errors.js';
import { appUserIdsInApps } from './app-user-ids.js';
import { readPayload } from './payload.js';
import { currentCode } from './audience-status.js';
import { isClosed, readSessionParam, sessionLifetimeSeconds } from './sessions.js';
import { isPending, settledOn } from './transitions.js';
import type { AudienceTransitions } from './transitions-request.js';
import { answer, applyBatch, assertDataSource, lockAudience } from './upload-users.js';

/** Replace refuses audiences this large (2650/1870144). */
export const maxReplaceMembers = 100_000_000;

/**
 * POST /{custom_audience_id}/usersreplace: batch 1 of a session empties the audience and
 * sets 414 (replace in progress); later batches add; last_batch_flag ends it, and the 414
 * settles as the transition mode says. After 90 minutes the session times out and the
 * audience keeps what was uploaded (2650 subcodes).
 */
export async function replaceUsers(store: Store, viewer: Viewer, audience: CustomAudienceRow, params: { payload?: unknown; session?: unknown }, now: number, transitions: AudienceTransitions) {
  await assertAccount(store, viewer, audience.ad_account_id, 'write');
  if (audience.subtype !== 'CUSTOM') throw audienceError('notCustomerList');
  const param = readSessionParam(params.session);
  if (!param) throw GraphError.of('paramRequired', { name: 'session' });
  const payload = readPayload(params.payload, await appUserIdsInApps(store, params.payload));
  assertDataSource(audience, payload);
  if (audience.member_count >= maxReplaceMembers) throw audienceError('replaceTooLarge');
  const existing = await store.audiences.getSession(audience.id, param.session_id);
  if (existing?.kind === 'replace' && existing.end_time === 0 && isClosed(existing, now)) {
    // The timeout is itself a change to keep: the session ends and the audience settles.
    await endTimedOut(store, audience, existing);
    throw audienceError('replaceTimedOut');
  }
  return store.transaction(async (tx) => {
    audience = await lockAudience(tx, audience, 'post');
    let session = await tx.audiences.getSession(audience.id, param.session_id);
    if (session) {
      if (session.kind !== 'replace') throw audienceError('sessionSchemaChanged');
      if (session.end_time !== 0) throw audienceError(session.end_time === session.start_time + sessionLifetimeSeconds ? 'replaceTimedOut' : 'replaceComplete');
      if (session.schema !== payload.schema) throw audienceError('sessionSchemaChanged');
    } else {
      if (param.batch_seq !== 1) throw audienceError('replaceBadBatch');
      if (currentCode(audience, now) === 414 || isPending(audience, now)) throw audienceError('replaceInProgress');
      await tx.audiences.clearRows(audience.id, now);
      session = newReplaceSession(audience.id, param.session_id, payload.schema, param.estimated_num_total, now);
    }
    await applyBatch(tx, audience, 'add', payload, session, param, now, transitions, (settled) => ({ pending: 414, settled: param.last_batch_flag ? settled : 414 }));
    const { audience_id: _ignored, ...rest } = answer(audience.id, session, payload);
    return { account_id: audience.ad_account_id, ...rest };
  });
}

function newReplaceSession(audienceId: string, sessionId: string, schema: string, estimated: number, now: number): AudienceSessionRow {
  return { audience_id: audienceId, session_id: sessionId, kind: 'replace', start_time: now, end_time: 0, num_received: 0, num_invalid_entries: 0, num_matched: -1, stage: 'uploading', schema, estimated_num_total: estimated };
}

async function endTimedOut(store: Store, audience: CustomAudienceRow, session: AudienceSessionRow): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.audiences.putSession({ ...session, end_time: session.start_time + sessionLifetimeSeconds, stage: 'finished' });
    await tx.audiences.update(audience.id, settledOn(200));
  });
}
