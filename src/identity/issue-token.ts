import type { Store, TokenKind, TokenRow } from '../store/types.js';
import { hashToken, newAccessToken, randomBase62 } from './token-strings.js';

/** Meta's lifetimes: short-lived user tokens ~1-2 h, long-lived ~60 days, data access 90 days. */
export const lifetimes = {
  short: 2 * 3600,
  long: 5_184_000,
  dataAccess: 90 * 86400,
} as const;

export interface TokenGrant {
  kind: Exclude<TokenKind, 'APP'>;
  appId: string;
  personId?: string;
  pageId?: string;
  systemUserId?: string;
  scopes: string[];
  /** Seconds from now; 0 = never expires. */
  expiresIn: number;
  now: number;
}

/**
 * Issues a token for a person (or page, or system user) in an app. For people it also
 * records the grants and allocates their app-scoped id, as logging in to the app does.
 */
export async function issueToken(store: Store, grant: TokenGrant): Promise<{ token: string; row: TokenRow }> {
  const token = newAccessToken();
  const row: TokenRow = {
    hash: hashToken(token),
    kind: grant.kind,
    app_id: grant.appId,
    person_id: grant.personId ?? null,
    page_id: grant.pageId ?? null,
    system_user_id: grant.systemUserId ?? null,
    scopes: [...new Set(grant.scopes)],
    issued_at: grant.now,
    expires_at: grant.expiresIn === 0 ? 0 : grant.now + grant.expiresIn,
    data_access_expires_at: grant.kind === 'SYSTEM_USER' ? 0 : grant.now + lifetimes.dataAccess,
    invalidated: null,
    long_lived: grant.expiresIn === 0 || grant.expiresIn >= lifetimes.long,
  };
  await store.transaction(async (tx) => {
    if (grant.personId) {
      await tx.apps.scopedUser(grant.appId, grant.personId, true);
      for (const scope of row.scopes) await tx.apps.setGrant(grant.appId, grant.personId, scope, 'granted');
    }
    await tx.tokens.insert(row);
  });
  return { token, row };
}

/** client_credentials: an app token of the form `{app_id}|{opaque}`, stored hashed. */
export async function issueAppToken(store: Store, appId: string, now: number): Promise<string> {
  const token = `${appId}|${randomBase62(27)}`;
  await store.tokens.insert({
    hash: hashToken(token),
    kind: 'APP',
    app_id: appId,
    person_id: null,
    page_id: null,
    system_user_id: null,
    scopes: [],
    issued_at: now,
    expires_at: 0,
    data_access_expires_at: 0,
    invalidated: null,
    long_lived: true,
  });
  return token;
}
