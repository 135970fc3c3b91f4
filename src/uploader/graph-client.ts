/**
 * Plain Graph API calls over fetch, exactly as they go to graph.facebook.com: the token as
 * access_token, appsecret_proof (HMAC-SHA256 of the token keyed by the app secret, hex)
 * when a secret is given, params as the query (GET) or a form body (POST, DELETE).
 */
import { createHmac } from 'node:crypto';

export interface GraphTarget {
  /** Origin, e.g. http://127.0.0.1:8080 or https://graph.facebook.com. */
  baseUrl: string;
  version: string;
  token: string;
  appSecret?: string;
  /** Per request; a stalled connection fails after it (and may be retried). */
  timeoutMs?: number;
}

export type Params = Record<string, string | number | boolean | object | undefined>;

/** A Graph error envelope: Meta's message, code and subcode, and the usage headers that came with it. */
export class GraphApiError extends Error {
  override readonly name = 'GraphApiError';
  constructor(
    readonly status: number,
    readonly error: { message: string; type?: string; code?: number; error_subcode?: number; is_transient?: boolean; error_user_title?: string; error_user_msg?: string; fbtrace_id?: string },
    readonly headers: Headers,
  ) {
    super(error.message);
  }

  /** "message (code 80003, subcode 2446079)", plus Meta's user-facing text when it has one. */
  describe(): string {
    const { message, code, error_subcode, error_user_title, error_user_msg, fbtrace_id } = this.error;
    const ids = [code !== undefined && `code ${code}`, error_subcode !== undefined && `subcode ${error_subcode}`, fbtrace_id && `fbtrace_id ${fbtrace_id}`].filter(Boolean);
    const user = error_user_title || error_user_msg ? `\n${[error_user_title, error_user_msg].filter(Boolean).join(': ')}` : '';
    return `${message}${ids.length ? ` (${ids.join(', ')})` : ''}${user}`;
  }
}

/** No usable answer: the connection failed, timed out, or the body was not a Graph JSON answer. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

export interface GraphAnswer<T> {
  body: T;
  headers: Headers;
}

export type Fetch = typeof fetch;

export class GraphClient {
  constructor(readonly target: GraphTarget, private readonly fetchImpl: Fetch = fetch) {}

  get<T = any>(path: string, params: Params = {}): Promise<GraphAnswer<T>> {
    return this.call('GET', path, params);
  }

  post<T = any>(path: string, params: Params = {}): Promise<GraphAnswer<T>> {
    return this.call('POST', path, params);
  }

  delete<T = any>(path: string, params: Params = {}): Promise<GraphAnswer<T>> {
    return this.call('DELETE', path, params);
  }

  private async call<T>(method: string, path: string, params: Params): Promise<GraphAnswer<T>> {
    const { baseUrl, version, token, appSecret, timeoutMs } = this.target;
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined) form.set(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
    }
    form.set('access_token', token);
    if (appSecret) form.set('appsecret_proof', createHmac('sha256', appSecret).update(token).digest('hex'));
    const url = `${baseUrl.replace(/\/+$/, '')}/${version}/${path.replace(/^\/+/, '')}`;
    const inBody = method !== 'GET';
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(inBody ? url : `${url}?${form}`, {
        method,
        headers: inBody ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
        body: inBody ? form.toString() : undefined,
        signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
      });
      text = await response.text();
    } catch (error) {
      const cause = (error as Error).cause as Error | undefined;
      throw new TransportError(`${method} ${url.replace(/\?.*/, '')} failed: ${cause?.message ?? (error as Error).message}`);
    }
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      throw new TransportError(`${method} ${url} answered HTTP ${response.status} without a Graph JSON body`, response.status);
    }
    if (body && typeof body === 'object' && body.error && typeof body.error === 'object') {
      throw new GraphApiError(response.status, { message: String(body.error.message ?? 'Graph error'), ...body.error }, response.headers);
    }
    if (!response.ok) throw new TransportError(`${method} ${url} answered HTTP ${response.status}`, response.status);
    return { body: body as T, headers: response.headers };
  }
}
