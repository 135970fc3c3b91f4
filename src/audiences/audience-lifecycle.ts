import type { AudienceSessionRow } from '../store/audience-types.js';

/** Below this share of matched rows an audience reports 411 (low match rate). */
export const lowMatchRate = 0.2;
/** Above this share of invalid entries in a session an audience reports 412. */
export const highInvalidRate = 0.5;

/**
 * operation_status once a change has settled: 412 when the session's entries were mostly
 * invalid, 411 when few rows matched anyone, 200 otherwise (docs/audiences.md).
 */
export function settledStatus(members: number, rowsReceived: number, session: Pick<AudienceSessionRow, 'num_received' | 'num_invalid_entries'>): number {
  if (session.num_received > 0 && session.num_invalid_entries / session.num_received > highInvalidRate) return 412;
  if (rowsReceived > 0 && members / rowsReceived < lowMatchRate) return 411;
  return 200;
}
