import { hash } from 'node:crypto';

/**
 * Serialises as Graph does (PHP json_encode defaults): compact, `/` escaped as `\/`
 * and non-ASCII as \uXXXX, so bodies and their ETags match recorded traffic byte for byte.
 */
export function graphJson(value: unknown, pretty = false): string {
  const text = pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value);
  if (text === undefined) return 'null';
  return text.replace(/[\/\u007f-\uffff]/g, (ch) =>
    ch === '/' ? '\\/' : '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'),
  );
}

/** `"` + lower-case hex SHA-1 of the exact body bytes + `"` (graph-protocol.md §10.3). */
export function etagOf(body: string): string {
  return '"' + hash('sha1', body, 'hex') + '"';
}

/** Graph datetimes: ISO 8601 in UTC with no colon in the offset, e.g. 2017-06-06T18:04:10+0000. */
export function graphDate(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, '+0000');
}
