import type { AdAccountRoleRow, NewPerson, Store, SystemUserRow } from '../store/types.js';
import { createAdAccount, createApp, createBusiness, createPage, createPerson, createSystemUser } from './world-file-entities.js';
import { EntryReader, WorldFileError } from './world-file-fields.js';
import { mintToken } from './world-file-tokens.js';

/**
 * A world document (docs/control-plane.md): lists of businesses, system users, apps, people,
 * pages, ad accounts and tokens. An entry names itself with a `key` that later entries use to
 * refer to it; a reference may also be the id of something already in the store. Runtime
 * `settings` and `faults` ride along for the control plane to apply.
 */
export interface WorldDocument {
  businesses: Entry<{ name: string }>[];
  system_users: Entry<{ business: string; name: string; role: SystemUserRow['role'] }>[];
  apps: Entry<{ business?: string; name: string; namespace: string | null; category?: string; app_type?: 'web' | 'desktop' | 'native'; require_appsecret_proof?: boolean; secret?: string }>[];
  people: Entry<{ fields: NewPerson; apps: string[] }>[];
  pages: Entry<{ business?: string; name: string; category: string; roles: { person: string; tasks: string[] }[] }>[];
  ad_accounts: Entry<{ business?: string; name: string; currency: string; timezone_name: string; account_status: number; roles: { person: string; role: AdAccountRoleRow['role'] }[] }>[];
  tokens: Entry<{ app: string; person?: string; page?: string; system_user?: string; scopes: string[]; expires_in: number }>[];
  settings: Record<string, unknown>;
  faults: unknown[];
}

type Entry<T> = T & { key: string; label: string };

export type Section = 'businesses' | 'system_users' | 'apps' | 'people' | 'pages' | 'ad_accounts' | 'tokens';
const sections: readonly Section[] = ['businesses', 'system_users', 'apps', 'people', 'pages', 'ad_accounts', 'tokens'];

/** What a loaded world made, by key (an entry without one is named by its place, e.g. `people[2]`). */
export interface LoadedWorld {
  businesses: Record<string, string>;
  system_users: Record<string, string>;
  apps: Record<string, { id: string; secret: string; app_token: string }>;
  people: Record<string, { id: string; app_scoped_ids: Record<string, string> }>;
  pages: Record<string, string>;
  ad_accounts: Record<string, string>;
  tokens: Record<string, string>;
}

const personFields = ['first_name', 'middle_name', 'last_name', 'email', 'phone', 'birthday', 'gender', 'locale', 'timezone', 'city', 'state', 'zip', 'country', 'hometown', 'verified'];
const pageTasks = ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MANAGE', 'MESSAGING', 'MODERATE'];
const adAccountRoles: readonly AdAccountRoleRow['role'][] = ['ADMIN', 'ADVERTISER', 'ANALYST'];

/** Checks a whole document's shape before anything is written; throws a WorldFileError naming the entry. */
export function parseWorld(input: unknown): WorldDocument {
  const top = new EntryReader('the world', input, [...sections, 'settings', 'faults']);
  const list = (section: Section): { reader: (allowed: string[]) => EntryReader; key: string; label: string }[] => {
    const value = top.entry[section] ?? [];
    if (!Array.isArray(value)) top.fail(section, 'must be a list');
    return (value as unknown[]).map((item, index) => {
      const label = `${section}[${index}]`;
      const key = (item as { key?: unknown } | null)?.key;
      const named = typeof key === 'string' || typeof key === 'number' ? `${label} (key ${String(key)})` : label;
      return { reader: (allowed) => new EntryReader(named, item, ['key', ...allowed]), key: typeof key === 'string' || typeof key === 'number' ? String(key) : label, label: named };
    });
  };

  const world: WorldDocument = {
    businesses: list('businesses').map(({ reader, key, label }) => {
      const r = reader(['name']);
      return { key, label, name: r.required('name') };
    }),
    system_users: list('system_users').map(({ reader, key, label }) => {
      const r = reader(['business', 'name', 'role']);
      return { key, label, business: r.required('business'), name: r.required('name'), role: r.oneOf('role', ['ADMIN', 'EMPLOYEE'] as const) ?? 'ADMIN' };
    }),
    apps: list('apps').map(({ reader, key, label }) => {
      const r = reader(['business', 'name', 'namespace', 'category', 'app_type', 'require_appsecret_proof', 'secret']);
      return {
        key,
        label,
        business: r.string('business'),
        name: r.required('name'),
        namespace: r.string('namespace') ?? null,
        category: r.string('category'),
        app_type: r.oneOf('app_type', ['web', 'desktop', 'native'] as const),
        require_appsecret_proof: r.boolean('require_appsecret_proof'),
        secret: r.string('secret'),
      };
    }),
    people: list('people').map(({ reader, key, label }) => {
      const r = reader([...personFields, 'apps']);
      return { key, label, fields: personOf(r), apps: r.strings('apps') ?? [] };
    }),
    pages: list('pages').map(({ reader, key, label }) => {
      const r = reader(['business', 'name', 'category', 'roles']);
      const roles = Object.entries(r.object('roles') ?? {}).map(([person, tasks]) => {
        const list = typeof tasks === 'string' ? [tasks] : tasks;
        if (!Array.isArray(list) || list.some((task) => !pageTasks.includes(task as string))) r.fail(`roles.${person}`, `must be a list of ${pageTasks.join(', ')}`);
        return { person, tasks: list as string[] };
      });
      return { key, label, business: r.string('business'), name: r.required('name'), category: r.string('category') ?? 'Local Business', roles };
    }),
    ad_accounts: list('ad_accounts').map(({ reader, key, label }) => {
      const r = reader(['business', 'name', 'currency', 'timezone_name', 'account_status', 'roles']);
      const roles = Object.entries(r.object('roles') ?? {}).map(([person, role]) => {
        if (!adAccountRoles.includes(role as AdAccountRoleRow['role'])) r.fail(`roles.${person}`, `must be one of ${adAccountRoles.join(', ')}`);
        return { person, role: role as AdAccountRoleRow['role'] };
      });
      return {
        key,
        label,
        business: r.string('business'),
        name: r.required('name'),
        currency: r.string('currency') ?? 'USD',
        timezone_name: r.string('timezone_name') ?? 'America/Los_Angeles',
        account_status: r.number('account_status', { min: 1, integer: true }) ?? 1,
        roles,
      };
    }),
    tokens: list('tokens').map(({ reader, key, label }) => {
      const r = reader(['app', 'person', 'page', 'system_user', 'scopes', 'expires_in']);
      const token = { key, label, app: r.required('app'), person: r.string('person'), page: r.string('page'), system_user: r.string('system_user'), scopes: r.strings('scopes') ?? [], expires_in: expiresIn(r) };
      if (token.page && !token.person) r.fail('page', 'needs the person whose page token it is');
      if (token.system_user && (token.person || token.page)) r.fail('system_user', 'cannot be given with person or page');
      return token;
    }),
    settings: top.object('settings') ?? {},
    faults: (() => {
      const faults = top.entry.faults ?? [];
      if (!Array.isArray(faults)) top.fail('faults', 'must be a list');
      return faults as unknown[];
    })(),
  };
  for (const section of sections) {
    const keys = world[section].map((entry) => entry.key);
    const repeated = keys.find((key, index) => keys.indexOf(key) !== index);
    if (repeated !== undefined) throw new WorldFileError(`${section}: key "${repeated}" is given twice`);
  }
  return world;
}

function personOf(r: EntryReader): NewPerson {
  const text = (field: string) => r.string(field) ?? null;
  return {
    first_name: r.required('first_name'),
    middle_name: text('middle_name'),
    last_name: r.required('last_name'),
    email: text('email'),
    phone: text('phone'),
    birthday: text('birthday'),
    gender: text('gender'),
    locale: r.string('locale') ?? 'en_US',
    timezone: r.number('timezone') ?? 0,
    city: text('city'),
    state: text('state'),
    zip: text('zip'),
    country: text('country'),
    hometown: text('hometown'),
    verified: r.boolean('verified') ?? true,
    is_test_user: false,
    test_password: null,
    profile: {},
  };
}

/** Seconds, or `never` / 0 for a token that never expires (the default). */
function expiresIn(r: EntryReader): number {
  if (r.entry.expires_in === 'never') return 0;
  return r.number('expires_in', { min: 0, integer: true }) ?? 0;
}

type Kind = 'business' | 'system user' | 'app' | 'person' | 'page' | 'ad account';

/**
 * Writes a parsed world in one store transaction: a reference that resolves to nothing
 * throws, and nothing of the document stays written.
 */
export function loadWorld(store: Store, world: WorldDocument, now: number): Promise<LoadedWorld> {
  return store.transaction(async (tx) => {
    const made: Record<Kind, Map<string, string>> = { business: new Map(), 'system user': new Map(), app: new Map(), person: new Map(), page: new Map(), 'ad account': new Map() };
    const resolve = async (kind: Kind, value: string, label: string, field: string): Promise<string> => {
      const id = made[kind].get(value) ?? (await existing(tx, kind, value));
      if (id === undefined) throw new WorldFileError(`${label} ${field} "${value}" is neither a key of this document nor the id of an existing ${kind}`);
      return id;
    };
    const optional = (kind: Kind, value: string | undefined, label: string, field: string) => (value === undefined ? Promise.resolve(null) : resolve(kind, value, label, field));
    const loaded: LoadedWorld = { businesses: {}, system_users: {}, apps: {}, people: {}, pages: {}, ad_accounts: {}, tokens: {} };

    for (const entry of world.businesses) {
      const business = await createBusiness(tx, entry, now);
      made.business.set(entry.key, business.id);
      loaded.businesses[entry.key] = business.id;
    }
    for (const entry of world.system_users) {
      const user = await createSystemUser(tx, { business_id: await resolve('business', entry.business, entry.label, 'business'), name: entry.name, role: entry.role }, now);
      made['system user'].set(entry.key, user.id);
      loaded.system_users[entry.key] = user.id;
    }
    for (const entry of world.apps) {
      const { key: _key, label, business, ...fields } = entry;
      const app = await createApp(tx, { ...fields, business_id: await optional('business', business, label, 'business') });
      made.app.set(entry.key, app.id);
      loaded.apps[entry.key] = { id: app.id, secret: app.secret, app_token: `${app.id}|${app.secret}` };
    }
    for (const entry of world.people) {
      const appIds: string[] = [];
      for (const app of entry.apps) appIds.push(await resolve('app', app, entry.label, 'apps'));
      const { person, asids } = await createPerson(tx, { fields: entry.fields, app_ids: appIds }, now);
      made.person.set(entry.key, person.id);
      loaded.people[entry.key] = { id: person.id, app_scoped_ids: asids };
    }
    for (const entry of world.pages) {
      const roles = [];
      for (const role of entry.roles) roles.push({ person_id: await resolve('person', role.person, entry.label, `roles.${role.person}`), tasks: role.tasks });
      const page = await createPage(tx, { name: entry.name, category: entry.category, business_id: await optional('business', entry.business, entry.label, 'business'), roles }, now);
      made.page.set(entry.key, page.id);
      loaded.pages[entry.key] = page.id;
    }
    for (const entry of world.ad_accounts) {
      const { key: _key, label, business, roles: named, ...fields } = entry;
      const roles = [];
      for (const role of named) roles.push({ person_id: await resolve('person', role.person, label, `roles.${role.person}`), role: role.role });
      const account = await createAdAccount(tx, { ...fields, business_id: await optional('business', business, label, 'business'), roles }, now);
      made['ad account'].set(entry.key, account.id);
      loaded.ad_accounts[entry.key] = `act_${account.id}`;
    }
    for (const entry of world.tokens) {
      const minted = await mintToken(
        tx,
        {
          app_id: await resolve('app', entry.app, entry.label, 'app'),
          person_id: (await optional('person', entry.person, entry.label, 'person')) ?? undefined,
          page_id: (await optional('page', entry.page, entry.label, 'page')) ?? undefined,
          system_user_id: (await optional('system user', entry.system_user, entry.label, 'system_user')) ?? undefined,
          scopes: entry.scopes,
          expires_in: entry.expires_in,
        },
        now,
      );
      loaded.tokens[entry.key] = minted.access_token;
    }
    return loaded;
  });
}

/** The id of something already in the store, or undefined. Ad accounts may be named `act_<id>`. */
export async function existing(store: Store, kind: Kind, value: string): Promise<string | undefined> {
  const id = kind === 'ad account' ? value.replace(/^act_/, '') : value;
  if (!/^\d+$/.test(id)) return undefined;
  const found =
    kind === 'business' ? await store.businesses.get(id)
    : kind === 'system user' ? await store.businesses.getSystemUser(id)
    : kind === 'app' ? await store.apps.get(id)
    : kind === 'person' ? await store.people.get(id)
    : kind === 'page' ? await store.pages.get(id)
    : await store.adAccounts.get(id);
  return found ? id : undefined;
}
