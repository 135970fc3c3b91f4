/**
 * Who may read what a person has (docs/permissions.md, "User edges"). Three kinds of owner:
 * a person's own content behind a Login permission, what a page holds, and what a business
 * holds. Functions take the viewer and the store, never a request.
 */
import type { Viewer } from '../identity/viewer.js';
import type { Store } from '../store/types.js';

/**
 * A person's own content behind a permission (photos, videos, posts): the person through a
 * token whose scope is still granted, or the app through its own token when the person
 * granted the permission to it. Other people and pages see none of it.
 */
export async function maySeePersonContent(store: Store, viewer: Viewer, personId: string, permission: string): Promise<boolean> {
  if (viewer.kind === 'USER') return viewer.personId === personId && viewer.scopes.has(permission);
  if (viewer.kind === 'APP' && viewer.app) return hasGranted(store, viewer.app.id, personId, permission);
  return false;
}

/** Any of the people (an owner and those tagged) lets the viewer see the content. */
export async function maySeeAnyone(store: Store, viewer: Viewer, personIds: readonly string[], permission: string): Promise<boolean> {
  for (const personId of personIds) {
    if (await maySeePersonContent(store, viewer, personId, permission)) return true;
  }
  return false;
}

async function hasGranted(store: Store, appId: string, personId: string, permission: string): Promise<boolean> {
  const grants = await store.apps.grants(appId, personId);
  return grants.some((grant) => grant.permission === permission && grant.status === 'granted');
}

/** What only the person and the app hold together (app requests, subscriptions): the person in that app, or the app's token. */
export function isPersonInApp(viewer: Viewer, personId: string, appId: string): boolean {
  if (viewer.app?.id !== appId) return false;
  return viewer.kind === 'APP' || (viewer.kind === 'USER' && viewer.personId === personId);
}

/**
 * What a page holds (Messenger threads, labels, Instant Experiences): the page's own token,
 * or a person with a role on the page through a token carrying the permission.
 */
export async function mayActForPage(store: Store, viewer: Viewer, pageId: string, permission: string): Promise<boolean> {
  if (viewer.kind === 'PAGE') return viewer.pageId === pageId;
  if (viewer.kind !== 'USER' || !viewer.personId || !viewer.scopes.has(permission)) return false;
  const roles = await store.pages.rolesOfPerson(viewer.personId);
  return roles.some((role) => role.page_id === pageId);
}

/**
 * What a business holds (ad studies, catalogs, asset groups): its system users, and the
 * people who are its business users, through a token carrying the permission.
 */
export async function mayActForBusiness(store: Store, viewer: Viewer, businessId: string, permission: string): Promise<boolean> {
  if (!viewer.scopes.has(permission)) return false;
  if (viewer.kind === 'SYSTEM_USER' && viewer.systemUserId) {
    return (await store.businesses.getSystemUser(viewer.systemUserId))?.business_id === businessId;
  }
  if (viewer.kind === 'USER' && viewer.personId) return (await store.businessUsers.findByPerson(businessId, viewer.personId)) !== undefined;
  return false;
}
