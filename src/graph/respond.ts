import { GraphError, newTraceId } from './graph-error.js';
import { etagOf, graphJson } from './json.js';

export interface GraphResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ResponseOptions {
  method: string;
  version?: string;
  pretty?: boolean;
  suppressHttpCode?: boolean;
  ifNoneMatch?: string;
  /** Extra headers (usage headers from limits/). */
  headers?: Record<string, string>;
}

const revision = String(1_000_000_000 + Math.floor(Math.random() * 99_999_999));

/** Meta's headers in Meta's order, then the caller's extra ones. */
function baseHeaders(traceId: string, version: string | undefined, extra: Record<string, string> | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=UTF-8',
    'access-control-allow-origin': '*',
    pragma: 'no-cache',
    expires: 'Sat, 01 Jan 2000 00:00:00 GMT',
    'strict-transport-security': 'max-age=15552000; preload',
  };
  if (version) headers['facebook-api-version'] = version;
  headers['x-fb-request-id'] = traceId;
  headers['x-fb-trace-id'] = newTraceId(11);
  headers['x-fb-rev'] = revision;
  headers['x-fb-debug'] = newTraceId(88);
  return extra ? Object.assign(headers, extra) : headers;
}

/** A successful Graph answer: JSON as Meta writes it, with an ETag and 304 on a matching GET. */
export function successResponse(payload: unknown, options: ResponseOptions): GraphResponse {
  const headers = baseHeaders(newTraceId(), options.version, options.headers);
  const body = graphJson(payload, options.pretty);
  headers['cache-control'] = 'private, no-cache, no-store, must-revalidate';
  if (options.method === 'GET') {
    const etag = etagOf(body);
    headers.etag = etag;
    if (options.ifNoneMatch && options.ifNoneMatch.split(',').some((tag) => tag.trim() === etag)) {
      return { status: 304, headers, body: '' };
    }
  }
  return { status: 200, headers, body };
}

/** The error envelope with its status and WWW-Authenticate; fbtrace_id matches x-fb-request-id. */
export function errorResponse(error: GraphError, options: Omit<ResponseOptions, 'method' | 'ifNoneMatch'>): GraphResponse {
  const traceId = newTraceId();
  const headers = baseHeaders(traceId, options.version, options.headers);
  headers['cache-control'] = 'no-store';
  headers['www-authenticate'] = error.wwwAuthenticate();
  const body = graphJson({ error: error.body(traceId) }, options.pretty);
  return { status: options.suppressHttpCode ? 200 : error.status, headers, body };
}
