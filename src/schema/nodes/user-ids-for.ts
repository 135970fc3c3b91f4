import { pageOfList } from '../../graph/paging.js';
import type { EdgeDef } from '../types.js';
import type { UserNode } from './user-node.js';

/**
 * The person's ids in the other apps of the viewer app's business. An app with no business
 * sees only itself, as Meta's edge answers for an app outside Business Manager.
 */
export function idsForAppsEdge(description: string): EdgeDef<UserNode> {
  return {
    type: 'UserIDForApp',
    description,
    params: { app: { type: 'int64', description: 'Only the id in this app' } },
    async list(node, page, params, ctx) {
      const apps = node.app.business_id ? await ctx.store.apps.listByBusiness(node.app.business_id) : [node.app];
      const scoped = await ctx.store.apps.scopedUsersOfPerson(node.person.id);
      const byApp = new Map(apps.map((app) => [app.id, app]));
      const items = scoped
        .filter((s) => byApp.has(s.app_id) && (params.app === undefined || String(params.app) === s.app_id))
        .map((s) => ({ key: s.asid, value: { id: s.asid, app: appSummary(byApp.get(s.app_id)!) } }))
        .sort((a, b) => (a.key < b.key ? -1 : 1));
      return { ...pageOfList(items, page), total: items.length };
    },
  };
}

function appSummary(app: { id: string; name: string; namespace: string | null; category: string | null }) {
  return { id: app.id, name: app.name, namespace: app.namespace ?? undefined, category: app.category ?? undefined, link: `https://www.facebook.com/games/?app_id=${app.id}` };
}

/** The person's page-scoped ids for the pages of the viewer app's business. */
export const idsForPagesEdge: EdgeDef<UserNode> = {
  type: 'UserIDForPage',
  description: "Businesses can claim ownership of apps and pages using Business Manager. This edge returns the list of IDs that this user has in any of the pages owned by this business",
  params: { page: { type: 'int64', description: 'Only the id for this page' } },
  async list(node, page, params, ctx) {
    const businessPages = node.app.business_id ? await ctx.store.pages.listByBusiness(node.app.business_id) : [];
    const pages = businessPages.filter((p) => params.page === undefined || String(params.page) === p.id);
    const items = [];
    for (const p of pages) {
      const scoped = await ctx.store.pages.findScopedId(p.id, node.person.id);
      if (scoped) items.push({ key: scoped.psid, value: { id: scoped.psid, page: { id: p.id, name: p.name } } });
    }
    items.sort((a, b) => (a.key < b.key ? -1 : 1));
    return { ...pageOfList(items, page), total: items.length };
  },
};
