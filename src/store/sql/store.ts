import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { postgresKeyTable } from '../postgres/key-table.js';
import { sqliteKeyTable } from '../sqlite/key-table.js';
import type { Store } from '../types.js';
import { SqlAdAccountsStore } from './ad-accounts-store.js';
import { SqlAdminStore } from './admin-store.js';
import { SqlAppsStore } from './apps-store.js';
import { SqlAudiencesStore } from './audiences-store.js';
import { SqlBusinessesStore } from './businesses-store.js';
import { SqlBusinessUsersStore } from './business-users-store.js';
import { SqlNodesStore } from './nodes-store.js';
import { SqlPageBlocksStore } from './page-blocks-store.js';
import { SqlPagesStore } from './pages-store.js';
import { SqlPeopleStore } from './people-store.js';
import { SqlPixelsStore } from './pixels-store.js';
import { SqlSettingsStore } from './settings-store.js';
import { SqlSocialStore } from './social-store.js';
import { SqlTestUsersStore } from './test-users-store.js';
import { SqlTokensStore } from './tokens-store.js';

/** How each dialect takes a batch of match keys into one statement. */
const keyTables = { sqlite: sqliteKeyTable, postgres: postgresKeyTable } as const;

/**
 * A Store over db, which is the pool or one transaction. A transaction's store runs
 * nested transaction() calls in the same transaction, and cannot close the pool.
 */
export function createSqlStore(db: Kysely<Database>, dialect: Store['dialect'], close: () => Promise<void>): Store {
  const store: Store = {
    dialect,
    nodes: new SqlNodesStore(db),
    people: new SqlPeopleStore(db, dialect),
    apps: new SqlAppsStore(db),
    tokens: new SqlTokensStore(db),
    pages: new SqlPagesStore(db),
    businesses: new SqlBusinessesStore(db),
    adAccounts: new SqlAdAccountsStore(db),
    settings: new SqlSettingsStore(db),
    audiences: new SqlAudiencesStore(db, keyTables[dialect], dialect),
    pixels: new SqlPixelsStore(db),
    businessUsers: new SqlBusinessUsersStore(db),
    pageBlocks: new SqlPageBlocksStore(db),
    testUsers: new SqlTestUsersStore(db),
    social: new SqlSocialStore(db),
    admin: new SqlAdminStore(db, dialect),
    transaction(fn) {
      if (db.isTransaction) return fn(store);
      return db.transaction().execute((trx) => fn(createSqlStore(trx, dialect, closeInsideTransaction)));
    },
    close,
  };
  return store;
}

async function closeInsideTransaction(): Promise<void> {
  throw new Error('graphd store: close() called on a transaction’s store; close the store that opened it');
}
