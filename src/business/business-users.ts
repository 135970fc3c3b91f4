import type { Viewer } from '../identity/viewer.js';
import type { BusinessUserRole, BusinessUserRow } from '../store/business-user-types.js';
import type { PersonRow, Store } from '../store/types.js';

export function businessUserName(user: Pick<BusinessUserRow, 'first_name' | 'last_name'>): string {
  return `${user.first_name} ${user.last_name}`;
}

/** Makes the person a user of the business, named and emailed as the person is. */
export function addBusinessUser(store: Store, businessId: string, person: PersonRow, role: BusinessUserRole, now: number): Promise<BusinessUserRow> {
  return store.businessUsers.create({
    business_id: businessId,
    person_id: person.id,
    role,
    first_name: person.first_name,
    last_name: person.last_name,
    email: person.email,
    title: null,
    created_time: now,
  });
}

/** A business user is seen by the business's own people, system users and apps. */
export async function canSeeBusinessUser(store: Store, viewer: Viewer, user: BusinessUserRow): Promise<boolean> {
  if (viewer.kind === 'APP') return viewer.app?.business_id === user.business_id;
  if (viewer.kind === 'SYSTEM_USER' && viewer.systemUserId) {
    return (await store.businesses.getSystemUser(viewer.systemUserId))?.business_id === user.business_id;
  }
  if (viewer.kind === 'USER' && viewer.personId) {
    return viewer.personId === user.person_id || (await store.businessUsers.findByPerson(user.business_id, viewer.personId)) !== undefined;
  }
  return false;
}
