import { newAppSecret, randomBase62 } from '../identity/token-strings.js';
import { refreshMatchKeys } from '../people/match-keys.js';
import type { AdAccountRoleRow, AdAccountRow, AppRow, AppType, BusinessRow, NewPerson, PageRow, PersonRow, Store, SystemUserRow } from '../store/types.js';

/**
 * The entities of a world, created the way the demo world creates them. Inputs hold ids
 * (references are resolved by the caller); each function writes through the given store,
 * so a caller's transaction covers them all.
 */

/** A new app's stored fields: a fresh secret and client token, no appsecret_proof demanded. */
export function appFields(name: string, namespace: string | null, businessId: string | null, options: { category?: string; app_type?: AppType; require_appsecret_proof?: boolean; secret?: string } = {}) {
  return {
    name,
    secret: options.secret ?? newAppSecret(),
    client_token: randomBase62(32),
    business_id: businessId,
    namespace,
    category: options.category ?? 'Business',
    app_type: options.app_type ?? ('web' as const),
    require_appsecret_proof: options.require_appsecret_proof ?? false,
  };
}

export function createBusiness(store: Store, input: { name: string }, now: number): Promise<BusinessRow> {
  return store.businesses.create({ name: input.name, created_time: now });
}

export function createSystemUser(store: Store, input: { business_id: string; name: string; role: SystemUserRow['role'] }, now: number): Promise<SystemUserRow> {
  return store.businesses.createSystemUser({ ...input, created_time: now });
}

export interface AppInput {
  name: string;
  business_id: string | null;
  namespace: string | null;
  category?: string;
  app_type?: AppType;
  require_appsecret_proof?: boolean;
  secret?: string;
}

export function createApp(store: Store, input: AppInput): Promise<AppRow> {
  return store.apps.create(appFields(input.name, input.namespace, input.business_id, input));
}

export interface PersonInput {
  fields: NewPerson;
  /** Apps the person logged in to: each gives them an app-scoped id. */
  app_ids: string[];
}

/** A person with the match keys audiences find them by, installed in the given apps. */
export async function createPerson(store: Store, input: PersonInput, now: number): Promise<{ person: PersonRow; asids: Record<string, string> }> {
  const person = await store.people.create({ ...input.fields, created_time: now });
  const asids: Record<string, string> = {};
  for (const appId of input.app_ids) asids[appId] = (await store.apps.scopedUser(appId, person.id, true)).asid;
  await refreshMatchKeys(store, person);
  return { person, asids };
}

export interface PageInput {
  name: string;
  category: string;
  business_id: string | null;
  roles: { person_id: string; tasks: string[] }[];
}

export async function createPage(store: Store, input: PageInput, now: number): Promise<PageRow> {
  const page = await store.pages.create({ name: input.name, category: input.category, business_id: input.business_id, created_time: now });
  for (const role of input.roles) await store.pages.setRole(page.id, role.person_id, role.tasks);
  return page;
}

export interface AdAccountInput {
  name: string;
  business_id: string | null;
  currency: string;
  timezone_name: string;
  account_status: number;
  roles: { person_id: string; role: AdAccountRoleRow['role'] }[];
}

export async function createAdAccount(store: Store, input: AdAccountInput, now: number): Promise<AdAccountRow> {
  const { roles, ...fields } = input;
  const account = await store.adAccounts.create({ ...fields, created_time: now });
  for (const role of roles) await store.adAccounts.setRole(account.id, role.person_id, role.role);
  return account;
}
