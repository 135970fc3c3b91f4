import type { Store } from '../store/types.js';
import { currentCode } from './audience-status.js';
import { isPending, modeOf, parseSpelledMode, spellMode, type TransitionMode } from './transitions.js';

/** Where one audience stands: its own mode, the mode in force, and the change it waits on. */
export interface AudienceTransitionView {
  id: string;
  /** The audience's own mode; null follows the global one. */
  mode: TransitionMode | null;
  effective: TransitionMode;
  pending: boolean;
  /** operation_status.code as a read shows it now, and the code it settles on. */
  operation_status: number;
  settled_status: number;
  /** Unix time a change settles by time (0: none), and the reads one still waits for. */
  processing_until: number;
  reads_left: number;
}

export async function audienceTransition(store: Store, id: string, global: TransitionMode, now: number): Promise<AudienceTransitionView | undefined> {
  const audience = await store.audiences.get(id);
  if (!audience) return undefined;
  const pending = isPending(audience, now);
  return {
    id,
    mode: audience.transition ? parseSpelledMode(audience.transition) : null,
    effective: modeOf(audience, global),
    pending,
    operation_status: currentCode(audience, now),
    settled_status: audience.settled_status,
    processing_until: pending ? audience.processing_until : 0,
    reads_left: audience.reads_left,
  };
}

/** Sets the audience's own mode (null: back to the global one), for its next changes; false when there is no such audience. */
export async function setAudienceTransition(store: Store, id: string, mode: TransitionMode | null): Promise<boolean> {
  if (!(await store.audiences.get(id))) return false;
  await store.audiences.update(id, { transition: mode === null ? null : spellMode(mode) });
  return true;
}

/** Settles the audience's pending change now, whatever it waits for; false when there is no such audience. */
export async function advanceAudience(store: Store, id: string): Promise<boolean> {
  if (!(await store.audiences.get(id))) return false;
  await store.audiences.settleNow(id);
  return true;
}
