import type { AppRow } from '../../store/types.js';
import type { TypeDef } from '../types.js';
import { testAccountsEdge } from './test-users.js';

/** Any token can read an app's public fields, as on Meta. */
export const applicationType: TypeDef<AppRow> = {
  name: 'Application',
  description: 'A Facebook app.',
  defaultFields: ['link', 'name', 'id'],
  load: (id, ctx) => ctx.store.apps.get(id),
  fields: {
    id: { type: 'numeric string', description: 'The app ID' },
    name: { type: 'string', description: 'The name of the app' },
    namespace: { type: 'string', description: 'The namespace of the app' },
    category: { type: 'string', description: 'The category of the app' },
    link: { type: 'string', description: 'A link to the app', resolve: (app) => `https://www.facebook.com/games/?app_id=${app.id}` },
  },
  edges: {
    accounts: testAccountsEdge,
    // The official SDKs' crash reporters post here; answering keeps them off the real host.
    instruments: {
      type: 'Application',
      description: 'Receives SDK crash reports (bizsdk_crash_report); graphd accepts and discards them.',
      post: {
        description: 'Report an SDK crash',
        needsToken: false,
        params: { bizsdk_crash_report: { type: 'Object', description: 'reason, callstack, platform' } },
        returns: 'Struct {success: bool}',
        run: async () => ({ body: { success: true } }),
      },
    },
  },
};
