import type { Config } from '../config.js';
import type { ControlRoutes } from '../control/control-context.js';
import type { RuntimeSettings } from '../state/live-document.js';
import type { SharedState } from '../state/shared-state.js';
import type { Store } from '../store/types.js';
import type { GraphHooks } from './graph-hooks.js';

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
  const controlRoutes: ControlRoutes[] = [];
  void deps;
  return { hooks, controlRoutes };
}
