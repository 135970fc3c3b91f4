import type { ControlRoutes } from './control-context.js';
import { demoRoutes } from './demo-routes.js';
import { entityRoutes } from './entity-routes.js';
import { resetRoutes } from './reset-routes.js';
import { settingsRoutes } from './settings-routes.js';
import { snapshotRoutes } from './snapshot-routes.js';
import { tokenRoutes } from './token-routes.js';
import { worldRoutes } from './world-routes.js';

/** The control plane's own groups (docs/control-plane.md): seeding, tokens, reset, snapshots, settings, the demo world's credentials. */
export const controlPlaneRoutes: ControlRoutes[] = [worldRoutes, entityRoutes, tokenRoutes, resetRoutes, snapshotRoutes, settingsRoutes, demoRoutes];
