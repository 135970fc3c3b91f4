import type { AppRow, NewPerson, Store, TokenRow } from '../../src/store/types.js';

/** Meta-like numeric ids: 15-16 digits, no leading zero. */
export const ID_FORMAT = /^[1-9][0-9]{14,15}$/;

export function newPerson(overrides: Partial<NewPerson> = {}): NewPerson {
  return {
    first_name: 'Ada',
    middle_name: null,
    last_name: 'Lovelace',
    email: 'ada@example.com',
    phone: '+15551234567',
    birthday: '12/10/1815',
    gender: 'female',
    locale: 'en_GB',
    timezone: 5.5,
    city: 'London',
    state: null,
    zip: 'W1',
    country: 'GB',
    hometown: 'London',
    verified: true,
    is_test_user: false,
    test_password: null,
    profile: {
      about: 'Analyst',
      languages: [{ id: '1', name: 'English' }],
      likes: [{ id: '2', name: 'Engines', category: 'Interest' }],
      meeting_for: [],
    },
    ...overrides,
  };
}

export type NewApp = Parameters<Store['apps']['create']>[0];

export function newApp(overrides: Partial<NewApp> = {}): NewApp {
  return {
    name: 'Sync',
    secret: 'app-secret',
    client_token: 'client-token',
    business_id: null,
    namespace: null,
    category: 'Utilities',
    app_type: 'web',
    require_appsecret_proof: false,
    ...overrides,
  };
}

export function newToken(app: Pick<AppRow, 'id'>, personId: string | null, overrides: Partial<TokenRow> = {}): TokenRow {
  return {
    hash: `hash-${Math.random().toString(16).slice(2)}`,
    kind: 'USER',
    app_id: app.id,
    person_id: personId,
    page_id: null,
    system_user_id: null,
    scopes: ['public_profile', 'email'],
    issued_at: 1_700_000_000,
    expires_at: 1_700_005_184,
    data_access_expires_at: 0,
    invalidated: null,
    long_lived: false,
    ...overrides,
  };
}

/** An app and a person, the pair most tests start from. */
export async function appAndPerson(store: Store) {
  const app = await store.apps.create(newApp());
  const person = await store.people.create(newPerson());
  return { app, person };
}
