import { GraphError } from '../graph/graph-error.js';
import type { AppRow, Store } from '../store/types.js';
import { checkTokenRow } from './authenticate.js';
import { issueAppToken, issueToken, lifetimes } from './issue-token.js';
import { hashToken, sameSecret } from './token-strings.js';

export interface OAuthRequest {
  grant_type?: string;
  client_id?: string;
  client_secret?: string;
  fb_exchange_token?: string;
}

/** `GET /oauth/access_token`: client_credentials app tokens and fb_exchange_token long-lived user tokens. */
export async function oauthAccessToken(store: Store, request: OAuthRequest, now: number): Promise<Record<string, unknown>> {
  if (!request.client_id) throw GraphError.of('paramRequired', { name: 'client_id' });
  const app = await store.apps.get(request.client_id);
  if (!app) throw GraphError.of('applicationInvalid');
  if (!request.client_secret || !sameSecret(request.client_secret, app.secret)) throw GraphError.of('clientSecretInvalid');
  switch (request.grant_type) {
    case 'client_credentials':
      return { access_token: await issueAppToken(store, app.id, now), token_type: 'bearer' };
    case 'fb_exchange_token':
      return exchange(store, app, request.fb_exchange_token, now);
    default:
      throw GraphError.of('grantTypeUnsupported', { grantType: request.grant_type ?? '' });
  }
}

async function exchange(store: Store, app: AppRow, shortLived: string | undefined, now: number): Promise<Record<string, unknown>> {
  if (!shortLived) throw GraphError.of('paramRequired', { name: 'fb_exchange_token' });
  const row = await store.tokens.find(hashToken(shortLived));
  if (!row || row.app_id !== app.id || (row.kind !== 'USER' && row.kind !== 'PAGE')) throw GraphError.of('exchangeTokenInvalid');
  checkTokenRow(row, now);
  const { token } = await issueToken(store, {
    kind: row.kind,
    appId: app.id,
    personId: row.person_id ?? undefined,
    pageId: row.page_id ?? undefined,
    scopes: row.scopes,
    expiresIn: lifetimes.long,
    now,
  });
  return { access_token: token, token_type: 'bearer', expires_in: lifetimes.long };
}

