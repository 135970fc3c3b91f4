/**
 * What the server says once the last batch is in: the session's counters (num_matched only
 * once Meta has computed it; "-1" before) and the audience's size bounds. Read with plain
 * GETs of /{id}/sessions and /{id}; a failure here never undoes a finished upload.
 */
import type { GraphClient } from './graph-client.js';
import type { UploadState } from './upload-state.js';

export interface AudienceOutcome {
  numReceived: number;
  numInvalidEntries: number;
  numMatched?: number;
  stage?: string;
  lowerBound?: number;
  upperBound?: number;
  operationStatus?: { code: number; description: string };
  /** Why the outcome could not be read, when it could not. */
  outcomeProblem?: string;
}

interface SessionRead {
  num_received?: string;
  num_invalid_entries?: string;
  num_matched?: string;
  stage?: string;
}

export async function audienceOutcome(client: GraphClient, audienceId: string, state: UploadState): Promise<AudienceOutcome> {
  const outcome: AudienceOutcome = { numReceived: state.num_received, numInvalidEntries: state.num_invalid_entries };
  try {
    const sessions = await client.get<{ data?: SessionRead[] }>(`${audienceId}/sessions`, { session_id: state.session_id });
    const session = sessions.body.data?.[0];
    if (session) {
      outcome.numReceived = Number(session.num_received ?? outcome.numReceived);
      outcome.numInvalidEntries = Number(session.num_invalid_entries ?? outcome.numInvalidEntries);
      const matched = Number(session.num_matched ?? -1);
      if (matched >= 0) outcome.numMatched = matched;
      outcome.stage = session.stage;
    }
    const audience = await client.get<{ approximate_count_lower_bound?: number; approximate_count_upper_bound?: number; operation_status?: AudienceOutcome['operationStatus'] }>(audienceId, {
      fields: 'approximate_count_lower_bound,approximate_count_upper_bound,operation_status',
    });
    outcome.lowerBound = audience.body.approximate_count_lower_bound;
    outcome.upperBound = audience.body.approximate_count_upper_bound;
    outcome.operationStatus = audience.body.operation_status;
  } catch (error) {
    outcome.outcomeProblem = (error as Error).message;
  }
  return outcome;
}
