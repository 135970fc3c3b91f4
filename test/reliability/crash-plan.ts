/**
 * What one crash round uploads, made so that every batch can be told apart afterwards: each
 * batch carries its own people (whose membership shows whether the batch is in) and its own
 * unmatched hashes (which only the counters see). Nothing is shared between batches, so
 * "present once", "absent" and "half-applied" are each visible.
 */
import { createHash, randomBytes } from 'node:crypto';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface PlanShape {
  audiences: number;
  sessionsPerAudience: number;
  /** Upper bound: a session sends batches one after another until the process dies or this many are sent. */
  batchesPerSession: number;
  peoplePerBatch: number;
  unmatchedPerBatch: number;
}

export const defaultShape: PlanShape = { audiences: 3, sessionsPerAudience: 2, batchesPerSession: 40, peoplePerBatch: 2, unmatchedPerBatch: 198 };

/** What the client knows about a batch: answered 200, or sent and never answered, or never sent. */
export type BatchFate = 'acknowledged' | 'in_flight' | 'unsent' | 'refused';

export interface PlannedBatch {
  batchSeq: number;
  last: boolean;
  emails: string[];
  /** The rows as sent: the people's hashed emails, then the unmatched hashes. */
  rows: string[];
  fate: BatchFate;
  /** The error a refused batch was answered with. */
  refusal?: string;
  /** The person ids of `emails`, known once the world file is loaded. */
  personIds: string[];
}

export interface PlannedSession {
  sessionId: string;
  batches: PlannedBatch[];
}

export interface PlannedAudience {
  name: string;
  id: string;
  sessions: PlannedSession[];
}

export function planRound(round: number, shape: PlanShape): PlannedAudience[] {
  const tag = randomBytes(4).toString('hex');
  return Array.from({ length: shape.audiences }, (_, a) => ({
    name: `crash ${tag} round ${round} audience ${a}`,
    id: '',
    sessions: Array.from({ length: shape.sessionsPerAudience }, (_, s) => ({
      sessionId: String(1000 * (a + 1) + s + 1),
      batches: Array.from({ length: shape.batchesPerSession }, (_, b) => {
        const emails = Array.from({ length: shape.peoplePerBatch }, (_, p) => `crash.${tag}.a${a}.s${s}.b${b}.p${p}@example.com`);
        const unmatched = Array.from({ length: shape.unmatchedPerBatch }, () => sha256(`${randomBytes(12).toString('hex')}@nowhere.example`));
        return { batchSeq: b + 1, last: b + 1 === shape.batchesPerSession, emails, rows: [...emails.map(sha256), ...unmatched], fate: 'unsent' as BatchFate, personIds: [] };
      }),
    })),
  }));
}

/** The world file that creates every planned person, keyed so the answer maps emails to ids. */
export function peopleWorld(audiences: PlannedAudience[]): { people: object[] } {
  const emails = everyBatch(audiences).flatMap((batch) => batch.emails);
  return { people: emails.map((email, i) => ({ key: `p${i}`, first_name: 'Crash', last_name: `Person${i}`, email })) };
}

export function assignPersonIds(audiences: PlannedAudience[], answer: { people: Record<string, { id: string }> }): void {
  let i = 0;
  for (const batch of everyBatch(audiences)) batch.personIds = batch.emails.map(() => answer.people[`p${i++}`].id);
}

export function everyBatch(audiences: PlannedAudience[]): PlannedBatch[] {
  return audiences.flatMap((audience) => audience.sessions.flatMap((session) => session.batches));
}
