/**
 * One crash round against a running graphd: create the round's audiences and people, feed
 * every session at once, and SIGKILL the process at a random moment. What the client saw of
 * each batch is written into the plan (its `fate`); crash-check.ts then compares it with what
 * the restarted graphd holds.
 */
import { graphCall } from '../helpers/graphd-client.js';
import type { GraphdProcess } from '../helpers/processes.js';
import { assignPersonIds, peopleWorld, type PlannedAudience, type PlannedBatch, type PlannedSession } from './crash-plan.js';

export interface Credentials {
  userToken: string;
  act: string;
  adminToken: string;
}

/** Accepts the custom-audience terms (once per database) so customer lists can be created. */
export async function acceptTerms(host: GraphdProcess, credentials: Credentials): Promise<void> {
  const tos = await graphCall(host, credentials.userToken, 'GET', `${credentials.act}/customaudiencestos`);
  const accepted = await graphCall(host, credentials.userToken, 'POST', `${credentials.act}/customaudiencestos`, { tos_id: tos.json.data[0].id });
  if (accepted.status !== 200) throw new Error(`accepting the terms: ${JSON.stringify(accepted.json)}`);
}

export async function createRound(host: GraphdProcess, credentials: Credentials, audiences: PlannedAudience[]): Promise<void> {
  const world = await fetch(`${host.url}/_graphd/world`, {
    method: 'POST',
    headers: { authorization: `Bearer ${credentials.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(peopleWorld(audiences)),
  });
  if (world.status !== 200 && world.status !== 201) throw new Error(`loading the round's people: ${world.status} ${await world.text()}`);
  assignPersonIds(audiences, (await world.json()) as { people: Record<string, { id: string }> });
  for (const audience of audiences) {
    const created = await graphCall(host, credentials.userToken, 'POST', `${credentials.act}/customaudiences`, {
      name: audience.name,
      subtype: 'CUSTOM',
      customer_file_source: 'USER_PROVIDED_ONLY',
    });
    if (created.status !== 200) throw new Error(`creating ${audience.name}: ${JSON.stringify(created.json)}`);
    audience.id = created.json.id;
  }
}

/**
 * Feeds all sessions concurrently, each one batch after another, and kills graphd after
 * `killAfterMs`. Resolves once every session has stopped (the dead socket ends each one).
 */
export async function uploadUntilKilled(host: GraphdProcess, credentials: Credentials, audiences: PlannedAudience[], killAfterMs: number): Promise<void> {
  const killed = new Promise<void>((resolve) => setTimeout(() => void host.kill().then(resolve), killAfterMs));
  const feeds = audiences.flatMap((audience) => audience.sessions.map((session) => feedSession(host, credentials, audience.id, session, session.batches)));
  await Promise.all([killed, ...feeds]);
}

/**
 * Sends the given batches of one session in order, recording each one's fate; stops at the
 * first batch whose answer never comes (the process is gone).
 */
export async function feedSession(host: GraphdProcess, credentials: Credentials, audienceId: string, session: PlannedSession, batches: PlannedBatch[]): Promise<void> {
  const estimated = session.batches.reduce((sum, batch) => sum + batch.rows.length, 0);
  for (const batch of batches) {
    batch.fate = 'in_flight';
    let status: number;
    let json: any;
    try {
      ({ status, json } = await graphCall(host, credentials.userToken, 'POST', `${audienceId}/users`, {
        payload: JSON.stringify({ schema: 'EMAIL_SHA256', data: batch.rows }),
        session: JSON.stringify({ session_id: session.sessionId, batch_seq: batch.batchSeq, last_batch_flag: batch.last, estimated_num_total: estimated }),
      }));
    } catch {
      return;
    }
    batch.fate = status === 200 ? 'acknowledged' : 'refused';
    if (status !== 200) batch.refusal = JSON.stringify(json);
  }
}
