import { createQueryId, type Compilable, type CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../database.js';

/**
 * A read built and compiled once per store, then run with fresh parameters. Kysely builds an
 * immutable query tree and compiles it to SQL on every execute(); for the point reads every
 * request makes (token, app, grants, app user, person) that costs about as much as SQLite's
 * own work, and it hands the driver a new SQL string each time (which the SQLite statement
 * cache must hash). Here the SQL is built once, lazily (a transaction's store compiles only
 * what it runs), in the dialect of the store's own Kysely.
 *
 * build() gets one placeholder per parameter and must bind each somewhere (checked when
 * compiling); run() binds the real values wherever the compiled SQL put the placeholders.
 */
export class CompiledRead<Row> {
  #compiled?: { template: CompiledQuery<Row>; positions: number[]; arity: number };

  constructor(
    private readonly db: Kysely<Database>,
    private readonly build: (db: Kysely<Database>, ...params: string[]) => Compilable<Row>,
  ) {}

  async rows(...values: string[]): Promise<Row[]> {
    const { template, positions, arity } = (this.#compiled ??= this.compile(values.length));
    if (values.length !== arity) throw new Error(`graphd store: compiled read takes ${arity} parameters, got ${values.length}`);
    const parameters = positions.map((position) => values[position]);
    const query: CompiledQuery<Row> = { query: template.query, queryId: createQueryId(), sql: template.sql, parameters };
    return (await this.db.executeQuery(query)).rows;
  }

  async first(...values: string[]): Promise<Row | undefined> {
    return (await this.rows(...values))[0];
  }

  private compile(arity: number): { template: CompiledQuery<Row>; positions: number[]; arity: number } {
    const placeholders = Array.from({ length: arity }, (_, index) => `\u0000graphd-param-${index}\u0000`);
    const template = this.build(this.db, ...placeholders).compile();
    const positions = template.parameters.map((parameter) => placeholders.indexOf(parameter as string));
    if (positions.includes(-1) || placeholders.some((_, index) => !positions.includes(index))) {
      throw new Error(`graphd store: compiled read binds other values than its parameters: ${template.sql}`);
    }
    return { template, positions, arity };
  }
}
