import type { Context } from '../types.js';
import type { AppRow, AppUserRow, PersonRow } from '../../store/types.js';

/** A person as one app sees them: what the User type's resolvers read. */
export interface UserNode {
  /** The app-scoped user id. */
  id: string;
  person: PersonRow;
  appUser: AppUserRow;
  app: AppRow;
  /** Permissions the person has granted the app. */
  grants: ReadonlySet<string>;
}

/**
 * Loads an ASID for the viewer. ASIDs are app-scoped: another app's id does not resolve
 * (Meta answers 100/33 for it), so the viewer's app must be the one the id belongs to.
 */
export async function loadUserNode(asid: string, ctx: Context): Promise<UserNode | undefined> {
  const appUser = await ctx.store.apps.byAsid(asid);
  const app = ctx.viewer.app;
  if (!appUser || !app || appUser.app_id !== app.id) return undefined;
  const person = await ctx.store.people.get(appUser.person_id);
  if (!person) return undefined;
  const grants = await ctx.store.apps.grants(app.id, person.id);
  return { id: asid, person, appUser, app, grants: new Set(grants.filter((g) => g.status === 'granted').map((g) => g.permission)) };
}

/**
 * Who may see a permission-gated field: public_profile fields anyone with a token of the app;
 * others only the person themself (through a token carrying the scope) or the app's own token,
 * and only when the person granted the permission to the app.
 */
export function canSeeUserField(permission: string, node: UserNode, ctx: Context): boolean {
  if (permission === 'public_profile') return true;
  const { viewer } = ctx;
  if (viewer.kind === 'APP') return node.grants.has(permission);
  if (viewer.kind === 'USER' && viewer.personId === node.person.id) return viewer.scopes.has(permission) && node.grants.has(permission);
  return false;
}

export function isSelf(node: UserNode, ctx: Context): boolean {
  return ctx.viewer.kind === 'USER' && ctx.viewer.personId === node.person.id;
}
