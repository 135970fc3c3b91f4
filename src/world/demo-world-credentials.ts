import { randomUUID } from 'node:crypto';
import type { Store } from '../store/types.js';
import { seedDemoWorld } from './demo-world.js';

export interface DemoCredentials {
  userToken: string;
  appToken: string;
  pageToken: string;
  systemUserToken: string;
  adAccountId: string;
  appId: string;
}

const settingsKey = 'demo_world';

/**
 * Seeds the demo world the first time and remembers its credentials, so every start can
 * print them. Tokens are otherwise stored only hashed; the demo's are printed anyway.
 */
export async function ensureDemoWorld(store: Store, now: number): Promise<DemoCredentials> {
  const saved = await store.settings.get(settingsKey);
  if (saved) return JSON.parse(saved) as DemoCredentials;
  // Several processes may start together on one database: one claims the seeding, the others wait for it.
  const claim = randomUUID();
  if ((await store.settings.setIfAbsent(`${settingsKey}_claim`, claim)) !== claim) return waitForDemoWorld(store);
  const world = await seedDemoWorld(store, { now });
  const credentials: DemoCredentials = {
    userToken: world.tokens.user,
    appToken: world.tokens.app,
    pageToken: world.tokens.page,
    systemUserToken: world.tokens.systemUser,
    adAccountId: `act_${world.adAccount.id}`,
    appId: world.app.id,
  };
  await store.settings.set(settingsKey, JSON.stringify(credentials));
  return credentials;
}

/** The demo world's credentials when this install seeded one. */
export async function savedDemoCredentials(store: Store): Promise<DemoCredentials | undefined> {
  const saved = await store.settings.get(settingsKey);
  return saved ? (JSON.parse(saved) as DemoCredentials) : undefined;
}

async function waitForDemoWorld(store: Store): Promise<DemoCredentials> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const saved = await store.settings.get(settingsKey);
    if (saved) return JSON.parse(saved) as DemoCredentials;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('another graphd process claimed the demo world but never finished seeding it');
}

export function demoBanner(origin: string, demo: DemoCredentials, adminToken: string): string {
  return [
    `graphd is serving the Graph API at ${origin}`,
    '',
    `  user token        ${demo.userToken}`,
    `  app token         ${demo.appToken}`,
    `  page token        ${demo.pageToken}`,
    `  system user token ${demo.systemUserToken}`,
    `  ad account        ${demo.adAccountId}`,
    `  admin token       ${adminToken}  (control plane: ${origin}/_graphd/, docs/control-plane.md)`,
    '',
    'Try:',
    `  curl '${origin}/v21.0/me?fields=id,name,email&access_token=${demo.userToken}'`,
    '',
    `Or open ${origin}/ in a browser (Graph API Explorer, audiences, journal, faults; it asks for the admin token).`,
    '',
  ].join('\n');
}
