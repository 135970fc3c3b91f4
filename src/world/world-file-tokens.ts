import { issueAppToken, issueToken } from '../identity/issue-token.js';
import { refreshMatchKeys } from '../people/match-keys.js';
import type { Store, TokenKind } from '../store/types.js';

export interface TokenInput {
  app_id: string;
  person_id?: string;
  page_id?: string;
  system_user_id?: string;
  scopes: string[];
  /** Seconds from now; 0 = never expires. */
  expires_in: number;
}

/**
 * Mints a token as if its holder had logged in: a person's token grants its scopes to the app
 * (so they are in force) and gives the person an app-scoped id; with a page it is a page token,
 * with a system user a system-user token, and with neither an app token.
 */
export async function mintToken(store: Store, input: TokenInput, now: number): Promise<{ access_token: string; type: TokenKind }> {
  const base = { appId: input.app_id, scopes: input.scopes, expiresIn: input.expires_in, now };
  if (input.system_user_id) return { access_token: (await issueToken(store, { ...base, kind: 'SYSTEM_USER', systemUserId: input.system_user_id })).token, type: 'SYSTEM_USER' };
  if (!input.person_id) return { access_token: await issueAppToken(store, input.app_id, now), type: 'APP' };
  const kind = input.page_id ? 'PAGE' : 'USER';
  const { token } = await issueToken(store, { ...base, kind, personId: input.person_id, pageId: input.page_id });
  // The new app-scoped id is one more key audiences can match the person by.
  const person = await store.people.get(input.person_id);
  if (person) await refreshMatchKeys(store, person);
  return { access_token: token, type: kind };
}
