import fc from 'fast-check';
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import { compileFiltering, OPERATORS, parseFiltering, type FilterFieldMap } from '../../../src/graph/filtering/index.js';
import { GraphError } from '../../../src/graph/graph-error.js';

interface DB {
  t: { s: string; n: number; d: number; b: number; l: string };
}

const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new SqliteIntrospector(kysely),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

const FIELDS: FilterFieldMap = {
  s: { column: 't.s', type: 'string' },
  n: { column: 't.n', type: 'number' },
  d: { column: 't.d', type: 'time' },
  b: { column: 't.b', type: 'bool' },
  l: { column: 't.l', type: 'list' },
};

/** Parse and compile to SQL; the only failure allowed is a GraphError. */
function run(raw: unknown): 'ok' | 'graph-error' {
  try {
    const { where } = compileFiltering<DB, 't'>(parseFiltering(raw), FIELDS);
    db.selectFrom('t').select('s').where(where).compile();
    return 'ok';
  } catch (error) {
    if (error instanceof GraphError) return 'graph-error';
    throw error;
  }
}

const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom("' OR 1=1 --", '%', '_', '!', '"', '2024-01-01', 'now', '1,2', '[1,2]', '{}', ''),
);
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }), fc.jsonValue({ maxDepth: 2 }));
const condition = fc.record(
  {
    field: fc.oneof(fc.constantFrom('s', 'n', 'd', 'b', 'l', 'constructor', '__proto__', 'x.y'), fc.string({ maxLength: 6 }), fc.integer()),
    operator: fc.oneof(fc.constantFrom(...OPERATORS), fc.constantFrom('equal', 'LIKE', 'toString'), fc.anything()),
    value,
  },
  { requiredKeys: [] },
);

describe('filtering properties', () => {
  it('any JSON, as a value or as text, parses or throws a GraphError, nothing else', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        expect(['ok', 'graph-error']).toContain(run(json));
        expect(['ok', 'graph-error']).toContain(run(JSON.stringify(json)));
      }),
      { numRuns: 500 },
    );
  });

  it('any string parses or throws a GraphError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(['ok', 'graph-error']).toContain(run(text));
      }),
      { numRuns: 300 },
    );
  });

  it('filter-shaped input of any operator and value compiles to SQL or throws a GraphError', () => {
    fc.assert(
      fc.property(fc.array(condition, { maxLength: 4 }), (conditions) => {
        expect(['ok', 'graph-error']).toContain(run(conditions));
        expect(['ok', 'graph-error']).toContain(run(JSON.stringify(conditions) ?? 'null'));
      }),
      { numRuns: 1000 },
    );
  });

  it('never puts a value into the SQL text: only parameters carry them', () => {
    const marker = fc.constantFrom("'; drop table t; --", '"x"', 'zz%_!');
    fc.assert(
      fc.property(fc.constantFrom(...OPERATORS), fc.constantFrom('s', 'n', 'd', 'b', 'l'), marker, (operator, field, text) => {
        const listy = ['IN', 'NOT_IN', 'ANY', 'ALL', 'NONE', 'IN_RANGE', 'NOT_IN_RANGE'].includes(operator);
        const raw = [{ field, operator, value: listy ? [text, text] : text }];
        try {
          const { where } = compileFiltering<DB, 't'>(parseFiltering(raw), FIELDS);
          const compiled = db.selectFrom('t').select('s').where(where).compile();
          expect(compiled.sql).not.toContain('drop');
          expect(compiled.sql).not.toContain('zz');
        } catch (error) {
          expect(error).toBeInstanceOf(GraphError);
        }
      }),
    );
  });
});
