import type { GraphRequest } from '../graph/request.js';
import { authenticate } from '../identity/authenticate.js';
import { anonymous, type Viewer } from '../identity/viewer.js';
import type { Store } from '../store/types.js';
import { checkAppsecretProof } from './appsecret-proof.js';

/** The request's token -> Viewer, with appsecret_proof enforced; no token -> anonymous. */
export async function viewerFor(request: GraphRequest, store: Store, now: number): Promise<Viewer> {
  if (!request.accessToken) return anonymous;
  const viewer = await authenticate(store, request.accessToken, now);
  checkAppsecretProof(viewer, request.accessToken, request.params, now);
  return viewer;
}
