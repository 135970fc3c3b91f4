import type { Section } from '../world/world-file.js';
import { bodyOf } from './control-body.js';
import type { ControlRoutes } from './control-context.js';
import { applyWorld } from './world-load.js';

/** Route path -> world section: a create call is a world document of one entry. */
const creatable: Record<string, Exclude<Section, 'tokens'>> = {
  businesses: 'businesses',
  system_users: 'system_users',
  apps: 'apps',
  people: 'people',
  pages: 'pages',
  ad_accounts: 'ad_accounts',
};

/**
 * POST /businesses, /system_users, /apps, /people, /pages, /ad_accounts: the body is one
 * entry as a world document writes it, references being ids of what exists.
 */
export const entityRoutes: ControlRoutes = (app, ctx) => {
  for (const [path, section] of Object.entries(creatable)) {
    app.post(`/${path}`, async (request, reply) => {
      const { key: _key, ...entry } = bodyOf(request);
      const loaded = await applyWorld(ctx, { [section]: [{ ...entry, key: 'created' }] });
      const made = loaded[section].created;
      return reply.code(201).send(typeof made === 'string' ? { id: made } : made);
    });
  }
  app.get('/people', async (request) => {
    const limit = Math.min(Math.max(Number((request.query as { limit?: string }).limit ?? 100) || 100, 1), 1000);
    const page = await ctx.store.people.list({ limit, after: (request.query as { after?: string }).after });
    return { data: page.rows, more: page.more };
  });
};
