/**
 * The store's port for test users. A test user is a person with `is_test_user` set who
 * belongs to one or more apps; each membership is a row here beside the person's
 * app-scoped id (app_users), which is the id the API shows for the test user in that app.
 */

import type { ListRequest, Page } from './types.js';

/** One app's test user: the membership, with the person's ASID and install state in the app. */
export interface TestUserRow {
  app_id: string;
  person_id: string;
  /** The test user's id in the app (their app-scoped user id). */
  asid: string;
  /** Whether the test user has the app installed (app_users.installed). */
  installed: boolean;
  /** The app's "OG Test User": Meta's one test user per app that cannot be deleted (2904). */
  og: boolean;
  /**
   * Which of the derived access tokens the app's test-user list shows for the person; bumped
   * when that token stops working and a new one is issued in its place.
   */
  token_generation: number;
  created_time: number;
}

export interface NewTestUser {
  app_id: string;
  person_id: string;
  og?: boolean;
  token_generation?: number;
  created_time: number;
}

export interface TestUsersStore {
  /** Records that the person is a test user of the app; the person must already have an ASID there. */
  add(row: NewTestUser): Promise<void>;
  find(appId: string, personId: string): Promise<TestUserRow | undefined>;
  /** The app's test users by ASID (keyset on the ASID). */
  list(appId: string, request: ListRequest): Promise<Page<TestUserRow>>;
  count(appId: string): Promise<number>;
  /** Ids of every app the person is a test user of, oldest membership first. */
  appsOf(personId: string): Promise<string[]>;
  setTokenGeneration(appId: string, personId: string, generation: number): Promise<void>;
  remove(appId: string, personId: string): Promise<void>;
}
