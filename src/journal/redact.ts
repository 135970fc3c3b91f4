import { isUploadedFile } from '../graph/params/uploaded-file.js';

/**
 * What the journal keeps of a request's params: tokens, secrets and raw personal data are
 * replaced, audience uploads are summarised. Names are matched at every depth, so a token
 * inside a nested object is caught too.
 */
export const redacted = '[redacted]';

const secretNames = new Set(['access_token', 'appsecret_proof', 'client_secret', 'fb_exchange_token', 'input_token', 'code', 'password', 'email', 'phone']);

/** Any other name that spells a token, a secret or a password (owner_access_token, app_secret ...). */
const secretPattern = /token|secret|password|passwd/i;

export function isSecretName(name: string): boolean {
  return secretNames.has(name) || secretPattern.test(name);
}

export function redactParams(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (isSecretName(name)) out[name] = redacted;
    else if (name === 'payload') out[name] = payloadSummary(value);
    else if (name === 'batch') out[name] = batchSummary(value);
    else out[name] = redactValue(value);
  }
  return out;
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  // An uploaded file is kept as its name and size, never its bytes.
  if (isUploadedFile(value)) return { filename: value.filename, size: value.data.byteLength };
  if (isRecord(value)) return redactParams(value);
  return value;
}

/** An audience upload as `{schema, rows}`: what was sent, not the (possibly unhashed) values. */
function payloadSummary(value: unknown): unknown {
  const payload = typeof value === 'string' ? parseJson(value) : value;
  if (!isRecord(payload)) return redacted;
  const summary: Record<string, unknown> = {};
  if (typeof payload.schema === 'string' || Array.isArray(payload.schema)) summary.schema = payload.schema;
  if (Array.isArray(payload.data)) summary.rows = payload.data.length;
  return summary;
}

/** Batch operations are journaled one by one; the outer request keeps only how many there were. */
function batchSummary(value: unknown): unknown {
  const batch = typeof value === 'string' ? parseJson(value) : value;
  return Array.isArray(batch) ? { operations: batch.length } : redacted;
}

/** Secret values of a request, to scrub from messages that quote them (`Malformed access token EAAB...`). */
export function secretValues(params: Record<string, unknown>, token: string | undefined): string[] {
  const values = new Set<string>();
  if (token) values.add(token);
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string' && value.length >= 6 && isSecretName(name)) values.add(value);
  }
  return [...values];
}

export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(redacted);
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
