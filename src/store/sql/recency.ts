import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { parseRecencyKey } from '../social-types.js';
import type { ListRequest, Page } from '../types.js';
import { pageByKey, type KeyRange } from './paging.js';

/**
 * Applies a newest-first keyset range over a (time, id) pair of columns: the rows after (or
 * before) a recencyKey in list order, in key order for the range, at most range.limit of them.
 * A key that is not a recencyKey selects nothing.
 */
export function newestFirst<QB extends SelectQueryBuilder<any, any, any>>(query: QB, timeColumn: string, idColumn: string, range: KeyRange): QB {
  const time = sql.ref(timeColumn);
  const id = sql.ref(idColumn);
  let bounded: SelectQueryBuilder<any, any, any> = query;
  for (const [key, after] of [
    [range.after, true],
    [range.before, false],
  ] as const) {
    if (key === undefined) continue;
    const at = parseRecencyKey(key);
    if (!at) return bounded.where(sql<SqlBool>`1 = 0`) as QB;
    bounded = after
      ? bounded.where(sql<SqlBool>`(${time} < ${at.time} or (${time} = ${at.time} and ${id} > ${at.id}))`)
      : bounded.where(sql<SqlBool>`(${time} > ${at.time} or (${time} = ${at.time} and ${id} < ${at.id}))`);
  }
  const forwards = range.order === 'asc';
  return bounded
    .orderBy(forwards ? sql`${time} desc` : sql`${time} asc`)
    .orderBy(forwards ? sql`${id} asc` : sql`${id} desc`)
    .limit(range.limit) as QB;
}

/** One newest-first page of query's rows (keyset-paged by recencyKey over the time and id columns). */
export function newestPage<O>(request: ListRequest, query: SelectQueryBuilder<any, any, O>, timeColumn: string, idColumn: string): Promise<Page<O>> {
  return pageByKey(request, (range) => newestFirst(query, timeColumn, idColumn, range).execute() as Promise<O[]>);
}
