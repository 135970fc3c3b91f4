import type { Viewer } from '../identity/viewer.js';
import type { Store } from '../store/types.js';
import { assertAccount } from './access.js';
import { appUserIdsInApps } from './app-user-ids.js';
import { readPayload } from './payload.js';

/** DELETE /act_{id}/usersofanyaudience: the people leave every customer-list audience of the account. */
export async function removeFromAccount(store: Store, viewer: Viewer, adAccountId: string, params: { payload?: unknown }, now: number) {
  await assertAccount(store, viewer, adAccountId, 'write');
  const payload = readPayload(params.payload, await appUserIdsInApps(store, params.payload));
  await store.audiences.removeFromAccount(adAccountId, payload.rows, now);
  return {
    account_id: adAccountId,
    num_received: payload.received,
    num_invalid_entries: payload.invalid,
    invalid_entry_samples: payload.invalidSamples,
  };
}
