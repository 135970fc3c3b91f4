import { savedDemoCredentials } from '../world/demo-world-credentials.js';
import type { ControlRoutes } from './control-context.js';
import { ControlError } from './control-errors.js';

/**
 * /_graphd/demo: the demo world's tokens and ids, as the start banner prints them, so the
 * web UI (or a script holding the admin token) can use them without copying from a terminal.
 */
export const demoRoutes: ControlRoutes = (app, { store }) => {
  app.get('/demo', async () => {
    const demo = await savedDemoCredentials(store);
    if (!demo) throw new ControlError(404, 'This install has no demo world (it was started with --no-demo, GRAPHD_DEMO=0).');
    return {
      data: {
        user_token: demo.userToken,
        app_token: demo.appToken,
        page_token: demo.pageToken,
        system_user_token: demo.systemUserToken,
        ad_account_id: demo.adAccountId,
        app_id: demo.appId,
      },
    };
  });
};
