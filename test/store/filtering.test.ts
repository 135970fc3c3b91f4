/**
 * The `filtering` grammar against real SQLite and PostgreSQL: a throwaway `widgets` table, every
 * operator, the NULL rules, and values full of SQL and LIKE metacharacters matching literally.
 * The store does not hand out its Kysely, so this file opens its own (as migrations.test.ts does).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compileFiltering, parseFiltering, type FilterFieldMap } from '../../src/graph/filtering/index.js';
import { GraphError } from '../../src/graph/graph-error.js';
import { connectPostgres } from '../../src/store/postgres/connect.js';
import { connectSqlite } from '../../src/store/sqlite/connect.js';
import { PG_URL, describeStore, dropSchema, freshSchemaName } from '../helpers/stores.js';

interface Widget {
  id: string;
  name: string | null;
  score: number | null;
  created_time: number | null;
  active: number;
  tags: string | null;
  status_code: number | null;
}
interface TestDB {
  widgets: Widget;
}

const list = (...items: string[]) => JSON.stringify(items);
const INJECTION = "' OR 1=1 --";

const WIDGETS: Widget[] = [
  { id: 'w1', name: 'Alpha', score: 10.5, created_time: 1_700_000_000, active: 1, tags: list('a', 'b'), status_code: 200 },
  { id: 'w2', name: 'beta!', score: 20, created_time: 1_700_086_400, active: 0, tags: list('b', 'c'), status_code: 400 },
  { id: 'w3', name: INJECTION, score: 30, created_time: 1_700_172_800, active: 1, tags: list('100%', 'under_score'), status_code: 200 },
  { id: 'w4', name: '50% off_sale', score: null, created_time: null, active: 0, tags: list(), status_code: null },
  { id: 'w5', name: null, score: -5, created_time: 1_600_000_000, active: 1, tags: null, status_code: 471 },
  { id: 'w6', name: 'ALPHABET soup', score: 20, created_time: 1_700_000_000, active: 1, tags: list('A', 'quote"d'), status_code: 100 },
  { id: 'w7', name: 'Ünïcode café', score: 7, created_time: 1_690_000_000, active: 0, tags: list('B', 'a,b'), status_code: 100 },
];
const ALL = WIDGETS.map((widget) => widget.id);

const FIELDS: FilterFieldMap = {
  id: { column: 'widgets.id', type: 'string' },
  name: { column: 'widgets.name', type: 'string' },
  score: { column: 'widgets.score', type: 'number' },
  created_time: { column: 'widgets.created_time', type: 'time' },
  active: { column: 'widgets.active', type: 'bool' },
  tags: { column: 'widgets.tags', type: 'list' },
  'status.code': { column: 'widgets.status_code', type: 'number' },
};

type Case = [field: string, operator: string, value: unknown, ids: string[]];

/** Each operator on each kind of field it takes; `ids` sorted. */
const CASES: Case[] = [
  ['name', 'EQUAL', 'beta!', ['w2']],
  ['name', 'EQUAL', 'BETA!', []],
  ['id', 'EQUAL', 'w3', ['w3']],
  ['name', 'NOT_EQUAL', 'beta!', ['w1', 'w3', 'w4', 'w6', 'w7']],
  ['score', 'EQUAL', '20', ['w2', 'w6']],
  ['score', 'NOT_EQUAL', 20, ['w1', 'w3', 'w5', 'w7']],
  ['score', 'GREATER_THAN', 10.5, ['w2', 'w3', 'w6']],
  ['score', 'GREATER_THAN_OR_EQUAL', 10.5, ['w1', 'w2', 'w3', 'w6']],
  ['score', 'LESS_THAN', 10, ['w5', 'w7']],
  ['score', 'LESS_THAN_OR_EQUAL', 7, ['w5', 'w7']],
  ['status.code', 'GREATER_THAN', 100, ['w1', 'w2', 'w3', 'w5']],
  ['status.code', 'LESS_THAN', 150.5, ['w6', 'w7']],
  ['score', 'IN_RANGE', [7, 20], ['w1', 'w2', 'w6', 'w7']],
  ['score', 'NOT_IN_RANGE', [7, 20], ['w3', 'w5']],
  ['created_time', 'IN_RANGE', ['2023-07-22', '2023-11-15'], ['w1', 'w6', 'w7']],
  ['name', 'CONTAIN', 'alpha', ['w1', 'w6']],
  ['name', 'NOT_CONTAIN', 'alpha', ['w2', 'w3', 'w4', 'w7']],
  ['name', 'CONTAIN', 'Ünï', ['w7']],
  ['name', 'STARTS_WITH', 'AL', ['w1', 'w6']],
  ['name', 'ENDS_WITH', 'SOUP', ['w6']],
  ['status.code', 'IN', [100, 471], ['w5', 'w6', 'w7']],
  ['status.code', 'IN', ['100'], ['w6', 'w7']],
  ['status.code', 'NOT_IN', [100, 471], ['w1', 'w2', 'w3']],
  ['name', 'IN', ['Alpha', 'beta!', 'nobody'], ['w1', 'w2']],
  ['name', 'ANY', ['Alpha', 'beta!'], ['w1', 'w2']],
  ['score', 'ALL', [20], ['w2', 'w6']],
  ['score', 'ALL', [20, 30], []],
  ['status.code', 'NONE', [200], ['w2', 'w4', 'w5', 'w6', 'w7']],
  ['tags', 'CONTAIN', 'b', ['w1', 'w2']],
  ['tags', 'CONTAIN', 'A', ['w6']],
  ['tags', 'CONTAIN', 'a,b', ['w7']],
  ['tags', 'CONTAIN', 'quote"d', ['w6']],
  ['tags', 'CONTAIN', 'under', []],
  ['tags', 'NOT_CONTAIN', 'b', ['w3', 'w4', 'w6', 'w7']],
  ['tags', 'ANY', ['a', 'c'], ['w1', 'w2']],
  ['tags', 'ALL', ['a', 'b'], ['w1']],
  ['tags', 'ALL', ['b'], ['w1', 'w2']],
  ['tags', 'NONE', ['a', 'b'], ['w3', 'w4', 'w5', 'w6', 'w7']],
  ['created_time', 'AFTER', '2023-11-14T22:13:20Z', ['w2', 'w3']],
  ['created_time', 'ON_OR_AFTER', 1_700_000_000, ['w1', 'w2', 'w3', 'w6']],
  ['created_time', 'BEFORE', '2023-11-14', ['w5', 'w7']],
  ['created_time', 'ON_OR_BEFORE', '1690000000', ['w5', 'w7']],
  ['created_time', 'GREATER_THAN', 0, ['w1', 'w2', 'w3', 'w5', 'w6', 'w7']],
  ['created_time', 'EQUAL', '2023-11-14T22:13:20+0000', ['w1', 'w6']],
  ['active', 'EQUAL', true, ['w1', 'w3', 'w5', 'w6']],
  ['active', 'EQUAL', 'false', ['w2', 'w4', 'w7']],
  ['active', 'NOT_EQUAL', 1, ['w2', 'w4', 'w7']],
  ['active', 'IN', [true], ['w1', 'w3', 'w5', 'w6']],
];

/** Values that must match only themselves: SQL quoting, comments and LIKE wildcards. */
const LITERAL_CASES: Case[] = [
  ['name', 'EQUAL', INJECTION, ['w3']],
  ['name', 'IN', [INJECTION], ['w3']],
  ['name', 'CONTAIN', INJECTION, ['w3']],
  ['name', 'CONTAIN', "1=1 --", ['w3']],
  ['name', 'STARTS_WITH', "'", ['w3']],
  ['name', 'CONTAIN', '%', ['w4']],
  ['name', 'CONTAIN', '_', ['w4']],
  ['name', 'CONTAIN', '!', ['w2']],
  ['name', 'ENDS_WITH', 'A!', ['w2']],
  ['name', 'STARTS_WITH', '5_', []],
  ['name', 'STARTS_WITH', '%', []],
  ['name', 'EQUAL', '%', []],
  ['name', 'NOT_CONTAIN', '%', ['w1', 'w2', 'w3', 'w6', 'w7']],
  ['tags', 'CONTAIN', '100%', ['w3']],
  ['tags', 'CONTAIN', '100_', []],
  ['tags', 'CONTAIN', 'under_score', ['w3']],
  ['tags', 'CONTAIN', INJECTION, []],
  ['tags', 'ANY', ['%', '_', '"', ''], []],
];

/** Empty lists: IN / ANY match nothing, NOT_IN every non-null row, ALL / NONE every row. */
const EMPTY_CASES: Case[] = [
  ['status.code', 'IN', [], []],
  ['status.code', 'NOT_IN', [], ['w1', 'w2', 'w3', 'w5', 'w6', 'w7']],
  ['status.code', 'NONE', [], ALL],
  ['score', 'ALL', [], ALL],
  ['tags', 'ANY', [], []],
  ['tags', 'ALL', [], ALL],
  ['tags', 'NONE', [], ALL],
];

for (const dialect of ['sqlite', 'postgres'] as const) {
  describeStore(dialect, 'filtering compiled to SQL', () => {
    let db: Kysely<TestDB>;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      if (dialect === 'sqlite') {
        const dir = mkdtempSync(join(tmpdir(), 'graphd-filtering-'));
        db = connectSqlite(join(dir, 'filtering.db')) as unknown as Kysely<TestDB>;
        cleanup = async () => {
          await db.destroy();
          rmSync(dir, { recursive: true, force: true });
        };
      } else {
        const schema = freshSchemaName();
        db = (await connectPostgres(PG_URL, { schema })) as unknown as Kysely<TestDB>;
        cleanup = async () => {
          await db.destroy();
          await dropSchema(schema);
        };
      }
      await db.schema
        .createTable('widgets')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('name', 'text')
        .addColumn('score', 'double precision')
        .addColumn('created_time', 'bigint')
        .addColumn('active', 'integer', (column) => column.notNull())
        .addColumn('tags', 'text')
        .addColumn('status_code', 'integer')
        .execute();
      await db.insertInto('widgets').values(WIDGETS).execute();
    });
    afterAll(async () => cleanup?.());

    /** Ids of the rows the filtering keeps: sorted, or in TOP's order (ties by id). */
    async function select(filtering: unknown): Promise<string[]> {
      const { where, top } = compileFiltering<TestDB, 'widgets'>(parseFiltering(filtering), FIELDS);
      let query = db.selectFrom('widgets').select('widgets.id').where(where);
      query = top ? query.orderBy(sql.ref(top.column), 'desc').orderBy('widgets.id').limit(top.n) : query.orderBy('widgets.id');
      return (await query.execute()).map((row) => row.id);
    }
    const one = (field: string, operator: string, value: unknown) => JSON.stringify([{ field, operator, value }]);

    it.each(CASES)('%s %s %j', async (field, operator, value, ids) => {
      expect(await select(one(field, operator, value))).toEqual(ids);
    });

    it.each(LITERAL_CASES)('matches %s %s %j literally', async (field, operator, value, ids) => {
      expect(await select(one(field, operator, value))).toEqual(ids);
    });

    it.each(EMPTY_CASES)('%s %s [] (empty list)', async (field, operator, value, ids) => {
      expect(await select(one(field, operator, value))).toEqual(ids);
    });

    it('covers all 22 operators', () => {
      const used = new Set([...CASES, ...LITERAL_CASES].map(([, operator]) => operator).concat('TOP'));
      expect(used.size).toBe(22);
    });

    it('TOP keeps the N highest non-null values, ties by the caller’s tiebreak', async () => {
      expect(await select(one('score', 'TOP', 2))).toEqual(['w3', 'w2']);
      expect(await select(one('created_time', 'TOP', '1'))).toEqual(['w3']);
      // NULLs sort first in PostgreSQL's DESC; TOP leaves them out on both stores.
      expect(await select(one('score', 'TOP', 100))).toEqual(['w3', 'w2', 'w6', 'w1', 'w7', 'w5']);
    });

    it('applies TOP after the other conditions', async () => {
      const filtering = [
        { field: 'score', operator: 'TOP', value: 2 },
        { field: 'active', operator: 'EQUAL', value: true },
      ];
      expect(await select(filtering)).toEqual(['w3', 'w6']);
    });

    it('ANDs every condition, and no filtering keeps every row', async () => {
      const filtering = [
        { field: 'status.code', operator: 'IN', value: [200, 100] },
        { field: 'name', operator: 'CONTAIN', value: 'alp' },
        { field: 'tags', operator: 'NOT_CONTAIN', value: 'a' },
      ];
      expect(await select(filtering)).toEqual(['w6']);
      expect(await select('[]')).toEqual(ALL);
      expect(await select(undefined)).toEqual(ALL);
    });

    it('takes the forms PHP bracket keys fold into', async () => {
      expect(await select({ 0: { field: 'status.code', operator: 'IN', value: { 0: '100', 1: '471' } } })).toEqual(['w5', 'w6', 'w7']);
      expect(await select({ 0: { field: 'status.code', operator: 'IN', value: '200,400' } })).toEqual(['w1', 'w2', 'w3']);
    });

    it('fails with a GraphError before touching the database', async () => {
      await expect(select(one('colour', 'EQUAL', 'red'))).rejects.toThrow(GraphError);
      await expect(select(one('score', 'EQUAL', INJECTION))).rejects.toThrow('(#100) Param filtering[0][value] must be a number');
    });
  });
}
