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
  return appUser && userNodeOf(appUser, ctx);
}

/**
 * The User node of an app user already read (the viewer's own, for `me`). `grants` are the
 * person's grants to the app when the caller has just read them (Viewer.grants); otherwise
 * they are read here.
 */
export async function userNodeOf(appUser: AppUserRow, ctx: Context, grants?: ReadonlySet<string>): Promise<UserNode | undefined> {
  const app = ctx.viewer.app;
  if (!app || appUser.app_id !== app.id) return undefined;
  const person = await ctx.store.people.get(appUser.person_id);
  if (!person) return undefined;
  return { id: appUser.asid, person, appUser, app, grants: grants ?? (await grantedPermissions(app.id, person.id, ctx)) };
}

async function grantedPermissions(appId: string, personId: string, ctx: Context): Promise<Set<string>> {
  const granted = new Set<string>();
  for (const grant of await ctx.store.apps.grants(appId, personId)) {
    if (grant.status === 'granted') granted.add(grant.permission);
  }
  return granted;
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
