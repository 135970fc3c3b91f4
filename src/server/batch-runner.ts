import type { FastifyInstance, FastifyRequest } from 'fastify';
import { planBatch, parseBatch, runBatch, type BatchEntry, type BatchOperation, type InnerResponse, type Pair } from '../graph/batch/index.js';
import { GraphError } from '../graph/graph-error.js';
import type { UploadedFile } from '../graph/params/uploaded-file.js';
import type { GraphRequest } from '../graph/request.js';
import type { Viewer } from '../identity/viewer.js';
import { batchIndexHeader } from './batch-header.js';

/** POST / (or /vX.Y/) with a `batch` param is a batch request (graph-protocol.md §11). */
export function isBatchRequest(request: GraphRequest): boolean {
  return request.method === 'POST' && request.segments.length === 0 && request.params.batch !== undefined;
}

export interface BatchInput {
  app: FastifyInstance;
  /** The outer request: its host headers make the operations' paging URLs, its parts their files. */
  outer: FastifyRequest;
  request: GraphRequest;
  /** The batch's own token: required, as the fallback of operations that carry none. */
  viewer: Viewer;
  files: Record<string, UploadedFile>;
}

/**
 * Answers a batch by replaying each operation through the same app (`app.inject`), so the
 * token, appsecret_proof, rate limits, faults and the journal apply to each one exactly as
 * to a single request. An operation whose inner request breaks (reset, stall, cut-off or
 * HTML page) answers null, as Meta answers for operations that did not complete.
 */
export async function answerBatch(input: BatchInput): Promise<BatchEntry[]> {
  const { request, files } = input;
  if (input.viewer.kind === 'ANONYMOUS') throw GraphError.of('tokenRequired');
  const plan = planBatch(parseBatch(request.params.batch));
  for (const operation of plan.operations) {
    const missing = operation.attachedFiles.find((name) => !Object.hasOwn(files, name));
    if (missing !== undefined) {
      throw GraphError.of('paramInvalid', { name: `batch[${operation.index}][attached_files]`, constraint: `names of files attached to the request (no file ${missing})` });
    }
  }
  const includeHeaders = !isOff(request.params.include_headers);
  return runBatch(plan, (operation) => perform(input, operation), { includeHeaders, version: request.version });
}

function isOff(value: unknown): boolean {
  return value === false || value === 0 || value === 'false' || value === '0';
}

async function perform(input: BatchInput, operation: BatchOperation): Promise<InnerResponse | undefined> {
  const { app, outer } = input;
  const payload = payloadOf(operation, input.files);
  try {
    const response = await app.inject({
      method: operation.method,
      url: urlOf(operation, input.request),
      headers: { ...headersOf(operation, outer), ...payload.headers },
      payload: payload.body,
      remoteAddress: outer.ip,
    });
    return { status: response.statusCode, headers: response.headers, body: response.body };
  } catch {
    // light-my-request rejects when the inner response was destroyed before it ended.
    return undefined;
  }
}

const versionSegment = /^v\d+\.\d+$/;

/** The operation's path under the outer version unless it names its own; its token or the batch's. */
function urlOf(operation: BatchOperation, outer: GraphRequest): string {
  const segments = operation.path === '' ? [] : operation.path.split('/');
  const versioned = segments.length > 0 && versionSegment.test(segments[0]) ? segments : [outer.version, ...segments];
  const query = new URLSearchParams(operation.query);
  if (!carriesToken(operation) && outer.accessToken !== undefined) {
    query.append('access_token', outer.accessToken);
    // The proof belongs to the batch's token, so it travels with it.
    for (const name of ['appsecret_proof', 'appsecret_time']) {
      const value = outer.params[name];
      if (typeof value === 'string') query.append(name, value);
    }
  }
  const search = query.toString();
  return '/' + versioned.map(encodeURIComponent).join('/') + (search === '' ? '' : `?${search}`);
}

function carriesToken(operation: BatchOperation): boolean {
  return [...operation.query, ...operation.body].some(([name, value]) => name === 'access_token' && value !== '');
}

// Headers an operation may not set: the runner owns the framing and the batch marker.
const reserved = new Set(['host', 'content-length', 'content-type', 'transfer-encoding', 'connection', batchIndexHeader]);

function headersOf(operation: BatchOperation, outer: FastifyRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of operation.headers) if (!reserved.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
  for (const name of ['host', 'x-forwarded-proto', 'x-forwarded-host', 'user-agent']) {
    const value = outer.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  headers[batchIndexHeader] = String(operation.index);
  return headers;
}

function payloadOf(operation: BatchOperation, files: Record<string, UploadedFile>): { body?: string | FormData; headers?: Record<string, string> } {
  if (operation.attachedFiles.length > 0) {
    const form = new FormData();
    for (const [name, value] of operation.body) form.append(name, value);
    for (const name of operation.attachedFiles) {
      const file = files[name];
      form.append(name, new Blob([new Uint8Array(file.data)], { type: file.mimetype }), file.filename);
    }
    return { body: form };
  }
  if (operation.body.length === 0) return {};
  return { body: formOf(operation.body), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

const formOf = (pairs: Pair[]) => new URLSearchParams(pairs).toString();
