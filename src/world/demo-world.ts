import { Faker, en } from '@faker-js/faker';
import { issueToken } from '../identity/issue-token.js';
import type { AdAccountRow, AppRow, BusinessRow, PageRow, PersonRow, Store } from '../store/types.js';
import { refreshMatchKeys } from '../people/match-keys.js';
import { syntheticPerson } from './synthetic-person.js';
import { seedDemoBusinessUsers } from './demo-business-users.js';
import { seedDemoSocial } from './demo-social.js';
import { appFields } from './world-file-entities.js';

/** Scopes of the demo user token: enough for every call in the README and the explorer. */
export const demoScopes = [
  'public_profile',
  'email',
  'user_birthday',
  'user_age_range',
  'user_gender',
  'user_hometown',
  'user_location',
  'user_link',
  'user_likes',
  'user_photos',
  'user_posts',
  'user_videos',
  'ads_management',
  'ads_read',
  'business_management',
  'pages_show_list',
  'pages_read_engagement',
  'pages_manage_metadata',
  'pages_messaging',
];

/** What other people granted the demo app when they logged in to it. */
const everyoneGrants = ['public_profile', 'email', 'user_birthday', 'user_location', 'user_gender'];

export interface DemoWorld {
  business: BusinessRow;
  app: AppRow;
  /** A second app of the same business: ids_for_apps and token_for_business show across it. */
  otherApp: AppRow;
  adAccount: AdAccountRow;
  page: PageRow;
  /** people[0] is the developer who holds the demo user token. */
  people: PersonRow[];
  tokens: { user: string; app: string; page: string; systemUser: string };
}

export interface DemoOptions {
  people?: number;
  /** Faker seed: the same seed gives the same people. */
  seed?: number;
  now: number;
}

/** Seeds one business with two apps, an ad account, a page, people and tokens. */
export async function seedDemoWorld(store: Store, options: DemoOptions): Promise<DemoWorld> {
  const faker = new Faker({ locale: [en] });
  faker.seed(options.seed ?? 42);
  const { now } = options;
  return store.transaction(async (tx) => {
    const business = await tx.businesses.create({ name: 'Acme Outdoor Co.', created_time: now });
    const app = await tx.apps.create(appFields('Acme Audience Sync', 'acme-audience-sync', business.id));
    const otherApp = await tx.apps.create(appFields('Acme Mobile', 'acme-mobile', business.id));
    const adAccount = await tx.adAccounts.create({
      name: 'Acme Outdoor - Main',
      business_id: business.id,
      currency: 'USD',
      timezone_name: 'America/Los_Angeles',
      account_status: 1,
      created_time: now,
    });
    const page = await tx.pages.create({ name: 'Acme Outdoor', category: 'Outdoor & Sporting Goods Company', business_id: business.id, created_time: now });
    const people: PersonRow[] = [];
    for (let i = 0; i < (options.people ?? 50); i++) {
      const person = await tx.people.create({ ...syntheticPerson(faker, now), created_time: now });
      people.push(person);
      if (i % 5 !== 4) {
        await tx.apps.scopedUser(app.id, person.id, true);
        for (const permission of everyoneGrants) await tx.apps.setGrant(app.id, person.id, permission, 'granted');
      }
      if (i % 3 === 0) await tx.apps.scopedUser(otherApp.id, person.id, true);
      if (i % 4 === 0) await tx.pages.scopedId(page.id, person.id);
      await refreshMatchKeys(tx, person);
    }
    const developer = people[0];
    await tx.adAccounts.setRole(adAccount.id, developer.id, 'ADMIN');
    await tx.pages.setRole(page.id, developer.id, ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MANAGE', 'MODERATE']);
    const systemUser = await tx.businesses.createSystemUser({ business_id: business.id, name: 'Acme Sync Bot', role: 'ADMIN', created_time: now });
    await seedDemoBusinessUsers(tx, { business, adAccount, people, systemUser, now });
    await seedDemoSocial(tx, { business, app, otherApp, page, people, now });
    const forever = { appId: app.id, expiresIn: 0, now };
    const user = await issueToken(tx, { ...forever, kind: 'USER', personId: developer.id, scopes: demoScopes });
    const pageToken = await issueToken(tx, { ...forever, kind: 'PAGE', personId: developer.id, pageId: page.id, scopes: ['pages_show_list', 'pages_read_engagement', 'pages_manage_metadata'] });
    const system = await issueToken(tx, { ...forever, kind: 'SYSTEM_USER', systemUserId: systemUser.id, scopes: ['ads_management', 'ads_read', 'business_management'] });
    return {
      business,
      app,
      otherApp,
      adAccount,
      page,
      people,
      tokens: { user: user.token, app: `${app.id}|${app.secret}`, page: pageToken.token, systemUser: system.token },
    };
  });
}
