import { debugToken } from '../identity/debug-token.js';
import { bodyOf } from './control-body.js';
import type { ControlRoutes } from './control-context.js';
import { ControlError } from './control-errors.js';
import { applyWorld } from './world-load.js';

/**
 * POST /tokens {app_id, person_id | page_id + person_id | system_user_id, scopes, expires_in}:
 * mints a token as a login would (the scopes are granted so they are in force) and shows
 * what debug_token says of it.
 */
export const tokenRoutes: ControlRoutes = (app, ctx) => {
  app.post('/tokens', async (request, reply) => {
    const { app_id, person_id, page_id, system_user_id, ...rest } = bodyOf(request);
    const entry = { ...rest, key: 'minted', app: app_id, person: person_id, page: page_id, system_user: system_user_id };
    const loaded = await applyWorld(ctx, { tokens: [entry] });
    const accessToken = loaded.tokens.minted;
    const owner = await ctx.store.apps.get(String(app_id));
    if (!owner) throw new ControlError(500, 'the token’s app vanished');
    const debug = await debugToken(ctx.store, { kind: 'APP', app: owner, scopes: new Set() }, accessToken, ctx.clock());
    return reply.code(201).send({ access_token: accessToken, debug_token: debug });
  });
};
