import { graphDate } from '../../graph/json.js';
import type { Context, FieldDef } from '../types.js';
import { userNodeOf, type UserNode } from './user-node.js';

/*
 * The field and load builders the social node types (social-media.ts, social-apps.ts,
 * social-pages.ts, social-business.ts) share.
 */

/** A field of this type; without resolve it answers node[name]. */
export const field = <N>(type: string, description: string, resolve?: FieldDef<N>['resolve']): FieldDef<N> => ({ type, description, ...(resolve && { resolve }) });

/** A datetime field from a unix time of the node; left out when the time is null. */
export const time = <N>(description: string, pick: (node: N) => number | null): FieldDef<N> => ({
  type: 'datetime',
  description,
  resolve: (node) => {
    const value = pick(node);
    return value === null ? undefined : graphDate(value);
  },
});

/** The person as a User of the viewer's app (their ASID), for fields typed User. */
export async function userNodeFor(personId: string, ctx: Context): Promise<UserNode | undefined> {
  const app = ctx.viewer.app;
  if (!app) return undefined;
  return userNodeOf(await ctx.store.apps.scopedUser(app.id, personId), ctx);
}

/** A User field: a person of the node, as a User of the viewer's app; left out when there is none. */
export const userField = <N>(description: string, pick: (node: N) => string | null): FieldDef<N> =>
  field('User', description, (node, ctx) => {
    const personId = pick(node);
    return personId ? userNodeFor(personId, ctx) : undefined;
  });

/** A node type's load: the node with this id, when the viewer may see it. */
export const loadVisible =
  <N>(get: (id: string, ctx: Context) => Promise<N | undefined>, maySee: (node: N, ctx: Context) => boolean | Promise<boolean>) =>
  async (id: string, ctx: Context): Promise<N | undefined> => {
    const node = await get(id, ctx);
    return node && (await maySee(node, ctx)) ? node : undefined;
  };
