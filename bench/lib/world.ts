/**
 * The ingest bench's world: many people with their match keys, written straight into the
 * store's tables in bulk (better-sqlite3 prepared statements in one transaction on SQLite,
 * unnest() batches on PostgreSQL). Creating a million people through the API or the store's
 * one-person calls would take longer than the upload being measured.
 *
 * Person j has the email `person{j}@example.com`, a phone, a letters-only last name and a
 * ZIP, so personMatchKeys gives four keys: EMAIL, PHONE, FN+LN+ZIP and FI+LN+ZIP. The keys
 * are computed here with the documented formula (src/audiences/matching/README.md: SHA-256
 * of the tag, a zero byte and the parts' digests), about fifty times faster than going
 * through personIdentifiers() per person, and checked against it on a sample first.
 */
import { createHash, hash } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { personIdentifiers, personMatchKeys } from '../../src/audiences/matching/index.js';
import type { PersonRow } from '../../src/store/types.js';

/** People ids: 16 digits starting with 7, far from the random ids the store hands out. */
const ID_BASE = 7_000_000_000_000_000n;

export const personId = (j: number): string => String(ID_BASE + BigInt(j));
export const personEmail = (j: number): string => `person${j}@example.com`;
export const sha256 = (data: string | Buffer): Buffer => hash('sha256', data, 'buffer');

/** A last name of letters only (normalisation drops digits), distinct per person. */
function lastName(j: number): string {
  let name = '';
  for (let n = j + 26 ** 3; n > 0; n = Math.floor(n / 26)) name = String.fromCharCode(97 + (n % 26)) + name;
  return name[0].toUpperCase() + name.slice(1);
}

interface BenchPerson {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  zip: string;
}

function person(j: number): BenchPerson {
  return {
    id: personId(j),
    first_name: 'Pat',
    last_name: lastName(j),
    email: personEmail(j),
    phone: `+1555${String(j).padStart(7, '0')}`,
    zip: String(10_000 + (j % 89_999)),
  };
}

const matchKey = (tag: string, ...parts: Buffer[]): Buffer => sha256(Buffer.concat([Buffer.from(`${tag}\0`), ...parts]));

/** The match key an uploaded EMAIL_SHA256 cell (this digest) yields. */
export const emailMatchKey = (emailDigest: Buffer): Buffer => matchKey('EMAIL', emailDigest);

const [FN_PAT, FI_P] = [sha256('pat'), sha256('p')];
const zipDigests = new Map<string, Buffer>();
const zipDigest = (zip: string): Buffer => zipDigests.get(zip) ?? zipDigests.set(zip, sha256(zip)).get(zip)!;

function keysOf(p: BenchPerson): Buffer[] {
  const [fn, fi, ln, zip] = [FN_PAT, FI_P, sha256(p.last_name.toLowerCase()), zipDigest(p.zip)];
  return [
    matchKey('EMAIL', sha256(p.email)),
    matchKey('PHONE', sha256(p.phone.slice(1))),
    matchKey('FN+LN+ZIP', fn, ln, zip),
    matchKey('FI+LN+ZIP', fi, ln, zip),
  ];
}

/** Throws unless keysOf() agrees with the matching module on a sample of people. */
function checkKeys(): void {
  for (const j of [0, 1, 25, 676, 99_999, 999_999]) {
    const p = person(j);
    const row = { ...p, middle_name: null, birthday: null, gender: null, city: null, state: null, country: null } as unknown as PersonRow;
    const expected = personMatchKeys(personIdentifiers(row)).map((key) => key.toString('hex')).sort();
    const ours = keysOf(p).map((key) => key.toString('hex')).sort();
    if (expected.join() !== ours.join()) throw new Error(`bench world: match keys of person ${j} disagree with the matching module`);
  }
}

const PERSON_COLUMNS = 'id, first_name, last_name, email, phone, zip, locale, timezone, verified, is_test_user, profile, created_time, updated_time';

/**
 * Adds people 0..count-1 and their match keys to the SQLite file at path. The keys go to a
 * temporary table first and into person_match_keys in key order, with its secondary indexes
 * dropped meanwhile and rebuilt after (CREATE INDEX sorts once): inserting four million
 * random keys one by one into two B-trees would take minutes.
 */
export function growSqliteWorld(path: string, count: number, now: number): void {
  checkKeys();
  const db = new SqliteDatabase(path);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -500000');
    // Every row written here is valid by construction; the checks would cost a lookup per key.
    db.pragma('foreign_keys = OFF');
    const indexes = db
      .prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = 'person_match_keys' and sql is not null")
      .all() as { name: string; sql: string }[];
    db.exec('create temp table world_keys (match_key blob not null, person_id text not null)');
    const insertPerson = db.prepare(`insert into people (${PERSON_COLUMNS}) values (?, ?, ?, ?, ?, ?, 'en_US', -7, 1, 0, '{}', ?, ?)`);
    const insertKey = db.prepare('insert into world_keys (match_key, person_id) values (?, ?)');
    db.transaction(() => {
      for (const { name } of indexes) db.exec(`drop index ${name}`);
      for (let j = 0; j < count; j++) {
        const p = person(j);
        insertPerson.run(p.id, p.first_name, p.last_name, p.email, p.phone, p.zip, now, now);
        for (const key of keysOf(p)) insertKey.run(key, p.id);
      }
      db.exec('insert or ignore into person_match_keys (match_key, person_id) select match_key, person_id from world_keys order by match_key, person_id');
      for (const { sql } of indexes) db.exec(sql);
    })();
    db.exec('drop table world_keys');
  } finally {
    db.close();
  }
}

/** Adds people 0..count-1 and their match keys to the PostgreSQL schema. */
export async function growPostgresWorld(url: string, schema: string, count: number, now: number): Promise<void> {
  checkKeys();
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query('begin');
    const chunk = 20_000;
    for (let from = 0; from < count; from += chunk) {
      const people = Array.from({ length: Math.min(chunk, count - from) }, (_, i) => person(from + i));
      const column = (name: keyof BenchPerson) => people.map((p) => p[name]);
      await client.query(
        `insert into people (${PERSON_COLUMNS})
         select id, first_name, last_name, email, phone, zip, 'en_US', -7, 1, 0, '{}', $7, $7
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as t(id, first_name, last_name, email, phone, zip)`,
        [column('id'), column('first_name'), column('last_name'), column('email'), column('phone'), column('zip'), now],
      );
      const ids: string[] = [];
      const keys: Buffer[] = [];
      for (const p of people) {
        for (const key of keysOf(p)) {
          ids.push(p.id);
          keys.push(key);
        }
      }
      // All keys as one bytea, cut by position: binary on the wire, no per-key escaping.
      await client.query(
        `insert into person_match_keys (match_key, person_id)
         select substring($1::bytea from (cast(t.i as integer) - 1) * 32 + 1 for 32), t.id
         from unnest($2::text[]) with ordinality as t(id, i)
         on conflict do nothing`,
        [Buffer.concat(keys), ids],
      );
    }
    await client.query('commit');
    // As autovacuum would leave them: statistics, and a visibility map that lets the
    // match join read person_match_keys' index alone.
    await client.query('vacuum (analyze) people');
    await client.query('vacuum (analyze) person_match_keys');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
