import { GraphError } from './graph-error.js';
import { mergeParams } from './params/merge.js';
import type { DecodedBody } from './params/body-parsers.js';
import { splitVersion, type VersionSettings } from './versions.js';

export type GraphMethod = 'GET' | 'POST' | 'DELETE';

/** An HTTP request as the Graph protocol reads it; built before auth and routing. */
export interface GraphRequest {
  method: GraphMethod;
  version: string;
  major: number;
  segments: string[];
  params: Record<string, unknown>;
  /** Every param as a string, as paging URLs repeat them. */
  query: Record<string, string>;
  accessToken?: string;
  pretty: boolean;
  suppressHttpCode: boolean;
  origin: string;
}

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, string | string[]>;
  body: DecodedBody | undefined;
}

const methods = new Set(['GET', 'POST', 'DELETE']);

export function readGraphRequest(raw: RawRequest, versions: VersionSettings, publicUrl?: string): GraphRequest {
  const params = mergeParams(raw.query, raw.body);
  const origin = publicUrl ?? originOf(raw.headers);
  const flags = { pretty: isOn(params.pretty), suppressHttpCode: isOn(params.suppress_http_code) };
  const override = typeof params.method === 'string' ? params.method.toUpperCase() : undefined;
  const method = override && methods.has(override) ? override : raw.method.toUpperCase();
  const { version, major, segments } = splitVersion(raw.path, versions);
  if (!methods.has(method)) {
    throw GraphError.of('unsupportedMethod', { method: method.toLowerCase(), id: segments[0] ?? '' });
  }
  return {
    method: method as GraphMethod,
    version,
    major,
    segments,
    params,
    query: stringParams(params),
    accessToken: tokenOf(params, raw.headers),
    ...flags,
    origin,
  };
}

/** Lenient flag reading for the global modifiers, before any param is validated. */
export function isOn(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

function tokenOf(params: Record<string, unknown>, headers: RawRequest['headers']): string | undefined {
  if (typeof params.access_token === 'string' && params.access_token !== '') return params.access_token;
  const header = headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^(?:OAuth|Bearer)\s+(\S+)$/i.exec(value.trim()) : null;
  return match ? match[1] : undefined;
}

function originOf(headers: RawRequest['headers']): string {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const proto = first(headers['x-forwarded-proto']) ?? 'http';
  const host = first(headers['x-forwarded-host']) ?? first(headers.host) ?? '127.0.0.1';
  return `${proto}://${host}`;
}

function stringParams(params: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    out[name] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
}
