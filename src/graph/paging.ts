import { GraphError } from './graph-error.js';

/** What an edge is asked for: at most `limit` items after or before a decoded cursor key. */
export interface PageRequest {
  limit: number;
  after?: string;
  before?: string;
}

export interface PageItem<T = unknown> {
  /** The key the item sorts by; cursors are this key, encoded. */
  key: string;
  value: T;
}

export interface EdgePage<T = unknown> {
  items: PageItem<T>[];
  /** More items lie beyond this page in the direction of travel. */
  more: boolean;
}

export interface PagingLimits {
  defaultLimit: number;
  maxLimit: number;
}

export const userEdgeLimits: PagingLimits = { defaultLimit: 25, maxLimit: 100 };

const cursorPrefix = 'gd1:';

export function encodeCursor(key: string): string {
  return Buffer.from(cursorPrefix + key, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, which: 'After' | 'Before'): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(cursorPrefix)) throw GraphError.of('invalidCursor', { which });
  return text.slice(cursorPrefix.length);
}

/** Reads limit/after/before from params (or a nested edge's modifiers). */
export function pageRequestOf(args: Record<string, unknown>, limits: PagingLimits): PageRequest {
  const request: PageRequest = { limit: limits.defaultLimit };
  if (args.limit !== undefined && args.limit !== '') {
    const limit = Number(args.limit);
    if (!Number.isInteger(limit) || limit < 0) {
      throw GraphError.of('paramInvalid', { name: 'limit', constraint: 'a non-negative integer' });
    }
    if (limit > limits.maxLimit) throw GraphError.of('limitTooLarge', { max: limits.maxLimit });
    request.limit = limit;
  }
  if (typeof args.after === 'string' && args.after !== '') request.after = decodeCursor(args.after, 'After');
  else if (typeof args.before === 'string' && args.before !== '') request.before = decodeCursor(args.before, 'Before');
  return request;
}

/** Pages an in-memory list already sorted by key (small edges: permissions, ids_for_apps). */
export function pageOfList<T>(items: PageItem<T>[], request: PageRequest): EdgePage<T> {
  if (request.before !== undefined) {
    const end = items.findIndex((item) => item.key >= request.before!);
    const stop = end === -1 ? items.length : end;
    const start = Math.max(0, stop - request.limit);
    return { items: items.slice(start, stop), more: start > 0 };
  }
  const start = request.after === undefined ? 0 : items.findIndex((item) => item.key > request.after!);
  if (start === -1) return { items: [], more: false };
  return { items: items.slice(start, start + request.limit), more: start + request.limit < items.length };
}

export interface PagingBlock {
  cursors: { before: string; after: string };
  previous?: string;
  next?: string;
}

/**
 * The `paging` object: cursors plus absolute previous/next URLs that repeat the
 * request's own params (token included) so SDKs can follow them verbatim.
 */
export function pagingBlock(page: EdgePage, request: PageRequest, edgeUrl: string, query: Record<string, string>): PagingBlock | undefined {
  if (page.items.length === 0) return undefined;
  const before = encodeCursor(page.items[0].key);
  const after = encodeCursor(page.items[page.items.length - 1].key);
  const backward = request.before !== undefined;
  const hasNext = backward ? true : page.more;
  const hasPrevious = backward ? page.more : request.after !== undefined;
  const link = (cursor: Record<string, string>) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (name !== 'after' && name !== 'before') params.set(name, value);
    }
    params.set('limit', String(request.limit));
    for (const [name, value] of Object.entries(cursor)) params.set(name, value);
    return `${edgeUrl}?${params.toString()}`;
  };
  return {
    cursors: { before, after },
    ...(hasPrevious && { previous: link({ before }) }),
    ...(hasNext && { next: link({ after }) }),
  };
}
