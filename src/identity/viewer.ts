import type { AppRow, TokenRow } from '../store/types.js';

/** Who is asking: what an access token resolves to. Domain code decides with it; it never sees HTTP. */
export interface Viewer {
  kind: 'USER' | 'PAGE' | 'APP' | 'SYSTEM_USER' | 'ANONYMOUS';
  app?: AppRow;
  personId?: string;
  pageId?: string;
  systemUserId?: string;
  /** Permissions in force: the token's scopes still granted by the person. */
  scopes: ReadonlySet<string>;
  /** The stored token; absent for `app_id|app_secret` and anonymous callers. */
  token?: TokenRow;
}

export const anonymous: Viewer = { kind: 'ANONYMOUS', scopes: new Set() };
