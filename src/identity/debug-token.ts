import { GraphError } from '../graph/graph-error.js';
import type { Store } from '../store/types.js';
import { checkTokenRow } from './authenticate.js';
import { hashToken, parseTokenString, sameSecret } from './token-strings.js';
import type { Viewer } from './viewer.js';

/**
 * What `GET /debug_token` says of a token (graph-protocol.md §8.4). An invalid token is
 * still answered (is_valid false plus an error object), never thrown.
 */
export async function debugToken(store: Store, viewer: Viewer, input: string, now: number): Promise<Record<string, unknown>> {
  if (viewer.kind !== 'APP' && viewer.kind !== 'USER') throw GraphError.of('debugTokenAccess');
  const parsed = parseTokenString(input);
  if (!parsed) return { error: { code: 190, message: 'Invalid OAuth access token.' }, is_valid: false, scopes: [] };
  if (parsed.form === 'app') {
    const app = await store.apps.get(parsed.appId);
    const issued = await store.tokens.find(hashToken(input));
    const valid = app !== undefined && (sameSecret(parsed.secret, app.secret) || issued?.app_id === app.id);
    if (!app || !valid) return { error: { code: 190, message: 'Invalid OAuth access token signature.' }, is_valid: false, scopes: [] };
    assertSameApp(viewer, app.id);
    return { app_id: app.id, type: 'APP', application: app.name, is_valid: true };
  }
  const row = await store.tokens.find(hashToken(parsed.token));
  if (!row) return { error: { code: 190, message: 'Invalid OAuth access token.' }, is_valid: false, scopes: [] };
  assertSameApp(viewer, row.app_id);
  const app = await store.apps.get(row.app_id);
  const out: Record<string, unknown> = {
    app_id: row.app_id,
    type: row.kind,
    application: app?.name ?? '',
    data_access_expires_at: row.data_access_expires_at,
  };
  try {
    checkTokenRow(row, now);
    out.expires_at = row.expires_at;
    out.is_valid = true;
  } catch (error) {
    const graphError = error as GraphError;
    out.error = { code: graphError.spec.code, message: graphError.message, ...(graphError.spec.subcode && { subcode: graphError.spec.subcode }) };
    out.expires_at = row.expires_at;
    out.is_valid = false;
  }
  out.issued_at = row.issued_at;
  if (row.page_id) out.profile_id = row.page_id;
  out.scopes = row.scopes;
  out.granular_scopes = row.scopes.map((scope) => ({ scope }));
  if (row.person_id) out.user_id = (await store.apps.scopedUser(row.app_id, row.person_id)).asid;
  if (row.system_user_id) out.user_id = row.system_user_id;
  return out;
}

/** An app may inspect only its own tokens (a developer's user token counts as the app's). */
function assertSameApp(viewer: Viewer, appId: string): void {
  if (viewer.app?.id !== appId) throw GraphError.of('debugTokenAccess');
}
