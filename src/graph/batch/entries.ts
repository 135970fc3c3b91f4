import type { Pair } from './lenient-pairs.js';

/** One element of a batch answer; null where Meta answers null (graph-protocol.md §11.2). */
export type BatchEntry = { code: number; headers?: { name: string; value: string }[]; body: string } | null;

/** What an inner request answered. */
export interface InnerResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

// The headers recorded batch entries carry, in their order and spelling; the rest (trace ids,
// HSTS, lengths) belong to the outer response only.
const entryHeaders: [string, string][] = [
  ['www-authenticate', 'WWW-Authenticate'],
  ['access-control-allow-origin', 'Access-Control-Allow-Origin'],
  ['content-type', 'Content-Type'],
  ['etag', 'ETag'],
  ['pragma', 'Pragma'],
  ['cache-control', 'Cache-Control'],
  ['expires', 'Expires'],
  ['facebook-api-version', 'facebook-api-version'],
  ['x-app-usage', 'x-app-usage'],
  ['x-ad-account-usage', 'x-ad-account-usage'],
  ['x-business-use-case-usage', 'x-business-use-case-usage'],
  ['x-fb-ads-insights-throttle', 'x-fb-ads-insights-throttle'],
];

/** Inner answers were typed text/javascript in every recorded batch. */
const entryContentType = 'text/javascript; charset=UTF-8';

export function entryOf(response: InnerResponse, includeHeaders: boolean): NonNullable<BatchEntry> {
  if (!includeHeaders) return { code: response.status, body: response.body };
  const headers: Pair[] = [];
  for (const [key, name] of entryHeaders) {
    const value = response.headers[key];
    if (value === undefined) continue;
    headers.push([name, key === 'content-type' ? entryContentType : Array.isArray(value) ? value.join(', ') : String(value)]);
  }
  return { code: response.status, headers: headers.map(([name, value]) => ({ name, value })), body: response.body };
}
