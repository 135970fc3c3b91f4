import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/types.js';

/**
 * The control plane's one credential. Made once and kept in the store's settings so every
 * process of an install accepts the same token; GRAPHD_ADMIN_TOKEN (or --admin-token) pins it.
 */
export async function adminTokenOf(store: Store, pinned: string | undefined): Promise<string> {
  if (pinned) return pinned;
  return (await store.settings.get('admin_token')) ?? store.settings.setIfAbsent('admin_token', 'graphd_admin_' + randomBytes(18).toString('base64url'));
}

/** The token a control request carries: `Authorization: Bearer ...` or `?admin_token=`. */
export function presentedAdminToken(headers: Record<string, string | string[] | undefined>, query: unknown): string | undefined {
  const header = headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(\S+)$/i.exec(value.trim()) : null;
  if (match) return match[1];
  const fromQuery = (query as Record<string, unknown> | undefined)?.admin_token;
  return typeof fromQuery === 'string' ? fromQuery : undefined;
}

export function sameToken(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
