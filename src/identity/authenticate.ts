import { GraphError } from '../graph/graph-error.js';
import type { Store, TokenRow } from '../store/types.js';
import { pacificTime } from './pacific-time.js';
import { hashToken, parseTokenString, sameSecret } from './token-strings.js';
import type { Viewer } from './viewer.js';

const invalidationErrors = {
  logged_out: 'tokenLoggedOut',
  password_changed: 'tokenPasswordChanged',
  deauthorized: 'tokenNotAuthorized',
  checkpointed: 'tokenCheckpointed',
} as const;


/** Throws the 190 error a stored token deserves now, if any. */
export function checkTokenRow(row: TokenRow, now: number): void {
  if (row.invalidated) throw GraphError.of(invalidationErrors[row.invalidated], { appId: row.app_id });
  if (row.expires_at !== 0 && row.expires_at <= now) {
    throw GraphError.of('tokenExpired', { expiredAt: pacificTime(row.expires_at), now: pacificTime(now) });
  }
}

/** Resolves an access token string to the Viewer it speaks for, or throws Meta's token error. */
export async function authenticate(store: Store, token: string, now: number): Promise<Viewer> {
  const parsed = parseTokenString(token);
  if (!parsed) throw GraphError.of('tokenUnparseable');
  if (parsed.form === 'app') {
    const app = await store.apps.get(parsed.appId);
    if (!app) throw GraphError.of('tokenUnparseable');
    if (sameSecret(parsed.secret, app.secret)) return { kind: 'APP', app, scopes: new Set() };
    const issued = await store.tokens.find(hashToken(token));
    if (!issued || issued.kind !== 'APP' || issued.app_id !== app.id) throw GraphError.of('tokenSignature');
    checkTokenRow(issued, now);
    return { kind: 'APP', app, scopes: new Set(), token: issued };
  }
  const row = await store.tokens.find(hashToken(parsed.token));
  if (!row) throw GraphError.of('tokenUnparseable');
  checkTokenRow(row, now);
  const app = await store.apps.get(row.app_id);
  if (!app) throw GraphError.of('tokenUnparseable');
  const base = { app, token: row };
  switch (row.kind) {
    case 'APP':
      return { ...base, kind: 'APP', scopes: new Set() };
    case 'SYSTEM_USER':
      return { ...base, kind: 'SYSTEM_USER', systemUserId: row.system_user_id!, scopes: new Set(row.scopes) };
    case 'PAGE':
      return { ...base, kind: 'PAGE', pageId: row.page_id!, personId: row.person_id ?? undefined, ...(await grantedScopes(store, row)) };
    case 'USER':
      return { ...base, kind: 'USER', personId: row.person_id!, ...(await grantedScopes(store, row)) };
  }
}

/**
 * A token carries the scopes it was issued with, minus any the person has since declined.
 * The person's grants come along (Viewer.grants) so the request need not read them twice.
 */
async function grantedScopes(store: Store, row: TokenRow): Promise<Pick<Viewer, 'scopes' | 'grants'>> {
  if (!row.person_id) return { scopes: new Set(row.scopes) };
  const granted = new Set<string>();
  for (const grant of await store.apps.grants(row.app_id, row.person_id)) {
    if (grant.status === 'granted') granted.add(grant.permission);
  }
  return { scopes: new Set(row.scopes.filter((scope) => granted.has(scope))), grants: granted };
}
