/**
 * What must hold after graphd died in the middle of uploads and started again:
 *
 * - every acknowledged batch is in, once: its people are members, and the session's
 *   num_received and the audience's rows_received count its rows exactly once;
 * - a batch whose answer never came is in whole or not at all (never some of its people);
 * - a batch never sent (or refused) is not in;
 * - member_count equals the members the audience holds.
 *
 * Members and counters are read from the store directly (the API rounds sizes); session
 * counters through the API, as a sync reads them.
 */
import { graphCall } from '../helpers/graphd-client.js';
import type { GraphdProcess } from '../helpers/processes.js';
import type { Store } from '../../src/store/types.js';
import type { Credentials } from './crash-round.js';
import type { PlannedAudience, PlannedBatch } from './crash-plan.js';

/** The problems found, empty when consistent; `finished`: every session must also have ended. */
export async function checkRound(host: GraphdProcess, store: Store, credentials: Credentials, audiences: PlannedAudience[], finished = false): Promise<string[]> {
  const problems: string[] = [];
  for (const audience of audiences) {
    const members = await allMembers(store, audience.id);
    const where = (batch: PlannedBatch, sessionId: string) => `${audience.name} session ${sessionId} batch ${batch.batchSeq} (${batch.fate})`;
    const held = new Set<string>();
    let rowsIn = 0;
    for (const session of audience.sessions) {
      let sessionRows = 0;
      for (const batch of session.batches) {
        const present = batch.personIds.filter((id) => members.has(id)).length;
        batch.personIds.forEach((id) => held.add(id));
        if (present > 0 && present < batch.personIds.length) problems.push(`${where(batch, session.sessionId)}: half-applied, ${present}/${batch.personIds.length} people in`);
        const isIn = present === batch.personIds.length;
        if (batch.fate === 'acknowledged' && !isIn) problems.push(`${where(batch, session.sessionId)}: acknowledged but lost`);
        if ((batch.fate === 'unsent' || batch.fate === 'refused') && present > 0) problems.push(`${where(batch, session.sessionId)}: never applied by the client, yet in`);
        if (batch.fate === 'refused') problems.push(`${where(batch, session.sessionId)}: refused: ${batch.refusal}`);
        if (isIn) sessionRows += batch.rows.length;
      }
      rowsIn += sessionRows;
      const shown = await readSession(host, credentials, audience.id, session.sessionId);
      if (shown.num_received !== sessionRows) problems.push(`${audience.name} session ${session.sessionId}: num_received ${shown.num_received}, the batches in hold ${sessionRows} rows`);
      if (finished && shown.stage !== 'finished') problems.push(`${audience.name} session ${session.sessionId}: stage ${shown.stage} after its last batch`);
    }
    const strangers = [...members].filter((id) => !held.has(id));
    if (strangers.length > 0) problems.push(`${audience.name}: ${strangers.length} members no batch brought`);
    const row = await store.audiences.get(audience.id);
    if (row?.member_count !== members.size) problems.push(`${audience.name}: member_count ${row?.member_count}, members ${members.size}`);
    const rowsReceived = Number(row?.attributes.rows_received ?? 0);
    if (rowsReceived !== rowsIn) problems.push(`${audience.name}: rows_received ${rowsReceived}, the batches in hold ${rowsIn} rows`);
  }
  return problems;
}

/** The session as the API shows it; none received when it never got a batch. */
async function readSession(host: GraphdProcess, credentials: Credentials, audienceId: string, sessionId: string): Promise<{ num_received: number; stage?: string }> {
  const answer = await graphCall(host, credentials.userToken, 'GET', `${audienceId}/sessions`, { session_id: sessionId });
  if (answer.status !== 200) throw new Error(`reading session ${sessionId}: ${JSON.stringify(answer.json)}`);
  const session = answer.json.data[0];
  return session ? { num_received: Number(session.num_received), stage: session.stage } : { num_received: 0 };
}

export async function allMembers(store: Store, audienceId: string): Promise<Set<string>> {
  const members = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const page = await store.audiences.members(audienceId, { limit: 5000, after });
    page.rows.forEach((id) => members.add(id));
    if (!page.more || page.rows.length === 0) return members;
    after = page.rows[page.rows.length - 1];
  }
}
