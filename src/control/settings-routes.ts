import type { Config } from '../config.js';
import { bodyOf } from './control-body.js';
import type { ControlRoutes } from './control-context.js';
import { checkSettings } from './settings-check.js';

/**
 * GET /settings: the process's configuration (secrets left out) and every runtime setting in
 * force; PATCH /settings {name: value}: sets runtime settings (all checked before any is set).
 */
export const settingsRoutes: ControlRoutes = (app, ctx) => {
  const runtime = async () => {
    const values: Record<string, unknown> = {};
    for (const name of ctx.settings.names()) values[name] = await ctx.settings.get(name)!.current();
    return values;
  };

  app.get('/settings', async () => ({ config: publicConfig(ctx.config), runtime: await runtime() }));

  app.patch('/settings', async (request) => {
    for (const [document, value] of checkSettings(ctx, bodyOf(request))) await document.set(value);
    return { runtime: await runtime() };
  });
};

/** The admin token is left out; passwords in connection URLs are masked. */
function publicConfig(config: Config): Record<string, unknown> {
  const { adminToken: _secret, ...shown } = config;
  return { ...shown, db: masked(config.db), redis: config.redis === undefined ? undefined : masked(config.redis) };
}

const masked = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
