import type { AdAccountRow } from '../../store/types.js';
import type { Context, TypeDef } from '../types.js';
import { customAudiencesEdge, customAudiencesTosEdge, usersOfAnyAudienceEdge } from './ad-account-audiences.js';
import { assignedUsersEdge } from './ad-account-assigned-users.js';
import { adsPixelsEdge } from './ads-pixel.js';

export type AdAccountNode = AdAccountRow & { account_id: string };

/** An ad account reads as act_<id>; only people with a role on it, its business's system users and apps see it. */
async function loadAdAccount(id: string, ctx: Context): Promise<AdAccountNode | undefined> {
  const account = await ctx.store.adAccounts.get(id);
  if (!account) return undefined;
  const { viewer } = ctx;
  let visible = false;
  if (viewer.personId) visible = (await ctx.store.adAccounts.roleOf(id, viewer.personId)) !== undefined;
  if (viewer.kind === 'SYSTEM_USER' && viewer.systemUserId) {
    const systemUser = await ctx.store.businesses.getSystemUser(viewer.systemUserId);
    visible = systemUser !== undefined && systemUser.business_id === account.business_id;
  }
  if (viewer.kind === 'APP') visible = viewer.app?.business_id != null && viewer.app.business_id === account.business_id;
  return visible ? { ...account, id: `act_${account.id}`, account_id: account.id } : undefined;
}

export const adAccountType: TypeDef<AdAccountNode> = {
  name: 'AdAccount',
  description: 'Represents a business, person or other entity who creates and manages ads on Facebook.',
  defaultFields: ['id'],
  load: loadAdAccount,
  // The loaded node's id reads act_<id>; the route target wants the bare number.
  adAccountOf: (account) => account.account_id,
  fields: {
    id: { type: 'string', description: 'The string act_{ad_account_id}.' },
    account_id: { type: 'numeric string', description: 'The ID of the Ad Account.' },
    name: { type: 'string', description: 'Name of the account.' },
    account_status: { type: 'unsigned int', description: 'Status of the account: 1 = ACTIVE, 2 = DISABLED, ...' },
    currency: { type: 'string', description: 'The currency used for the account.' },
    timezone_name: { type: 'string', description: 'Name for the time zone.' },
    business: { type: 'Business', description: 'The Business Manager, if this ad account is owned by one', resolve: (a, ctx) => (a.business_id ? ctx.store.businesses.get(a.business_id) : undefined) },
    tos_accepted: {
      type: 'map<string, int32>',
      description: 'Terms of service the account accepted: {tos_id: 1}.',
      resolve: async (a, ctx) => Object.fromEntries((await ctx.store.audiences.tosAccepted(a.account_id)).map((id) => [id, 1])),
    },
  },
  edges: {
    adspixels: adsPixelsEdge,
    customaudiences: customAudiencesEdge,
    customaudiencestos: customAudiencesTosEdge,
    usersofanyaudience: usersOfAnyAudienceEdge,
    assigned_users: assignedUsersEdge,
  },
};
