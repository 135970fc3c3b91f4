import { GraphError } from '../graph/graph-error.js';
import type { Viewer } from '../identity/viewer.js';
import type { CustomAudienceRow } from '../store/audience-types.js';
import type { Store } from '../store/types.js';
import { assertAccount } from './access.js';

export interface ShareResult {
  success: boolean;
  sharing_data: { ad_acct_id: string; business_id: string | null; audience_share_status: string; errors: string[] }[];
}

/**
 * POST /{ca}/adaccounts: shares with ad accounts of the same business (graphd models
 * one business; cross-business sharing relationships are not emulated: docs/audiences.md).
 */
export async function shareAudience(store: Store, viewer: Viewer, audience: CustomAudienceRow, params: { adaccounts?: string[]; permissions?: string; replace?: boolean }, now: number): Promise<ShareResult> {
  await assertAccount(store, viewer, audience.ad_account_id, 'write');
  const ids = (params.adaccounts ?? []).map((id) => String(id).replace(/^act_/, ''));
  if (ids.length === 0) throw GraphError.of('paramRequired', { name: 'adaccounts' });
  const owner = await store.adAccounts.get(audience.ad_account_id);
  const result: ShareResult = { success: true, sharing_data: [] };
  if (params.replace) for (const share of await store.audiences.sharedWith(audience.id)) await store.audiences.unshare(audience.id, share.ad_account_id);
  for (const id of ids) {
    const account = await store.adAccounts.get(id);
    const sameBusiness = account !== undefined && account.business_id !== null && account.business_id === owner?.business_id;
    if (!sameBusiness || id === audience.ad_account_id) {
      result.success = false;
      result.sharing_data.push({ ad_acct_id: id, business_id: account?.business_id ?? null, audience_share_status: 'FAILED', errors: ['No sharing relationship with this ad account'] });
      continue;
    }
    await store.audiences.share(audience.id, id, params.permissions ?? 'targeting', now);
    result.sharing_data.push({ ad_acct_id: id, business_id: account.business_id, audience_share_status: 'SHARED', errors: [] });
  }
  return result;
}

export async function unshareAudience(store: Store, viewer: Viewer, audience: CustomAudienceRow, adaccounts: string[] | undefined): Promise<void> {
  await assertAccount(store, viewer, audience.ad_account_id, 'write');
  const ids = (adaccounts ?? []).map((id) => String(id).replace(/^act_/, ''));
  if (ids.length === 0) throw GraphError.of('paramRequired', { name: 'adaccounts' });
  for (const id of ids) await store.audiences.unshare(audience.id, id);
}
