import { GraphError } from '../graph-error.js';
import { parseJson } from '../params/safe-json.js';
import { lenientDecode, lenientPairs, type Pair } from './lenient-pairs.js';

export const maxOperations = 50;

export type BatchMethod = 'GET' | 'POST' | 'DELETE';

/** One operation of a batch, read and checked; references are still in place. */
export interface BatchOperation {
  index: number;
  method: BatchMethod;
  /** The path of relative_url without its query and slashes at either end, segments decoded. */
  path: string;
  query: Pair[];
  body: Pair[];
  name?: string;
  dependsOn?: string;
  /** As the client set it; absent means "leave out when a later operation used the result". */
  omitResponseOnSuccess?: boolean;
  /** Names of the multipart parts to hand this operation as files. */
  attachedFiles: string[];
  headers: Pair[];
}

const methods = new Set<string>(['GET', 'POST', 'DELETE']);

/**
 * The `batch` param as any SDK sends it (graph-protocol.md §11.1): a JSON string (Python
 * and PHP forms), a real array (Node's JSON body) or PHP bracket keys (`batch[0][method]`).
 * Throws a GraphError for anything it cannot read, never anything else.
 */
export function parseBatch(value: unknown): BatchOperation[] {
  const list = listOf(typeof value === 'string' ? jsonOf(value) : value);
  if (list === undefined) throw GraphError.of('paramInvalid', { name: 'batch', constraint: 'a JSON array' });
  if (list.length > maxOperations) throw GraphError.of('batchTooLarge', { max: maxOperations });
  return list.map(readOperation);
}

function jsonOf(text: string): unknown {
  const parsed = parseJson(text);
  return parsed.ok ? parsed.value : undefined;
}

/** An array, or an object keyed 0..n-1 as PHP bracket keys fold into. */
function listOf(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  return keys.every((key, i) => key === String(i)) ? keys.map((key) => value[key]) : undefined;
}

function readOperation(raw: unknown, index: number): BatchOperation {
  const where = (field: string) => `batch[${index}][${field}]`;
  if (!isRecord(raw)) throw GraphError.of('paramInvalid', { name: `batch[${index}]`, constraint: 'a JSON object' });
  const method = raw.method === undefined || raw.method === null ? 'GET' : typeof raw.method === 'string' ? raw.method.toUpperCase() : '';
  if (!methods.has(method)) throw GraphError.of('paramInvalid', { name: where('method'), constraint: 'one of {GET, POST, DELETE}' });
  if (raw.relative_url === undefined || raw.relative_url === null) throw GraphError.of('paramRequired', { name: where('relative_url') });
  if (typeof raw.relative_url !== 'string') throw GraphError.of('paramInvalid', { name: where('relative_url'), constraint: 'a string' });
  const [path, query] = splitRelativeUrl(raw.relative_url);
  return {
    index,
    method: method as BatchMethod,
    path,
    query,
    body: bodyPairs(raw.body, where('body')),
    name: label(raw.name, where('name')),
    dependsOn: label(raw.depends_on, where('depends_on')),
    omitResponseOnSuccess: flag(raw.omit_response_on_success, where('omit_response_on_success')),
    // The Node SDK spells it attachedFiles (api-batch.js).
    attachedFiles: fileNames(raw.attached_files ?? raw.attachedFiles, where('attached_files')),
    headers: headerPairs(raw.headers, where('headers')),
  };
}

/** `/v21.0/me?fields=id`, `me?fields=id` and `?ids=1,2` alike. */
function splitRelativeUrl(url: string): [string, Pair[]] {
  const mark = url.indexOf('?');
  const [path, query] = mark < 0 ? [url, ''] : [url.slice(0, mark), url.slice(mark + 1)];
  const segments = path.split('/').filter((segment) => segment !== '').map((segment) => lenientDecode(segment));
  return [segments.join('/'), lenientPairs(query)];
}

function bodyPairs(body: unknown, name: string): Pair[] {
  if (body === undefined || body === null) return [];
  if (typeof body === 'string') return lenientPairs(body);
  // Some hand-written clients send the body as an object; values keep their JSON form.
  if (isRecord(body)) return Object.entries(body).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value) ?? '']);
  throw GraphError.of('paramInvalid', { name, constraint: 'a string' });
}

/** name / depends_on: the Node SDK copies an audience's `name` param here, so any scalar goes. */
function label(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw GraphError.of('paramInvalid', { name, constraint: 'a string' });
}

function flag(value: unknown, name: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === true || value === 1 || value === 'true' || value === '1') return true;
  if (value === false || value === 0 || value === 'false' || value === '0' || value === '') return false;
  throw GraphError.of('paramInvalid', { name, constraint: 'a boolean' });
}

function fileNames(value: unknown, name: string): string[] {
  if (value === undefined || value === null) return [];
  const names = typeof value === 'string' ? value.split(',') : Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
  if (names === undefined) throw GraphError.of('paramInvalid', { name, constraint: 'a comma-separated list of file names' });
  return names.map((file) => file.trim()).filter((file) => file !== '');
}

/** Python's `[{"name","value"}]`, php-graph-sdk's `["Name: value"]`, or a plain object. */
function headerPairs(value: unknown, name: string): Pair[] {
  if (value === undefined || value === null) return [];
  const bad = () => GraphError.of('paramInvalid', { name, constraint: 'a list of {"name", "value"} objects or "Name: value" strings' });
  const items = Array.isArray(value) ? value : isRecord(value) ? Object.entries(value).map(([key, item]) => ({ name: key, value: item })) : undefined;
  if (items === undefined) throw bad();
  return items.map((item): Pair => {
    const colon = typeof item === 'string' ? item.indexOf(':') : -1;
    const pair: Pair | undefined =
      typeof item === 'string'
        ? colon > 0 ? [item.slice(0, colon).trim(), item.slice(colon + 1).trim()] : undefined
        : isRecord(item) && typeof item.name === 'string' && (typeof item.value === 'string' || typeof item.value === 'number')
          ? [item.name, String(item.value)]
          : undefined;
    // Only what HTTP can carry: the operation is replayed as a real request.
    if (pair === undefined || !headerName.test(pair[0]) || !headerValue.test(pair[1])) throw bad();
    return pair;
  });
}

const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const headerValue = /^[\t\x20-\x7e]*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
