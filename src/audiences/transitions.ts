import type { CustomAudienceRow } from '../store/audience-types.js';

/**
 * How an asynchronous change of an audience settles (docs/async-state.md), the way moto's
 * state manager moves its models on: at once, after N seconds, or on the N-th read.
 */
export type TransitionMode = { mode: 'immediate' } | { mode: 'seconds'; seconds: number } | { mode: 'reads'; reads: number };

export const immediate: TransitionMode = { mode: 'immediate' };

/** Large enough for any test, small enough that now + N stays a valid unix time. */
const maxCount = { seconds: 366 * 24 * 3600, reads: 1_000_000 };

const shape = 'a transition mode is {"mode": "immediate"}, {"mode": "seconds", "seconds": N} or {"mode": "reads", "reads": N}';

/** The mode `--audience-processing N` asks for: N seconds, or immediate for 0. */
export function defaultMode(processingDelay: number): TransitionMode {
  return processingDelay > 0 ? { mode: 'seconds', seconds: processingDelay } : immediate;
}

/** Checks a mode someone wrote (control plane, CLI); throws an Error saying what is wrong. */
export function readTransitionMode(value: unknown): TransitionMode {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(shape);
  const fields = value as Record<string, unknown>;
  const { mode } = fields;
  if (mode === 'immediate') return immediate;
  if (mode === 'seconds') return { mode, seconds: countOf(fields.seconds, 'seconds') };
  if (mode === 'reads') return { mode, reads: countOf(fields.reads, 'reads') };
  throw new Error(shape);
}

function countOf(raw: unknown, name: 'seconds' | 'reads'): number {
  const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > maxCount[name]) {
    throw new Error(`${name} must be a whole number from 0 to ${maxCount[name]}`);
  }
  return value;
}

/** How the audience row spells a mode (its `transition` column): `immediate`, `seconds:30`, `reads:3`. */
export function spellMode(mode: TransitionMode): string {
  return mode.mode === 'immediate' ? 'immediate' : `${mode.mode}:${mode.mode === 'seconds' ? mode.seconds : mode.reads}`;
}

export function parseSpelledMode(text: string): TransitionMode {
  const [mode, count] = text.split(':');
  return readTransitionMode(mode === 'immediate' ? { mode } : { mode, [mode]: count });
}

/** The audience's own mode when it has one, else the global one. */
export function modeOf(audience: Pick<CustomAudienceRow, 'transition'> | undefined, global: TransitionMode): TransitionMode {
  return audience?.transition ? parseSpelledMode(audience.transition) : global;
}

/** The status columns of an audience that say what it shows and when that settles. */
export type StatusColumns = Pick<CustomAudienceRow, 'operation_status' | 'settled_status' | 'processing_until' | 'reads_left'>;

/**
 * What a change writes: `pending` shown (300 updating, 414 replacing, 441 populating) until
 * the mode settles it on `settled`. A change whose code does not move has nothing to wait for.
 */
export function transitionTo(mode: TransitionMode, now: number, codes: { pending: number; settled: number }): StatusColumns {
  const waits = codes.pending !== codes.settled;
  if (waits && mode.mode === 'seconds' && mode.seconds > 0) return { operation_status: codes.pending, settled_status: codes.settled, processing_until: now + mode.seconds, reads_left: 0 };
  if (waits && mode.mode === 'reads' && mode.reads > 0) return { operation_status: codes.pending, settled_status: codes.settled, processing_until: 0, reads_left: mode.reads };
  return settledOn(codes.settled);
}

export function settledOn(code: number): StatusColumns {
  return { operation_status: code, settled_status: code, processing_until: 0, reads_left: 0 };
}

/** Whether a change is still waiting: for its time to pass, or for reads. */
export function isPending(audience: StatusColumns, now: number): boolean {
  return audience.processing_until > now || audience.reads_left > 0;
}
