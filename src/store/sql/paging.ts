import type { ListRequest, Page } from '../types.js';

/** What a keyset query must apply: exclusive bounds, direction, and how many rows to read. */
export interface KeyRange {
  after?: string;
  before?: string;
  order: 'asc' | 'desc';
  limit: number;
}

/**
 * Keyset paging by a unique key. Reads one row more than asked to learn whether there
 * are more. With `before` it reads backwards (the rows just before the key) and
 * returns them in ascending order like every other page.
 */
export async function pageByKey<R>(request: ListRequest, fetch: (range: KeyRange) => Promise<R[]>): Promise<Page<R>> {
  const { limit, after, before } = request;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`page limit must be a positive integer, got ${limit}`);
  const backwards = before !== undefined;
  const rows = await fetch({ after, before, order: backwards ? 'desc' : 'asc', limit: limit + 1 });
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  return { rows: backwards ? page.reverse() : page, more };
}
