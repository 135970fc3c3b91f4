import { graphDate } from '../../graph/json.js';
import type { BusinessRow, SystemUserRow } from '../../store/types.js';
import type { TypeDef } from '../types.js';

export const businessType: TypeDef<BusinessRow> = {
  name: 'Business',
  description: 'A business in Business Manager.',
  defaultFields: ['name', 'id'],
  load: (id, ctx) => ctx.store.businesses.get(id),
  fields: {
    id: { type: 'numeric string', description: 'The business account ID.' },
    name: { type: 'string', description: 'The name of the business.' },
    created_time: { type: 'datetime', description: 'The creation time of this business.', resolve: (b) => graphDate(b.created_time) },
  },
};

/** A business's system user, as `/me` shows it to a system-user token. */
export const systemUserType: TypeDef<SystemUserRow> = {
  name: 'SystemUser',
  description: 'A system user of a business.',
  metadataType: 'user',
  defaultFields: ['name', 'id'],
  load: async (id, ctx) => (ctx.viewer.systemUserId === id ? ctx.store.businesses.getSystemUser(id) : undefined),
  fields: {
    id: { type: 'numeric string', description: 'The system user ID' },
    name: { type: 'string', description: 'The name of the system user' },
    role: { type: 'string', description: 'ADMIN or EMPLOYEE' },
  },
};
