import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { RuntimeSettings } from '../state/live-document.js';
import type { SharedState } from '../state/shared-state.js';
import type { Store } from '../store/types.js';

/** What every control-plane route group gets. */
export interface ControlContext {
  config: Config;
  store: Store;
  state: SharedState;
  /** Unix seconds. */
  clock: () => number;
  /** The runtime settings features registered (rate limits, async state ...). */
  settings: RuntimeSettings;
}

/**
 * A group of control-plane routes. `app` is already scoped to the /_graphd prefix and
 * guarded by the admin token: register `/faults`, not `/_graphd/faults`.
 */
export type ControlRoutes = (app: FastifyInstance, ctx: ControlContext) => void | Promise<void>;
