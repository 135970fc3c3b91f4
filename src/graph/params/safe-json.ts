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

/**
 * Deepest nesting of arrays and objects accepted (PHP's json_decode default). Deeper text is
 * refused unparsed: JSON.parse copes with any depth, but JSON.stringify and every recursive
 * walk after it (coercion, the journal, batch bodies) would overflow the stack on it.
 */
export const maxJsonDepth = 512;

export function parseJson(text: string): JsonResult {
  if (nestsDeeperThan(text, maxJsonDepth)) return { ok: false };
  try {
    // The reviver costs a second walk, so clean texts (hashed audience payloads) skip it.
    const value: unknown = mayPoison.test(text) ? JSON.parse(text, dropPoison) : JSON.parse(text);
    return { ok: true, value };
  } catch {
    return { ok: false };
  }
}

/** One pass over the text, brackets inside strings ignored; well-formedness is JSON.parse's job. */
function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i++; // backslash: the next character is escaped
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > max) return true;
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    }
  }
  return false;
}
