import type { GraphCall } from '../server/graph-hooks.js';
import type { JournalEntry, JournalViewer } from './entry.js';
import { redactParams, scrub, secretValues } from './redact.js';

/** The journal entry of a finished call; `userId` is the viewer as its app sees them. */
export function entryOf(call: GraphCall, id: string, endedAt: number, userId: string | undefined): JournalEntry {
  const params = call.request?.params ?? {};
  const secrets = secretValues(params, call.request?.accessToken);
  const { target, error } = call;
  return {
    id,
    time: new Date(call.startedAt).toISOString(),
    fbtrace_id: call.traceId,
    method: call.request?.method ?? call.method,
    path: call.path,
    version: call.request?.version,
    params: redactParams(params),
    viewer: viewerOf(call, userId),
    target: target && { node_type: target.nodeType, id: target.id, edge: target.edge, ad_account_id: target.adAccountId },
    status: call.status ?? 0,
    error: error && {
      code: error.spec.code,
      subcode: error.spec.subcode,
      type: error.spec.type,
      // Some messages quote what was sent (`Malformed access token ...`).
      message: scrub(error.message, secrets),
    },
    duration_ms: Math.max(0, endedAt - call.startedAt),
    batch_index: call.batch?.index,
  };
}

function viewerOf(call: GraphCall, userId: string | undefined): JournalViewer {
  const viewer = call.viewer;
  if (!viewer) return { kind: 'ANONYMOUS' };
  const tokenType = viewer.token ? (viewer.token.long_lived ? 'long_lived' : 'short_lived') : viewer.kind === 'APP' ? 'app_id|app_secret' : undefined;
  return {
    kind: viewer.kind,
    app_id: viewer.app?.id,
    user_id: userId,
    page_id: viewer.pageId,
    system_user_id: viewer.systemUserId,
    token_type: tokenType,
  };
}
