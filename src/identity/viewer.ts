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
  /**
   * Permissions the person (personId) had granted the app when the token was checked, which
   * `scopes` was computed from; set for USER and PAGE tokens of a person. Resolving `me` reuses
   * it instead of reading the grants again in the same request.
   */
  readonly grants?: ReadonlySet<string>;
}

export const anonymous: Viewer = { kind: 'ANONYMOUS', scopes: new Set() };
