import type { Viewer } from '../identity/viewer.js';
import type { Store } from '../store/types.js';
import { audienceError } from './audience-errors.js';

export type AccountAccess = 'none' | 'read' | 'write';

/**
 * What the viewer may do with an ad account's audiences: people by their role (ANALYST
 * reads, ADMIN and ADVERTISER write), system users of the owning business as admins.
 * App tokens have no ad account access, as on Meta.
 */
export async function accountAccess(store: Store, viewer: Viewer, adAccountId: string): Promise<AccountAccess> {
  if (viewer.kind === 'USER' && viewer.personId) {
    const role = await store.adAccounts.roleOf(adAccountId, viewer.personId);
    if (!role) return 'none';
    return role.role === 'ANALYST' ? 'read' : 'write';
  }
  if (viewer.kind === 'SYSTEM_USER' && viewer.systemUserId) {
    const [account, systemUser] = await Promise.all([store.adAccounts.get(adAccountId), store.businesses.getSystemUser(viewer.systemUserId)]);
    if (!account || !systemUser || account.business_id !== systemUser.business_id) return 'none';
    return systemUser.role === 'ADMIN' ? 'write' : 'read';
  }
  return 'none';
}

/** Reads need ads_read or ads_management; writes need ads_management and a writing role. */
export async function assertAccount(store: Store, viewer: Viewer, adAccountId: string, need: 'read' | 'write'): Promise<void> {
  const scopes = viewer.scopes;
  if (need === 'write' && !scopes.has('ads_management')) throw audienceError('adsPermission');
  if (need === 'read' && !scopes.has('ads_management') && !scopes.has('ads_read')) throw audienceError('adsReadPermission');
  const access = await accountAccess(store, viewer, adAccountId);
  if (access === 'none' || (need === 'write' && access !== 'write')) throw audienceError('cannotUpdate');
}
