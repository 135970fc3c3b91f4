import { createHmac, timingSafeEqual } from 'node:crypto';
import { GraphError } from '../graph/graph-error.js';
import type { Viewer } from '../identity/viewer.js';

/** How long a timestamped proof (appsecret_time) stays valid, per Meta's login security docs. */
const proofWindowSeconds = 300;

export function appsecretProof(secret: string, token: string, time?: string): string {
  return createHmac('sha256', secret).update(time === undefined ? token : `${token}|${time}`).digest('hex');
}

/**
 * Checks appsecret_proof for user, page and system-user tokens. A wrong proof always fails;
 * a missing one fails only when the app requires proofs. App tokens carry the secret already.
 */
export function checkAppsecretProof(viewer: Viewer, token: string, params: Record<string, unknown>, now: number): void {
  if (!viewer.app || viewer.kind === 'APP' || viewer.kind === 'ANONYMOUS') return;
  const proof = params.appsecret_proof;
  if (proof === undefined || proof === '') {
    if (viewer.app.require_appsecret_proof) throw GraphError.of('proofRequired');
    return;
  }
  // JSON bodies may carry objects here; String() of one can throw, and no object is a proof.
  if (typeof proof !== 'string' || !['undefined', 'string', 'number'].includes(typeof params.appsecret_time)) throw GraphError.of('proofInvalid');
  const time = params.appsecret_time === undefined ? undefined : String(params.appsecret_time);
  if (time !== undefined && (!/^\d+$/.test(time) || Math.abs(now - Number(time)) > proofWindowSeconds)) {
    throw GraphError.of('proofInvalid');
  }
  const expected = Buffer.from(appsecretProof(viewer.app.secret, token, time));
  const given = Buffer.from(proof.toLowerCase());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw GraphError.of('proofInvalid');
}
