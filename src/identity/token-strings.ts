import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function randomBase62(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  // 62 does not divide 256; the slight bias is irrelevant for opaque tokens.
  for (let i = 0; i < length; i++) out += base62[bytes[i] % 62];
  return out;
}

/** User, page and system-user tokens look like Meta's: `EAA` + base62 (about 180 characters). */
export function newAccessToken(): string {
  return 'EAA' + randomBase62(177);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newAppSecret(): string {
  return randomBytes(16).toString('hex');
}

export type ParsedToken = { form: 'opaque'; token: string } | { form: 'app'; appId: string; secret: string };

/** Classifies a token string by shape; undefined when it cannot be a Graph token at all. */
export function parseTokenString(token: string): ParsedToken | undefined {
  const bar = token.indexOf('|');
  if (bar > 0) {
    const appId = token.slice(0, bar);
    const secret = token.slice(bar + 1);
    if (/^\d+$/.test(appId) && /^[A-Za-z0-9_-]+$/.test(secret)) return { form: 'app', appId, secret };
    return undefined;
  }
  if (/^EAA[A-Za-z0-9]{20,}$/.test(token)) return { form: 'opaque', token };
  return undefined;
}

/** Constant-time comparison for secrets given by a client. */
export function sameSecret(given: string, expected: string): boolean {
  const left = Buffer.from(given);
  const right = Buffer.from(expected);
  return left.length === right.length && timingSafeEqual(left, right);
}
