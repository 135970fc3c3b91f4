import { refreshMatchKeys } from '../people/match-keys.js';
import { ensureDemoWorld } from '../world/demo-world-credentials.js';
import { existing } from '../world/world-file.js';
import { bodyOf } from './control-body.js';
import type { ControlContext, ControlRoutes } from './control-context.js';
import { ControlError } from './control-errors.js';
import { installSettings } from './install-settings.js';

/**
 * POST /reset: `{}` empties the world and the shared state (counters, settings, faults,
 * journal), `{demo: true}` then seeds the demo world again; `{app_id}` forgets one app's
 * tokens, grants, app-scoped users and test users; `{ad_account_id}` one ad account's audiences.
 */
export const resetRoutes: ControlRoutes = (app, ctx) => {
  app.post('/reset', async (request) => {
    const { app_id, ad_account_id, demo, ...unknown } = bodyOf(request);
    const extra = Object.keys(unknown)[0];
    if (extra !== undefined) throw new ControlError(400, `reset: ${extra} is not a known field (known: app_id, ad_account_id, demo)`);
    if (app_id !== undefined && ad_account_id !== undefined) throw new ControlError(400, 'reset: give app_id or ad_account_id, not both');
    if (app_id !== undefined) return resetApp(ctx, String(app_id));
    if (ad_account_id !== undefined) return resetAdAccount(ctx, String(ad_account_id));
    if (demo !== undefined && typeof demo !== 'boolean') throw new ControlError(400, 'reset: demo must be true or false');
    return resetEverything(ctx, demo === true);
  });
};

async function resetEverything(ctx: ControlContext, demo: boolean) {
  await ctx.store.admin.clear(installSettings);
  await ctx.state.clear();
  if (!demo) return { reset: 'everything' };
  const credentials = await ensureDemoWorld(ctx.store, ctx.clock());
  return { reset: 'everything', demo: credentials };
}

async function resetApp(ctx: ControlContext, appId: string) {
  if ((await existing(ctx.store, 'app', appId)) === undefined) throw new ControlError(404, `reset: no app has id ${appId}`);
  return ctx.store.transaction(async (tx) => {
    const { people, ...removed } = await tx.admin.resetApp(appId);
    // Their app-scoped ids were keys audiences matched them by.
    for (const id of people) {
      const person = await tx.people.get(id);
      if (person) await refreshMatchKeys(tx, person);
    }
    return { reset: 'app', app_id: appId, ...removed };
  });
}

async function resetAdAccount(ctx: ControlContext, adAccountId: string) {
  const id = await existing(ctx.store, 'ad account', adAccountId);
  if (id === undefined) throw new ControlError(404, `reset: no ad account has id ${adAccountId}`);
  return { reset: 'ad_account', ad_account_id: `act_${id}`, ...(await ctx.store.admin.resetAdAccount(id)) };
}
