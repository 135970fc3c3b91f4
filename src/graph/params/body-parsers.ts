import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GraphError } from '../graph-error.js';
import { collectPairs, decodeForm, looksLikeForm } from './form-fields.js';
import { parseJson } from './safe-json.js';
import type { UploadedFile } from './uploaded-file.js';

/**
 * What `request.body` holds on every route once the parsers are registered, whatever the
 * encoding: form and multipart fields are strings (string[] for `name[]` keys), JSON fields
 * are real JSON values. Absent when the request had no body.
 */
export interface DecodedBody {
  fields: Record<string, unknown>;
  files: Record<string, UploadedFile>;
}

const emptyBody = (): DecodedBody => ({ fields: {}, files: {} });

/**
 * Parsers for the three encodings the official SDKs send (graph-protocol.md §7.1):
 * Python form bodies, PHP multipart bodies (also on DELETE), Node JSON bodies.
 */
export function registerBodyParsers(app: FastifyInstance, options: { bodyLimit: number }): void {
  const { bodyLimit } = options;

  // Fastify 5 never parses a GET body unless told GET has one; DELETE already does.
  // Graph reads params from both (batch clients and some SDKs send `{}` or forms on them).
  app.addHttpMethod('GET', { hasBody: true });
  app.removeContentTypeParser(['application/json', 'text/plain']);

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit }, parseForm);
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit }, parseMultipart);
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, parseJsonBody);
  // No or unknown content type: old clients post forms as text/plain or with none at all.
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit }, parseOther);
}

async function parseForm(_request: FastifyRequest, text: string): Promise<DecodedBody> {
  return { fields: decodeForm(text), files: {} };
}

async function parseOther(_request: FastifyRequest, text: string): Promise<DecodedBody> {
  const trimmed = text.trim();
  return looksLikeForm(trimmed) ? { fields: decodeForm(trimmed), files: {} } : emptyBody();
}

/** Thrown errors reach Fastify's error handler as the rejection of the parser. */
async function parseJsonBody(_request: FastifyRequest, text: string): Promise<DecodedBody> {
  if (text.trim() === '') return emptyBody();
  const parsed = parseJson(text);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    throw GraphError.of('paramInvalid', { name: 'body', constraint: 'a JSON object' });
  }
  return { fields: parsed.value as Record<string, unknown>, files: {} };
}

/** WHATWG FormData parsing (built into Node's fetch), so no multipart dependency is needed. */
async function parseMultipart(request: FastifyRequest, data: Buffer): Promise<DecodedBody> {
  if (data.length === 0) return emptyBody();
  const headers = { 'content-type': request.headers['content-type'] ?? '' };
  let form: FormData;
  try {
    // Fastify builds the buffer with Buffer.concat, so it never sits on a SharedArrayBuffer.
    form = await new Response(data as Buffer<ArrayBuffer>, { headers }).formData();
  } catch {
    throw GraphError.of('paramInvalid', { name: 'body', constraint: 'a valid multipart/form-data body' });
  }
  const strings: [string, string][] = [];
  const files: Record<string, UploadedFile> = {};
  for (const [key, value] of form) {
    if (typeof value === 'string') {
      strings.push([key, value]);
    } else if (key !== '__proto__') {
      files[key] = {
        filename: value.name,
        mimetype: value.type || 'application/octet-stream',
        data: Buffer.from(await value.arrayBuffer()),
      };
    }
  }
  return { fields: collectPairs(strings), files };
}
