import type { DecodedBody } from './body-parsers.js';
import { isUploadedFile } from './uploaded-file.js';

/**
 * Graph reads a param from the query string or the body; when both carry it the body wins
 * (per top-level name, as PHP's $_REQUEST does). PHP-style bracket keys (`recipient[id]=1`,
 * `ids[0]=1`, `ids[]=1`, `spec[a][b]=1`) are folded into nested objects under their name;
 * coercion later turns `{0: .., 1: ..}` into a list where the param is declared as one.
 */
export function mergeParams(query: Record<string, string | string[]>, body: DecodedBody | undefined): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const key of Object.keys(query)) {
    const value = query[key];
    // A repeated query key is a list only in its `name[]` form; otherwise the last one wins.
    fold(params, key, Array.isArray(value) && !key.endsWith('[]') ? value[value.length - 1] : value);
  }
  if (body === undefined) return params;

  const fromBody: Record<string, unknown> = {};
  for (const key of Object.keys(body.fields)) fold(fromBody, key, body.fields[key]);
  for (const key of Object.keys(body.files)) fold(fromBody, key, body.files[key]);
  for (const key of Object.keys(fromBody)) params[key] = fromBody[key];
  return params;
}

// PHP's max_input_nesting_level: deeper keys are dropped, as PHP drops them.
const maxDepth = 64;
const brackets = /^(?:\[[^\]]*\])+$/;

/** `a[b][]` -> ['a', 'b', '']; a key that is not well-formed brackets stays one plain name. */
function splitKey(key: string): string[] | undefined {
  const open = key.indexOf('[');
  const rest = open > 0 ? key.slice(open) : '';
  const path = rest !== '' && brackets.test(rest) ? [key.slice(0, open), ...rest.slice(1, -1).split('][')] : [key];
  if (path.length > maxDepth + 1 || path.includes('__proto__')) return undefined;
  return path;
}

function fold(target: Record<string, unknown>, key: string, value: unknown): void {
  const path = splitKey(key);
  if (path === undefined) return;
  if (path.length === 1) {
    target[key] = value;
    return;
  }
  let node = target;
  for (let i = 0; i < path.length - 1; i++) {
    const segment = path[i] === '' ? nextIndex(node) : path[i];
    // hasOwn, never node[segment]: `constructor` / `prototype` segments must not reach Object.prototype.
    const child = Object.hasOwn(node, segment) ? node[segment] : undefined;
    if (isFoldable(child)) {
      node = child;
    } else {
      const created: Record<string, unknown> = {};
      node[segment] = created;
      node = created;
    }
  }
  const last = path[path.length - 1];
  if (last !== '') {
    node[last] = value;
    return;
  }
  let index = Number(nextIndex(node));
  for (const item of Array.isArray(value) ? value : [value]) node[String(index++)] = item;
}

function isFoldable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUploadedFile(value);
}

/** `name[]` appends after the highest integer key so far, as PHP does. */
function nextIndex(node: Record<string, unknown>): string {
  let next = 0;
  for (const key of Object.keys(node)) {
    if (/^\d+$/.test(key)) next = Math.max(next, Number(key) + 1);
  }
  return String(next);
}
