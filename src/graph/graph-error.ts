import { randomBytes } from 'node:crypto';
import { catalogue, type ErrorName, type ErrorSpec } from './errors.js';

export type ErrorArgs = Record<string, string | number>;

export interface ErrorBody {
  message: string;
  type: string;
  code: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_title?: string;
  error_user_msg?: string;
  error_data?: unknown;
  fbtrace_id: string;
}

function fill(template: string, args: ErrorArgs): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in args ? String(args[key]) : whole));
}

/** An answer of the Graph API that is an error; renders to Meta's envelope. */
export class GraphError extends Error {
  readonly spec: ErrorSpec;
  readonly extra: { error_data?: unknown; userTitle?: string; userMessage?: string };

  constructor(spec: ErrorSpec, message: string, extra: GraphError['extra'] = {}) {
    super(message);
    this.name = 'GraphError';
    this.spec = spec;
    this.extra = extra;
  }

  static of(name: ErrorName, args: ErrorArgs = {}, extra: GraphError['extra'] = {}): GraphError {
    const spec: ErrorSpec = catalogue[name];
    return new GraphError(spec, fill(spec.message, args), extra);
  }

  /** For errors whose spec comes from data (fault rules, domain catalogues). */
  static fromSpec(spec: ErrorSpec, args: ErrorArgs = {}, extra: GraphError['extra'] = {}): GraphError {
    return new GraphError(spec, fill(spec.message, args), extra);
  }

  get status(): number {
    return this.spec.status;
  }

  body(fbtraceId: string): ErrorBody {
    const { spec, extra } = this;
    const title = extra.userTitle ?? spec.userTitle;
    const userMessage = extra.userMessage ?? spec.userMessage;
    // Key order follows Meta's responses; absent optional keys are left out, never null.
    return {
      message: this.message,
      type: spec.type,
      code: spec.code,
      ...(spec.subcode !== undefined && { error_subcode: spec.subcode }),
      is_transient: spec.transient ?? false,
      ...(title && { error_user_title: title }),
      ...(userMessage && { error_user_msg: userMessage }),
      ...(extra.error_data !== undefined && { error_data: extra.error_data }),
      fbtrace_id: fbtraceId,
    };
  }

  wwwAuthenticate(): string {
    // Header values must stay printable ASCII and short: messages echo client input (a 1 MB
    // param name), and clients refuse an answer whose headers pass 16 KB. The body keeps the exact text.
    const text = this.message.length > maxHeaderMessage ? `${this.message.slice(0, maxHeaderMessage)}...` : this.message;
    const message = text.replace(/"/g, '\\"').replace(/[^\x20-\x7e]/g, '?');
    return `OAuth "Facebook Platform" "${this.spec.auth ?? 'invalid_request'}" "${message}"`;
  }
}

/** Characters of the message WWW-Authenticate carries (doubled at worst by escaping quotes). */
const maxHeaderMessage = 1000;

const traceAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Random bytes drawn a pool at a time: one randomBytes() call serves many ids. */
const poolSize = 4096;
let pool = randomBytes(poolSize);
let poolOffset = 0;

/** A 23-character id in the base64url-ish alphabet of current fbtrace_ids. */
export function newTraceId(length = 23): string {
  if (poolOffset + length > poolSize) {
    pool = randomBytes(Math.max(poolSize, length));
    poolOffset = 0;
  }
  let id = '';
  for (let i = poolOffset, end = poolOffset + length; i < end; i++) id += traceAlphabet[pool[i] & 63];
  poolOffset += length;
  return id;
}
