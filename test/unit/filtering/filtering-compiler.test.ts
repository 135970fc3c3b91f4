import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { compileFiltering, parseFiltering, type FilterFieldMap } from '../../../src/graph/filtering/index.js';
import { GraphError } from '../../../src/graph/graph-error.js';

interface DB {
  custom_audiences: { id: string; name: string; operation_status_code: number; delete_time: number; data_sources: string };
}

/** Kysely instances that only compile (no database), one per dialect. */
const compilers = {
  sqlite: new Kysely<DB>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  }),
  postgres: new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  }),
};

const FIELDS: FilterFieldMap = {
  id: { column: 'custom_audiences.id', type: 'string' },
  name: { column: 'custom_audiences.name', type: 'string' },
  'operation_status.code': { column: 'custom_audiences.operation_status_code', type: 'number' },
  delete_time: { column: 'custom_audiences.delete_time', type: 'time' },
  is_value_based: { column: 'custom_audiences.is_value_based', type: 'bool' },
  'data_source.types': { column: 'custom_audiences.data_sources', type: 'list' },
};

function compile(filtering: unknown, dialect: keyof typeof compilers = 'sqlite') {
  const { where, top } = compileFiltering<DB, 'custom_audiences'>(parseFiltering(filtering), FIELDS);
  let query = compilers[dialect].selectFrom('custom_audiences').select('id').where(where);
  if (top) query = query.orderBy(sql.ref(top.column), 'desc').limit(top.n);
  const { sql: text, parameters } = query.compile();
  return { sql: text, parameters, top };
}

function failure(filtering: unknown): string {
  try {
    compile(filtering);
  } catch (error) {
    if (error instanceof GraphError) return error.message;
    throw error;
  }
  throw new Error('did not throw');
}
const one = (field: string, operator: string, value: unknown) => [{ field, operator, value }];

describe('compileFiltering', () => {
  // The README's walk-through: keep the two in step.
  const example = '[{"field":"operation_status.code","operator":"IN","value":[100,471]},{"field":"name","operator":"CONTAIN","value":"50%_off"}]';

  it('compiles the README example for SQLite', () => {
    expect(compile(example, 'sqlite')).toEqual({
      sql:
        'select "id" from "custom_audiences" where ("custom_audiences"."operation_status_code" in (?, ?) ' +
        `and lower("custom_audiences"."name") like lower(?) escape '!')`,
      parameters: [100, 471, '%50!%!_off%'],
      top: undefined,
    });
  });

  it('compiles the README example for PostgreSQL', () => {
    expect(compile(example, 'postgres')).toEqual({
      sql:
        'select "id" from "custom_audiences" where ("custom_audiences"."operation_status_code" in ($1, $2) ' +
        `and lower("custom_audiences"."name") like lower($3) escape '!')`,
      parameters: [100, 471, '%50!%!_off%'],
      top: undefined,
    });
  });

  it('compiles a list condition to a portable, case-sensitive item test', () => {
    const wrapped = `(',' || rtrim(substr("custom_audiences"."data_sources", 2), ']') || ',')`;
    expect(compile(one('data_source.types', 'CONTAIN', 'EVENT_BASED'), 'postgres')).toMatchObject({
      sql: `select "id" from "custom_audiences" where replace(${wrapped}, $1, '') <> ${wrapped}`,
      parameters: [',"EVENT_BASED",'],
    });
  });

  it('is 1 = 1 with no conditions', () => {
    expect(compile([]).sql).toBe('select "id" from "custom_audiences" where 1 = 1');
  });

  it('hands TOP back as an ordering and a limit, and keeps NULLs out', () => {
    const { sql: text, parameters, top } = compile(one('delete_time', 'TOP', 5), 'postgres');
    expect(top).toEqual({ column: 'custom_audiences.delete_time', n: 5 });
    expect(text).toBe(
      'select "id" from "custom_audiences" where "custom_audiences"."delete_time" is not null order by "custom_audiences"."delete_time" desc limit $1',
    );
    expect(parameters).toEqual([5]);
  });

  it('binds every value as a parameter, whatever it holds', () => {
    const nasty = "x'); drop table custom_audiences; --";
    for (const operator of ['EQUAL', 'CONTAIN', 'STARTS_WITH', 'IN']) {
      const { sql: text, parameters } = compile(one('name', operator, operator === 'IN' ? [nasty] : nasty), 'postgres');
      expect(text).not.toContain('drop');
      expect(JSON.stringify(parameters)).toContain('drop table');
    }
  });

  it('types values by the field: numbers, times, flags', () => {
    expect(compile(one('operation_status.code', 'EQUAL', '471')).parameters).toEqual([471]);
    expect(compile(one('operation_status.code', 'GREATER_THAN', 1.5), 'postgres').sql).toContain('> cast($1 as double precision)');
    expect(compile(one('delete_time', 'AFTER', '2024-01-01T00:00:00Z')).parameters).toEqual([1_704_067_200]);
    expect(compile(one('delete_time', 'BEFORE', '1704067200')).parameters).toEqual([1_704_067_200]);
    expect(compile(one('delete_time', 'ON_OR_AFTER', 1_704_067_200.9)).parameters).toEqual([1_704_067_200]);
    expect(compile(one('is_value_based', 'EQUAL', 'true')).parameters).toEqual([1]);
    expect(compile(one('is_value_based', 'IN', [false, '0'])).parameters).toEqual([0, 0]);
    expect(compile(one('id', 'EQUAL', 6_000_000_001)).parameters).toEqual(['6000000001']);
  });

  it('answers an unknown field with Meta’s wording', () => {
    expect(failure(one('delivery_info', 'IN', ['active']))).toBe('(#100) Filtering field delivery_info is invalid');
    for (const field of ['constructor', '__proto__', 'toString', 'operation_status']) {
      expect(failure(one(field, 'EQUAL', 1))).toBe(`(#100) Filtering field ${field} is invalid`);
    }
  });

  it('refuses operators the field’s kind does not take', () => {
    const pairs: [string, string, unknown][] = [
      ['name', 'GREATER_THAN', 'a'],
      ['name', 'TOP', 1],
      ['name', 'AFTER', 0],
      ['operation_status.code', 'CONTAIN', '1'],
      ['operation_status.code', 'BEFORE', 0],
      ['is_value_based', 'IN_RANGE', [0, 1]],
      ['data_source.types', 'EQUAL', 'a'],
      ['data_source.types', 'IN', ['a']],
      ['data_source.types', 'TOP', 1],
    ];
    for (const [field, operator, value] of pairs) {
      expect(failure(one(field, operator, value))).toBe(`(#100) Filtering field ${field} with operator ${operator} is not supported`);
    }
  });

  it('names the bad value by its path', () => {
    expect(failure(one('operation_status.code', 'EQUAL', 'abc'))).toBe('(#100) Param filtering[0][value] must be a number');
    expect(failure(one('operation_status.code', 'EQUAL', [1]))).toBe('(#100) Param filtering[0][value] must be a number');
    expect(failure(one('operation_status.code', 'IN', [1, 'x']))).toBe('(#100) Param filtering[0][value][1] must be a number');
    expect(failure(one('operation_status.code', 'IN_RANGE', [1, true]))).toBe('(#100) Param filtering[0][value][1] must be a number');
    expect(failure(one('name', 'EQUAL', { a: 1 }))).toBe('(#100) Param filtering[0][value] must be a string');
    expect(failure(one('name', 'EQUAL', true))).toBe('(#100) Param filtering[0][value] must be a string');
    expect(failure(one('data_source.types', 'ANY', ['a', null]))).toBe('(#100) Param filtering[0][value][1] must be a string');
    expect(failure(one('is_value_based', 'EQUAL', 'yes'))).toBe('(#100) Param filtering[0][value] must be a boolean');
    expect(failure(one('delete_time', 'AFTER', 'someday'))).toBe(
      '(#100) Parameter filtering[0][value]: Must be a unixtime or a date/time representation parseable by strtotime()',
    );
    expect(failure([{ field: 'name', operator: 'EQUAL', value: 'a' }, ...one('name', 'CONTAIN', 'x'.repeat(1001))])).toBe(
      '(#100) Param filtering[1][value] must be at most 1000 characters',
    );
  });
});
