/**
 * How people and pages appear inside social objects (`from`, `participants`, `senders`):
 * `{name, id}` with the person's id as the viewer's app sees them (an ASID), as Meta does.
 */
import type { Viewer } from '../identity/viewer.js';
import { fullName } from '../people/profile.js';
import type { Store } from '../store/types.js';

export interface ProfileRef {
  name: string;
  id?: string;
  email?: string;
}

/** The person as `{name, id}`; the id is their ASID in the viewer's app, left out for app-less viewers. */
export async function personRef(store: Store, viewer: Viewer, personId: string): Promise<ProfileRef | undefined> {
  const person = await store.people.get(personId);
  if (!person) return undefined;
  const name = fullName(person);
  if (!viewer.app) return { name };
  const scoped = await store.apps.scopedUser(viewer.app.id, personId);
  return { name, id: scoped.asid };
}

export async function pageRef(store: Store, pageId: string): Promise<ProfileRef | undefined> {
  const page = await store.pages.get(pageId);
  return page && { name: page.name, id: page.id };
}
