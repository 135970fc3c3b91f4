/**
 * What every node table of the social store does the same way: allocate the node and insert
 * its row in one transaction, and read a row back by id. The table is named by a variable,
 * which Kysely cannot type; the signatures below keep each table's row type at the call site.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../database.js';
import { allocate } from '../ids.js';
import type { SocialNodeType } from '../social-types.js';
import type { Page } from '../types.js';
import type { SocialTables } from './social-tables.js';
import { inTransaction } from './transaction.js';

/** The social tables whose rows are nodes (they have an id). */
export type NodeTable = { [T in keyof SocialTables]: SocialTables[T] extends { id: string } ? T : never }[keyof SocialTables];

/** The social tables beside the others. */
export type SocialDb = Kysely<Database & SocialTables>;

/** Any node table, for a query over a table named by a variable. */
type AnyNodeTables = Kysely<Record<string, { id: string }>>;

export const mapPage = <R, T>(page: Page<R>, to: (row: R) => T): Page<T> => ({ rows: page.rows.map(to), more: page.more });
/** The empty page. */
export const none = <T>(): Page<T> => ({ rows: [], more: false });

/** The columns of a row stored as it is (no flags or JSON to encode). */
export const asStored = <R>(row: R): R => row;

/** A new row's id, and its updated_time: the one given, else its created_time. */
export const withUpdatedTime = <N extends { created_time: number; updated_time?: number }>(row: N, id: string) => ({
  ...row,
  id,
  updated_time: row.updated_time ?? row.created_time,
});

/** Allocates a node of type, builds its row with the new id and inserts it as columns(row), in one transaction. */
export function insertNode<T extends NodeTable, R>(
  db: Kysely<Database>,
  type: SocialNodeType,
  createdTime: number,
  table: T,
  build: (id: string) => R,
  columns: (row: R) => SocialTables[T],
): Promise<R> {
  return inTransaction(db, async (trx) => {
    const row = build(await allocate(trx, type, createdTime));
    await (trx as unknown as AnyNodeTables).insertInto(table).values(columns(row) as unknown as { id: string }).execute();
    return row;
  });
}

/** The row of a node table with this id, decoded. */
export async function nodeById<T extends NodeTable, R = Selectable<SocialTables[T]>>(
  db: Kysely<Database>,
  table: T,
  id: string,
  decode: (row: Selectable<SocialTables[T]>) => R = asStored as (row: Selectable<SocialTables[T]>) => R,
): Promise<R | undefined> {
  const row = await (db as unknown as AnyNodeTables).selectFrom(table as string).selectAll().where('id', '=', id).executeTakeFirst();
  return row && decode(row as Selectable<SocialTables[T]>);
}
