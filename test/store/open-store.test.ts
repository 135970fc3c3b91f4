import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { newPerson } from './fixtures.js';

describe('openStore', () => {
  it('opens an in-memory SQLite store', async () => {
    const store = await openStore('sqlite::memory:');
    try {
      expect(store.dialect).toBe('sqlite');
      await store.people.create(newPerson());
      expect(await store.people.count()).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('creates the SQLite file and its parent directories, and keeps data across opens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'graphd-open-'));
    const file = join(dir, 'a', 'b', 'graphd.db');
    try {
      const first = await openStore(`sqlite:${file}`);
      await first.settings.set('k', 'v');
      await first.close();
      expect(existsSync(file)).toBe(true);
      const second = await openStore(`sqlite://${file}`);
      expect(await second.settings.get('k')).toBe('v');
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects unsupported URLs clearly, without echoing passwords', async () => {
    await expect(openStore('mysql://me:hunter2@localhost/db')).rejects.toThrow(/unsupported database URL/);
    await expect(openStore('mysql://me:hunter2@localhost/db')).rejects.not.toThrow(/hunter2/);
    await expect(openStore('./graphd.db')).rejects.toThrow(/sqlite:PATH/);
    await expect(openStore('sqlite:')).rejects.toThrow(/names no file/);
  });

  it('rejects a PostgreSQL schema name it cannot use safely', async () => {
    await expect(openStore('postgres://127.0.0.1:1/x', { schema: 'a"; drop' })).rejects.toThrow(/invalid PostgreSQL schema/);
  });
});
