import type { Config } from '../config.js';
import type { ControlRoutes } from '../control/control-context.js';
import type { RuntimeSettings } from '../state/live-document.js';
import type { SharedState } from '../state/shared-state.js';
import type { Store } from '../store/types.js';
import type { GraphHooks } from './graph-hooks.js';
import { Journal } from '../journal/journal.js';
import { journalHooks } from '../journal/journal-hooks.js';
import { journalRoutes } from '../control/journal-routes.js';
import { rateLimits } from '../limits/rate-limits/index.js';
import { rateLimitRoutes } from '../control/rate-limit-routes.js';
import { faultHooks } from '../limits/faults/fault-hooks.js';
import { faultRoutes } from '../control/fault-routes.js';
import { asyncStateRoutes } from '../control/async-state-routes.js';
import { controlPlaneRoutes } from '../control/control-plane-routes.js';

export interface OperatingDeps {
  config: Config;
  store: Store;
  state: SharedState;
  /** Unix seconds. */
  clock: () => number;
  /** Each feature registers its runtime setting (a LiveDocument) here. */
  settings: RuntimeSettings;
}

export interface Operating {
  /** In order: each hook of a call runs after the ones before it. */
  hooks: GraphHooks[];
  /** Control-plane route groups the operating features add under /_graphd/. */
  controlRoutes: ControlRoutes[];
}

/**
 * Assembles what operates the twin around the Graph handler: the request journal,
 * fault injection and rate limits, each from its own module.
 */
export async function operatingHooks(deps: OperatingDeps): Promise<Operating> {
  const hooks: GraphHooks[] = [];
  const controlRoutes: ControlRoutes[] = [...controlPlaneRoutes];
  // The journal first: its afterCall sees every call, whichever later hook refused it.
  const journal = new Journal(deps.state, deps.config.journalSize);
  if (journal.capacity > 0) hooks.push(journalHooks(journal, deps.store));
  controlRoutes.push(journalRoutes(journal));
  hooks.push(faultHooks(deps.state));
  controlRoutes.push(faultRoutes);
  controlRoutes.push(asyncStateRoutes);
  // Rate limits last, after the journal and faults: a call they refuse is still journaled.
  const limits = rateLimits(deps);
  hooks.push(limits.hooks);
  controlRoutes.push(rateLimitRoutes(limits.document));
  return { hooks, controlRoutes };
}
