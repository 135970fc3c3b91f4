import type { Viewer } from '../identity/viewer.js';
import type { Store } from '../store/types.js';
import { assertAccount } from './access.js';
import { GraphError } from '../graph/graph-error.js';

/** The one terms-of-service document customer-list audiences need (GET /act_{id}/customaudiencestos). */
export const customAudiencesTosId = '215449065224656';

export const customAudiencesTos = {
  id: customAudiencesTosId,
  type: 'custom_audience_tos',
  content:
    'By using Custom Audiences you agree that you have the rights to the data you upload, that it was collected with the consent required by law, and that it is hashed before it is sent.',
};

export async function acceptTos(store: Store, viewer: Viewer, adAccountId: string, tosId: string, now: number): Promise<void> {
  await assertAccount(store, viewer, adAccountId, 'write');
  if (tosId !== customAudiencesTosId) throw GraphError.of('paramInvalid', { name: 'tos_id', constraint: `one of {${customAudiencesTosId}}` });
  await store.audiences.acceptTos(adAccountId, tosId, now);
}
