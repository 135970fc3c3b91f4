import { pathPattern } from '../limits/faults/path-pattern.js';
import type { JournalEntry } from './entry.js';

/** What GET /_graphd/requests narrows the journal by (docs/journal.md). */
export interface JournalFilter {
  appId?: string;
  adAccountId?: string;
  path?: string;
  status?: string;
  since?: string;
}

export class JournalFilterError extends Error {}

/** One predicate for a filter; throws JournalFilterError for a value that cannot be read. */
export function compileFilter(filter: JournalFilter): (entry: JournalEntry) => boolean {
  const tests: Array<(entry: JournalEntry) => boolean> = [];
  const { appId, adAccountId, path, status, since } = filter;
  if (appId) tests.push((entry) => entry.viewer.app_id === appId);
  if (adAccountId) {
    const account = adAccountId.replace(/^act_/, '');
    tests.push((entry) => entry.target?.ad_account_id === account);
  }
  if (path) tests.push(pathTest(path));
  if (status) tests.push(statusTest(status));
  if (since) tests.push(sinceTest(since));
  return (entry) => tests.every((test) => test(entry));
}

/** A glob (`*`, `**`) or `^regex` must match the whole path; anything else is a substring. */
function pathTest(path: string): (entry: JournalEntry) => boolean {
  if (!path.includes('*') && !path.startsWith('^')) return (entry) => entry.path.includes(path);
  let pattern: RegExp;
  try {
    pattern = pathPattern(path);
  } catch {
    throw new JournalFilterError(`path is not a valid regular expression: ${path}`);
  }
  return (entry) => pattern.test(entry.path);
}

/** `400`, or a class: `4xx`, `5xx`, `2xx`. */
function statusTest(status: string): (entry: JournalEntry) => boolean {
  const text = status.toLowerCase();
  if (/^\d{3}$/.test(text)) return (entry) => entry.status === Number(text);
  if (/^[1-5]xx$/.test(text)) return (entry) => Math.floor(entry.status / 100) === Number(text[0]);
  throw new JournalFilterError(`status must be an HTTP status such as 400, or 2xx, 4xx or 5xx: ${status}`);
}

/**
 * An entry id (a small integer), unix seconds (ten or more digits) or an ISO 8601 time.
 * Ids and times cannot be confused: ids count requests, unix seconds passed 10^9 in 2001.
 */
function sinceTest(since: string): (entry: JournalEntry) => boolean {
  if (/^\d{1,9}$/.test(since)) {
    const id = Number(since);
    return (entry) => Number(entry.id) > id;
  }
  const ms = /^\d+$/.test(since) ? Number(since) * 1000 : Date.parse(since);
  if (!Number.isFinite(ms)) throw new JournalFilterError(`since must be an entry id, unix seconds or an ISO 8601 time: ${since}`);
  return (entry) => Date.parse(entry.time) >= ms;
}
