import { personIdentifiers, personMatchKeys } from '../audiences/matching/index.js';
import type { PersonRow, Store } from '../store/types.js';

/**
 * Recomputes the keys a person is matched by (profile identifiers plus their app-scoped
 * ids) and lets the store join them to audiences already holding matching uploads.
 * Called whenever a person is created or changes, or gets a new app-scoped id.
 */
export async function refreshMatchKeys(store: Store, person: PersonRow): Promise<void> {
  const scoped = await store.apps.scopedUsersOfPerson(person.id);
  await store.audiences.setPersonMatchKeys(person.id, matchKeysOf(person, scoped.map((s) => s.asid)));
}

/** The keys a person is matched by, given their app-scoped ids (none for a new person). */
export function matchKeysOf(person: PersonRow, appUserIds: readonly string[] = []): Buffer[] {
  return personMatchKeys(personIdentifiers(person, { appUserIds, madids: person.profile.madids }));
}
