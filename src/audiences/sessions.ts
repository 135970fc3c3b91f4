import { randomInt } from 'node:crypto';
import { GraphError } from '../graph/graph-error.js';
import type { AudienceSessionRow } from '../store/audience-types.js';

/** A session closes 90 minutes after its first batch if no batch says last_batch_flag. */
export const sessionLifetimeSeconds = 90 * 60;

export interface SessionParam {
  session_id: string;
  batch_seq: number;
  last_batch_flag: boolean;
  estimated_num_total: number;
}

/** Reads the `session` param (an object or its JSON text); absent means a one-batch session. */
export function readSessionParam(raw: unknown): SessionParam | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  let value: any = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw GraphError.of('paramInvalid', { name: 'session', constraint: 'a JSON object' });
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw GraphError.of('paramInvalid', { name: 'session', constraint: 'a JSON object' });
  const id = String(value.session_id ?? '');
  if (!/^[1-9]\d{0,18}$/.test(id)) throw GraphError.of('paramInvalid', { name: 'session[session_id]', constraint: 'a positive integer' });
  const batch = Number(value.batch_seq ?? 1);
  if (!Number.isInteger(batch) || batch < 1) throw GraphError.of('paramInvalid', { name: 'session[batch_seq]', constraint: 'a positive integer' });
  const last = value.last_batch_flag;
  return {
    session_id: id,
    batch_seq: batch,
    last_batch_flag: last === true || last === 'true' || last === 1 || last === '1',
    estimated_num_total: Number(value.estimated_num_total ?? 0) || 0,
  };
}

/** Without a session param Meta still answers with a session id: a fresh one-batch session. */
export function implicitSession(): SessionParam {
  return { session_id: String(randomInt(1, 2 ** 47)) + String(randomInt(0, 1000)).padStart(3, '0'), batch_seq: 1, last_batch_flag: true, estimated_num_total: 0 };
}

export function isClosed(session: AudienceSessionRow, now: number): boolean {
  return session.end_time !== 0 || now >= session.start_time + sessionLifetimeSeconds;
}

export interface SessionProgress {
  stage: AudienceSessionRow['stage'];
  num_matched: number;
  /** Percent: received of estimated while uploading or processing (at most 99), 100 once finished. */
  progress: number;
}

/**
 * Where a session stands as reads show it. A session whose last batch started a change that
 * still waits (docs/async-state.md) reads `processing` with num_matched -1 until the audience
 * settles; stored `processing` on a settled audience reads `finished`.
 */
export function sessionProgress(session: AudienceSessionRow, audiencePending: boolean): SessionProgress {
  const stage = session.stage === 'processing' && !audiencePending ? 'finished' : session.stage;
  if (stage === 'finished') return { stage, num_matched: session.num_matched, progress: 100 };
  const progress = session.estimated_num_total > 0 ? Math.min(99, Math.floor((session.num_received / session.estimated_num_total) * 100)) : 0;
  return { stage, num_matched: stage === 'processing' ? -1 : session.num_matched, progress };
}
