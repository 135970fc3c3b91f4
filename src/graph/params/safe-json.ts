/**
 * JSON.parse that cannot hand prototype-poisoning keys to later code.
 * `__proto__` keys, and `constructor` objects carrying a `prototype`, are dropped (the same
 * rule as Fastify's secure-json-parse), so a naive deep merge downstream cannot pollute.
 */
export type JsonResult = { ok: true; value: unknown } | { ok: false };

// Either key may be spelled with \u escapes, so any escape sends the text through the reviver.
const mayPoison = /__proto__|constructor|\\u/;

function dropPoison(key: string, value: unknown): unknown {
  if (key === '__proto__') return undefined;
  if (key === 'constructor' && typeof value === 'object' && value !== null && Object.hasOwn(value, 'prototype')) {
    return undefined;
  }
  return value;
}

export function parseJson(text: string): JsonResult {
  try {
    // The reviver costs a second walk, so clean texts (hashed audience payloads) skip it.
    const value: unknown = mayPoison.test(text) ? JSON.parse(text, dropPoison) : JSON.parse(text);
    return { ok: true, value };
  } catch {
    return { ok: false };
  }
}
