/**
 * Crash rounds on one store: a real `graphd serve` is fed concurrent upload sessions and
 * SIGKILLed at a random moment, then started again on the same database and checked
 * (crash-check.ts). The unanswered batches are then sent again, as a sync retries them, and
 * the sessions finished: replays must count nothing and every batch end up in exactly once.
 * Each restart serves the next round, so N rounds cost N + 1 starts.
 */
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { demoCredentials, graphCall } from '../helpers/graphd-client.js';
import { startGraphd, type GraphdProcess } from '../helpers/processes.js';
import { dropSchema, freshSchemaName, PG_URL } from '../helpers/stores.js';
import { allMembers, checkRound } from './crash-check.js';
import { defaultShape, everyBatch, planRound, type BatchFate, type PlanShape } from './crash-plan.js';
import { acceptTerms, createRound, feedSession, uploadUntilKilled, type Credentials } from './crash-round.js';

export type CrashStore = 'sqlite' | 'postgres';

export interface CrashOptions {
  rounds: number;
  shape?: PlanShape;
  /** The kill lands uniformly within this many milliseconds after the uploads start. */
  killWindowMs?: [number, number];
  onRound?: (result: RoundResult) => void;
}

export interface RoundResult {
  store: CrashStore;
  round: number;
  killAfterMs: number;
  /** What the client saw of the batches at the moment of the kill. */
  fates: Record<BatchFate, number>;
  /** Unanswered batches the restarted graphd turned out to hold. */
  inFlightCommitted: number;
  problems: string[];
}

const adminToken = 'graphd_admin_crash_rounds';

export async function runCrashRounds(store: CrashStore, options: CrashOptions): Promise<RoundResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'graphd-crash-'));
  const schema = store === 'postgres' ? freshSchemaName() : undefined;
  const args = ['--data-dir', dir, '--admin-token', adminToken, ...(schema ? ['--db', `${PG_URL}?schema=${schema}`] : [])];
  let host: GraphdProcess | undefined;
  try {
    host = await startGraphd(args);
    const credentials: Credentials = { ...demoCredentials(host.output()), adminToken };
    await acceptTerms(host, credentials);
    const direct = await openStore(schema ? PG_URL : `sqlite:${join(dir, 'graphd.sqlite')}`, { schema });
    try {
      const results: RoundResult[] = [];
      for (let round = 1; round <= options.rounds; round++) {
        const [low, high] = options.killWindowMs ?? [20, 1500];
        const killAfterMs = randomInt(low, high + 1);
        const audiences = planRound(round, options.shape ?? defaultShape);
        await createRound(host, credentials, audiences);
        await uploadUntilKilled(host, credentials, audiences, killAfterMs);
        const fates = countFates(everyBatch(audiences).map((batch) => batch.fate));
        const inFlight = everyBatch(audiences).filter((batch) => batch.fate === 'in_flight');

        host = await startGraphd(args);
        const problems = await checkStart(host, credentials);
        problems.push(...(await checkRound(host, direct, credentials, audiences)));
        const held = new Set((await Promise.all(audiences.map((audience) => allMembers(direct, audience.id)))).flatMap((members) => [...members]));
        const inFlightCommitted = inFlight.filter((batch) => batch.personIds.every((id) => held.has(id))).length;

        // Retry what was not acknowledged, as a sync would, and finish every session.
        await Promise.all(
          audiences.flatMap((audience) =>
            audience.sessions.map((session) => feedSession(host!, credentials, audience.id, session, session.batches.filter((batch) => batch.fate !== 'acknowledged'))),
          ),
        );
        problems.push(...(await checkRound(host, direct, credentials, audiences, true)).map((problem) => `after the retries: ${problem}`));
        const result = { store, round, killAfterMs, fates, inFlightCommitted, problems };
        options.onRound?.(result);
        results.push(result);
      }
      return results;
    } finally {
      await direct.close();
    }
  } finally {
    await host?.stop();
    rmSync(dir, { recursive: true, force: true });
    if (schema) await dropSchema(schema);
  }
}

/** A clean start: healthy, on the same demo world (same token), answering Graph calls. */
async function checkStart(host: GraphdProcess, credentials: Credentials): Promise<string[]> {
  const problems: string[] = [];
  const health = (await (await fetch(`${host.url}/_graphd/health`)).json()) as { status?: string };
  if (health.status !== 'ok') problems.push(`health after restart: ${JSON.stringify(health)}`);
  if (!host.output().includes(credentials.userToken)) problems.push('the restarted banner shows another demo user token');
  const me = await graphCall(host, credentials.userToken, 'GET', 'me', { fields: 'id,name' });
  if (me.status !== 200) problems.push(`GET /me after restart: ${me.status} ${JSON.stringify(me.json)}`);
  return problems;
}

function countFates(fates: BatchFate[]): Record<BatchFate, number> {
  const counts: Record<BatchFate, number> = { acknowledged: 0, in_flight: 0, unsent: 0, refused: 0 };
  for (const fate of fates) counts[fate]++;
  return counts;
}
