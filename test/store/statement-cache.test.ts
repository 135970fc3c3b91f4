import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database as Tables } from '../../src/store/database.js';
import { CompiledRead } from '../../src/store/sql/compiled-read.js';
import { cachingStatements, connectSqlite, MEMORY } from '../../src/store/sqlite/connect.js';

describe('the SQLite statement cache', () => {
  it('answers the same statement for the same SQL and a new one for other SQL', () => {
    const cached = cachingStatements(new Database(':memory:'));
    const first = cached.prepare('select 1 as one');
    expect(cached.prepare('select 1 as one')).toBe(first);
    expect(cached.prepare('select 2 as two')).not.toBe(first);
  });

  it('evicts the least recently used statement beyond its capacity', () => {
    const cached = cachingStatements(new Database(':memory:'), 2);
    const a = cached.prepare('select 1');
    const b = cached.prepare('select 2');
    expect(cached.prepare('select 1')).toBe(a); // a is now the most recently used
    cached.prepare('select 3'); // evicts b
    expect(cached.prepare('select 1')).toBe(a);
    expect(cached.prepare('select 2')).not.toBe(b);
  });

  it('gives a statement of its own while the cached one is still iterating', () => {
    const database = new Database(':memory:');
    const cached = cachingStatements(database);
    const statement = cached.prepare('select value from json_each(?)');
    const rows = statement.iterate(['[1,2,3]']);
    rows.next();
    const other = cached.prepare('select value from json_each(?)');
    expect(other).not.toBe(statement);
    expect(other.all(['[4]'])).toEqual([{ value: 4 }]);
    rows.return?.();
  });
});

describe('CompiledRead', () => {
  it('binds fresh values wherever the compiled SQL put each parameter, in any order', async () => {
    const db = connectSqlite(MEMORY) as unknown as Kysely<any>;
    await sql`create table pairs (a text, b text)`.execute(db);
    await sql`insert into pairs values ('x', '1'), ('y', '2'), ('x', '2')`.execute(db);
    // b is bound before a in the SQL, although it is the second parameter.
    const read = new CompiledRead<{ a: string; b: string }>(db as unknown as Kysely<Tables>, (k, a, b) =>
      (k as unknown as Kysely<any>).selectFrom('pairs').selectAll().where('b', '=', b).where('a', '=', a),
    );
    expect(await read.rows('x', '2')).toEqual([{ a: 'x', b: '2' }]);
    expect(await read.first('y', '2')).toEqual({ a: 'y', b: '2' });
    expect(await read.first('y', '1')).toBeUndefined();
    await expect(read.rows('x')).rejects.toThrow(/takes 2 parameters/);
    await db.destroy();
  });

  it('refuses a build that binds a value other than its parameters', async () => {
    const db = connectSqlite(MEMORY) as unknown as Kysely<any>;
    await sql`create table pairs (a text, b text)`.execute(db);
    const read = new CompiledRead(db as unknown as Kysely<Tables>, (k, a) => (k as unknown as Kysely<any>).selectFrom('pairs').selectAll().where('a', '=', a).where('b', '=', 'fixed'));
    await expect(read.rows('x')).rejects.toThrow(/binds other values/);
    await db.destroy();
  });
});
