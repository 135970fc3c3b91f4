import { Migrator, type Kysely, type MigrationProvider } from 'kysely';
import { peopleAndApps } from './0001-people-and-apps.js';
import { pagesAdAccountsTokens } from './0002-pages-ad-accounts-tokens.js';
import { customAudiences } from './0003-custom-audiences.js';
import { sequences } from './0004-sequences.js';
import { settledStatus } from './0005-settled-status.js';
import { testUsers } from './0006-test-users.js';
import { blocksAndBusinessUsers } from './0007-blocks-and-business-users.js';
import { social } from './0008-social.js';
import { audienceStaging } from './0009-audience-staging.js';
import { audienceTransitions } from './0010-audience-transitions.js';
import { pixels } from './0011-pixels.js';
import type { NamedMigration } from './migration.js';

/** In order. Names sort in this order too, which Kysely's migrator requires. */
export const migrations: readonly NamedMigration[] = [peopleAndApps, pagesAdAccountsTokens, customAudiences, sequences, settledStatus, testUsers, blocksAndBusinessUsers, social, audienceStaging, audienceTransitions, pixels];

/** A static list rather than a folder scan: the code runs compiled from dist/. */
const provider: MigrationProvider = {
  async getMigrations() {
    return Object.fromEntries(migrations.map((migration) => [migration.name, { up: migration.up }]));
  },
};

/** Runs every pending migration with Kysely's migrator; throws the first failure. */
export async function runMigrations(db: Kysely<any>, options: { migrationTableSchema?: string } = {}): Promise<void> {
  const migrator = new Migrator({ db, provider, ...options });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    const cause = error instanceof Error ? error : new Error(String(error));
    const which = failed === undefined ? '' : ` ${failed}`;
    throw new Error(`graphd store migration${which} failed: ${cause.message}`, { cause });
  }
}
