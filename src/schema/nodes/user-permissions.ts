import { GraphError } from '../../graph/graph-error.js';
import { pageOfList, type PageItem } from '../../graph/paging.js';
import type { GrantRow } from '../../store/types.js';
import type { Context, EdgeDef, EdgeListing } from '../types.js';
import type { UserNode } from './user-node.js';

const statusEnum = 'enum {granted, declined, expired}';

/** Only the person (their own token) or the app itself may read or change what was granted. */
function assertOwner(node: UserNode, ctx: Context): void {
  const { viewer } = ctx;
  const self = viewer.kind === 'USER' && viewer.personId === node.person.id;
  const app = viewer.kind === 'APP' && viewer.app?.id === node.app.id;
  if (!self && !app) throw GraphError.of('permissionsError');
}

async function grantItems(node: UserNode, ctx: Context, filter: { permission?: string; status?: string }): Promise<PageItem<GrantRow>[]> {
  const grants = await ctx.store.apps.grants(node.app.id, node.person.id);
  return grants
    .filter((g) => (filter.permission === undefined || g.permission === filter.permission) && (filter.status === undefined || g.status === filter.status))
    .map((g, index) => ({ key: String(index).padStart(6, '0'), value: g }));
}

const success = { body: { success: true } };

/** A revoked permission stays listed, as declined. */
async function revoke(node: UserNode, permission: string, ctx: Context) {
  const granted = await grantItems(node, ctx, { permission });
  if (granted.length === 0) throw GraphError.of('paramInvalid', { name: 'permission', constraint: 'a permission the person has granted' });
  await ctx.store.apps.setGrant(node.app.id, node.person.id, permission, 'declined');
  return success;
}

export const permissionsEdge: EdgeDef<UserNode> = {
  type: 'Permission',
  description: 'The permissions that the person has granted this app',
  params: {
    permission: { type: 'string', description: 'Only this permission' },
    status: { type: statusEnum, description: 'Only permissions with this status' },
  },
  async list(node, page, params, ctx): Promise<EdgeListing> {
    assertOwner(node, ctx);
    const items = await grantItems(node, ctx, params);
    return { ...pageOfList(items, page), total: items.length };
  },
  delete: {
    description:
      'With `permission`, revokes that one permission. Without, de-authorizes the app for the person: every grant is removed and their tokens stop working (190/458).',
    params: { permission: { type: 'string', description: 'The one permission to revoke' } },
    returns: 'Struct {success: bool}',
    async run(node, params, ctx) {
      assertOwner(node, ctx);
      if (params.permission !== undefined) return revoke(node, params.permission, ctx);
      await ctx.store.transaction(async (tx) => {
        await tx.apps.deleteGrants(node.app.id, node.person.id);
        await tx.apps.setInstalled(node.app.id, node.person.id, false);
        await tx.tokens.invalidateFor(node.app.id, node.person.id, 'deauthorized');
      });
      return success;
    },
  },
  child: {
    async get(node, permission, ctx) {
      assertOwner(node, ctx);
      const items = await grantItems(node, ctx, { permission });
      return { items, more: false };
    },
    delete: {
      description: 'Revokes one permission; it then lists as declined.',
      params: {},
      returns: 'Struct {success: bool}',
      async run(node, _params, ctx) {
        assertOwner(node, ctx);
        return revoke(node, node.childKey, ctx);
      },
    },
  },
};
