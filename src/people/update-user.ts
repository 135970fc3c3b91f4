import { createHash, randomBytes } from 'node:crypto';
import { GraphError } from '../graph/graph-error.js';
import type { Viewer } from '../identity/viewer.js';
import type { AppRow, AppUserRow, PersonPatch, PersonRow, Store } from '../store/types.js';
import { refreshMatchKeys } from './match-keys.js';

/** A person as one app sees them: whom a write to `/{user-id}` is about. */
export interface UserTarget {
  person: PersonRow;
  app: AppRow;
  appUser: AppUserRow;
}

/** The params of `POST /{user-id}`, as the schema table has validated them. */
export interface UserUpdate {
  emoji_color_pref?: number | string;
  firstname?: string;
  lastname?: string;
  local_news_megaphone_dismiss_status?: 'YES' | 'NO';
  local_news_subscription_status?: 'STATUS_ON' | 'STATUS_OFF';
  /** Test accounts only. */
  name?: string;
  /** Test accounts only. */
  password?: string;
}

/** Who is writing: the person themself, or the app acting on one of its test users. */
export type WriteAccess = 'self' | 'app';

/**
 * Who may change or delete a User (docs/differences.md, "User writes"): the person through
 * their own token, or the app through its app token when the person is one of its test
 * users. The legacy meanings of Meta's codes decide the rest: 102 when a desktop app writes
 * without a user session, 240 when a desktop app's user token acts for someone else, 210
 * when a user token acts on another user, 200 for everything else the viewer may not do.
 * Deleting someone who is not the app's test user is 2903 (only test accounts can be deleted).
 */
export async function assertMayWriteUser(store: Store, viewer: Viewer, target: UserTarget, operation: 'update' | 'delete'): Promise<WriteAccess> {
  const desktop = target.app.app_type === 'desktop';
  if (viewer.kind === 'USER') {
    if (viewer.personId === target.person.id) return 'self';
    if (desktop) throw GraphError.of('desktopAppOtherUser');
    throw GraphError.of(operation === 'update' ? 'userNotVisible' : 'permissionsError');
  }
  if (viewer.kind !== 'APP' || viewer.app?.id !== target.app.id) throw GraphError.of('permissionsError');
  if (desktop) throw GraphError.of('sessionKeyInvalid');
  if (target.person.is_test_user && (await store.testUsers.find(target.app.id, target.person.id))) return 'app';
  throw GraphError.of(operation === 'update' ? 'permissionsError' : 'notATestAccount');
}

/**
 * `POST /{user-id}`: the person's names and local-news settings; a test account's name and
 * password too. A new password ends the person's sessions in every app (190/460), as a
 * password change does on Meta. Match keys follow the new names.
 */
export async function updateUser(store: Store, viewer: Viewer, target: UserTarget, update: UserUpdate, now: number): Promise<void> {
  await assertMayWriteUser(store, viewer, target, 'update');
  const { person } = target;
  if (person.profile.blocked) throw GraphError.of('blockedForAbuse');
  for (const name of ['name', 'password'] as const) {
    if (update[name] !== undefined && !person.is_test_user) throw GraphError.of('testAccountParamOnly', { name });
  }
  for (const name of ['firstname', 'lastname', 'name', 'password'] as const) {
    if (update[name] !== undefined && update[name].trim() === '') throw GraphError.of('paramInvalid', { name, constraint: 'a non-empty string' });
  }

  const patch: PersonPatch = { updated_time: now };
  if (update.name !== undefined) Object.assign(patch, splitName(update.name));
  if (update.firstname !== undefined) patch.first_name = update.firstname.trim();
  if (update.lastname !== undefined) patch.last_name = update.lastname.trim();
  if (update.password !== undefined) patch.test_password = hashTestPassword(update.password);
  const profile = { ...person.profile };
  if (update.emoji_color_pref !== undefined) profile.emoji_color_pref = update.emoji_color_pref;
  if (update.local_news_megaphone_dismiss_status !== undefined) profile.local_news_megaphone_dismissed = update.local_news_megaphone_dismiss_status === 'YES';
  if (update.local_news_subscription_status !== undefined) profile.local_news_subscribed = update.local_news_subscription_status === 'STATUS_ON';
  patch.profile = profile;

  const renamed = patch.first_name !== undefined || patch.middle_name !== undefined || patch.last_name !== undefined;
  await store.transaction(async (tx) => {
    await tx.people.update(person.id, patch);
    if (update.password !== undefined) {
      for (const scoped of await tx.apps.scopedUsersOfPerson(person.id)) await tx.tokens.invalidateFor(scoped.app_id, person.id, 'password_changed');
    }
    if (renamed) await refreshMatchKeys(tx, { ...person, ...patch, profile });
  });
}

/** `name` as Meta splits a full name: first word, last word, anything between as the middle name. */
export function splitName(name: string): Pick<PersonRow, 'first_name' | 'middle_name' | 'last_name'> {
  const words = name.trim().split(/\s+/);
  if (words.length === 1) return { first_name: words[0], middle_name: null, last_name: '' };
  return { first_name: words[0], middle_name: words.length > 2 ? words.slice(1, -1).join(' ') : null, last_name: words[words.length - 1] };
}

/** Test-account passwords are shown once (at creation) and kept only as `sha256$<salt>$<digest>`. */
export function hashTestPassword(password: string): string {
  const salt = randomBytes(16).toString('hex');
  return `sha256$${salt}$${createHash('sha256').update(`${salt}:${password}`).digest('hex')}`;
}
