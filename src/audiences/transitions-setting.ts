import { LiveDocument, type RuntimeSettings } from '../state/live-document.js';
import type { SharedState } from '../state/shared-state.js';
import { defaultMode, readTransitionMode, type TransitionMode } from './transitions.js';

/** The runtime setting holding the global transition mode, as /_graphd/settings lists it. */
export const asyncStateName = 'async_state';

/** The global mode every process obeys; until someone sets it, what `--audience-processing` says. */
export function asyncStateDocument(state: SharedState, processingDelay: number): LiveDocument<TransitionMode> {
  return new LiveDocument(state, asyncStateName, () => defaultMode(processingDelay), readTransitionMode);
}

/** The async_state document the app registered. */
export function asyncStateIn(settings: RuntimeSettings): LiveDocument<TransitionMode> {
  const document = settings.get(asyncStateName);
  if (!document) throw new Error(`graphd: the ${asyncStateName} setting is not registered`);
  return document as LiveDocument<TransitionMode>;
}
