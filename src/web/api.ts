import { adminToken } from './credentials.js';

/** The Graph version the pages call; the explorer's path names its own. */
export const graphVersion = 'v21.0';

/** The rate-limit headers Meta sends, shown with every answer. */
export const usageHeaders = ['x-app-usage', 'x-ad-account-usage', 'x-business-use-case-usage'] as const;

export interface GraphRequest {
  method: string;
  /** A Graph path with its version prefix: /v21.0/me */
  path: string;
  params: [string, string][];
  token: string;
}

export interface GraphAnswer {
  status: number;
  ms: number;
  headers: Record<string, string>;
  /** The parsed JSON, or the raw text when the body is not JSON. */
  body: unknown;
}

/** A Graph call from the browser, the token in the Authorization header as Meta accepts it. */
export async function graphCall(request: GraphRequest): Promise<GraphAnswer> {
  const { url, init } = fetchOf(request);
  const started = performance.now();
  const response = await fetch(url, init);
  const text = await response.text();
  const ms = Math.round(performance.now() - started);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return { status: response.status, ms, headers, body: parsed(text) };
}

/** GET a Graph path and hand back its JSON, or throw the Graph error's message. */
export async function graphGet<T>(path: string, params: Record<string, string>, token: string): Promise<T> {
  const answer = await graphCall({ method: 'GET', path, params: Object.entries(params), token });
  if (answer.status >= 400) throw new Error(errorMessage(answer.body) ?? `HTTP ${answer.status}`);
  return answer.body as T;
}

export function fetchOf({ method, path, params, token }: GraphRequest): { url: string; init: RequestInit } {
  const query = new URLSearchParams(params.filter(([name]) => name !== ''));
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const target = path.startsWith('/') ? path : `/${path}`;
  if (method === 'POST') {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    return { url: target, init: { method, headers, body: query.toString() } };
  }
  const search = query.toString();
  return { url: search ? `${target}?${search}` : target, init: { method, headers } };
}

/** The control plane (/_graphd/...) with the admin token; throws its error message. */
export async function controlCall<T>(method: string, path: string, body?: unknown): Promise<T> {
  const token = adminToken();
  if (!token) throw new Error('Set the admin token first (top right).');
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/_graphd${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const answer = parsed(await response.text());
  if (!response.ok) throw new Error(errorMessage(answer) ?? `HTTP ${response.status}`);
  return answer as T;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function errorMessage(body: unknown): string | undefined {
  const error = (body as { error?: { message?: unknown } } | null)?.error;
  return typeof error?.message === 'string' ? error.message : undefined;
}
