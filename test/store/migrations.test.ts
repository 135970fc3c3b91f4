import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { migrateToLatest, migrations } from '../../src/store/migrations/index.js';
import { connectPostgres } from '../../src/store/postgres/connect.js';
import { connectSqlite } from '../../src/store/sqlite/connect.js';
import { PG_URL, describeStore, dropSchema, freshSchemaName, requirePostgres } from '../helpers/stores.js';
import { newPerson } from './fixtures.js';

const TABLES = ['nodes', 'settings', 'businesses', 'system_users', 'people', 'apps', 'app_users', 'grants', 'pages']
  .concat(['page_roles', 'page_scoped_ids', 'ad_accounts', 'ad_account_roles', 'access_tokens'])
  .concat(['custom_audiences', 'audience_rows', 'audience_members', 'person_match_keys', 'audience_sessions'])
  .concat(['audience_session_batches', 'audience_shares', 'custom_audience_tos', 'sequences'])
  .concat(['test_users'])
  .concat(['business_users', 'ad_account_assigned_users', 'page_blocked_people'])
  .concat(['albums', 'photos', 'videos', 'media_tags', 'live_videos', 'posts', 'page_likes', 'app_requests', 'payment_subscriptions'])
  .concat(['message_threads', 'thread_labels', 'thread_label_people', 'canvases', 'ad_studies', 'business_asset_groups', 'product_catalogs'])
  .concat(['business_asset_assignments'])
  .concat(['audience_staged_keys', 'audience_key_parts'])
  .concat(['pixels', 'pixel_events'])
  .sort();

async function appliedMigrations(db: Kysely<any>): Promise<string[]> {
  const rows = await db.selectFrom('kysely_migration').select('name').orderBy('name').execute();
  return rows.map((row) => row.name);
}

describeStore('sqlite', 'migrations', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const tempFile = () => {
    dirs.push(mkdtempSync(join(tmpdir(), 'graphd-migrate-')));
    return join(dirs.at(-1)!, 'nested', 'graphd.db');
  };

  it('creates every table once and is a no-op when run again', async () => {
    const db = connectSqlite(tempFile());
    try {
      await migrateToLatest(db);
      await migrateToLatest(db);
      expect(await appliedMigrations(db)).toEqual(migrations.map((m) => m.name));
      const tables = await db.introspection.getTables();
      expect(tables.map((table) => table.name).sort()).toEqual(TABLES);
    } finally {
      await db.destroy();
    }
  });

  it('lets several processes migrate one file at once', async () => {
    const file = tempFile();
    const child = fileURLToPath(new URL('./support/migrate-sqlite-child.ts', import.meta.url));
    const run = promisify(execFile);
    const startAt = String(Date.now() + 2_000);
    await Promise.all([1, 2, 3, 4].map(() => run(process.execPath, ['--import', 'tsx', child, file, startAt])));
    const db = connectSqlite(file);
    try {
      expect(await appliedMigrations(db)).toEqual(migrations.map((m) => m.name));
    } finally {
      await db.destroy();
    }
  });
});

describeStore('postgres', 'migrations', () => {
  const schemas: string[] = [];
  afterEach(async () => {
    for (const schema of schemas.splice(0)) await dropSchema(schema);
  });
  const freshSchema = () => {
    requirePostgres();
    schemas.push(freshSchemaName());
    return schemas.at(-1)!;
  };

  it('migrates once when several connections start on one schema at the same time', async () => {
    const schema = freshSchema();
    const dbs = await Promise.all([1, 2, 3, 4].map(() => connectPostgres(PG_URL, { schema })));
    try {
      await Promise.all(dbs.map((db) => migrateToLatest(db)));
      expect(await appliedMigrations(dbs[0])).toEqual(migrations.map((m) => m.name));
      const { rows } = await sql<{ name: string }>`
        select table_name as name from information_schema.tables where table_schema = ${schema}`.execute(dbs[0]);
      expect(rows.map((row) => row.name).sort()).toEqual([...TABLES, 'kysely_migration', 'kysely_migration_lock'].sort());
    } finally {
      await Promise.all(dbs.map((db) => db.destroy()));
    }
  });

  it('keeps schemas of one database apart', async () => {
    const [first, second] = [freshSchema(), freshSchema()];
    const a = await openStore(PG_URL, { schema: first });
    const b = await openStore(PG_URL, { schema: second });
    try {
      await a.people.create(newPerson());
      expect(await a.people.count()).toBe(1);
      expect(await b.people.count()).toBe(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('keeps the search_path when the URL carries its own options', async () => {
    const schema = freshSchema();
    const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent('-c statement_timeout=60000')}`;
    const db = await connectPostgres(url, { schema });
    try {
      const { rows } = await sql<{ schema: string; timeout: string }>`
        select current_schema() as schema, current_setting('statement_timeout') as timeout`.execute(db);
      expect(rows[0]).toEqual({ schema, timeout: '1min' });
    } finally {
      await db.destroy();
    }
  });
});
