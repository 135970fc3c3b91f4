import type { Config } from '../../config.js';
import type { GraphHooks } from '../../server/graph-hooks.js';
import type { LiveDocument, RuntimeSettings } from '../../state/live-document.js';
import type { SharedState } from '../../state/shared-state.js';
import type { Store } from '../../store/types.js';
import { rateLimitHooks } from './rate-limit-hooks.js';
import { rateLimitDocument, type RateLimitSettings } from './settings.js';

export interface RateLimits {
  hooks: GraphHooks;
  /** The `rate_limits` runtime setting (registered in the install's settings). */
  document: LiveDocument<RateLimitSettings>;
}

/** Meta's rate limits for one process: the runtime setting (defaults from --rate-limits) and the hooks that obey it. */
export function rateLimits(deps: { config: Config; store: Store; state: SharedState; clock: () => number; settings: RuntimeSettings }): RateLimits {
  const document = deps.settings.register(rateLimitDocument(deps.state, deps.config.rateLimits));
  return { document, hooks: rateLimitHooks({ store: deps.store, state: deps.state, clock: deps.clock, document }) };
}
