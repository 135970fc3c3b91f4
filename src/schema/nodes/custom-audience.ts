import { audienceError } from '../../audiences/audience-errors.js';
import { accountAccess } from '../../audiences/access.js';
import { statusOf } from '../../audiences/audience-status.js';
import { deleteAudience, updateAudience } from '../../audiences/manage-audience.js';
import { refreshRuleAudience } from '../../audiences/rule-membership.js';
import type { CustomAudienceRow } from '../../store/audience-types.js';
import type { Context, FieldDef, TypeDef } from '../types.js';
import { updateAudienceParams } from './custom-audience-params.js';
import { audienceAdAccountsEdge, sessionsEdge, usersEdge, usersReplaceEdge } from './custom-audience-edges.js';

export type AudienceNode = CustomAudienceRow & { access: 'read' | 'write' };

const plain = (type: string, description: string): FieldDef<AudienceNode> => ({ type, description });
const status = (key: 'operation_status' | 'delivery_status' | 'approximate_count_lower_bound' | 'approximate_count_upper_bound', type: string, description: string): FieldDef<AudienceNode> => ({
  type,
  description,
  resolve: (a, ctx) => statusOf(a, ctx.now)[key],
});

/**
 * An audience is visible to whoever may read its ad account or an account it is shared with.
 * A read that sees it counts for a change waiting on reads (docs/async-state.md).
 */
async function loadAudience(id: string, ctx: Context): Promise<AudienceNode | undefined> {
  const stored = await ctx.store.audiences.get(id);
  if (!stored) return undefined;
  // A pixel audience's members and status follow its events and the clock (docs/rules.md).
  const audience = await refreshRuleAudience(ctx.store, stored, ctx.now);
  const access = await accessTo(audience, ctx);
  if (access === 'none') return undefined;
  // Seeing the audience at all takes an ads scope, as listing the account's audiences does.
  if (!ctx.viewer.scopes.has('ads_management') && !ctx.viewer.scopes.has('ads_read')) throw audienceError('adsReadPermission');
  return { ...(await ctx.audienceSettings.observe(ctx.store, audience)), access };
}

async function accessTo(audience: CustomAudienceRow, ctx: Context): Promise<AudienceNode['access'] | 'none'> {
  const own = await accountAccess(ctx.store, ctx.viewer, audience.ad_account_id);
  if (own !== 'none') return own;
  for (const share of await ctx.store.audiences.sharedWith(audience.id)) {
    if ((await accountAccess(ctx.store, ctx.viewer, share.ad_account_id)) !== 'none') return 'read';
  }
  return 'none';
}

function parseObject(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

export const customAudienceType: TypeDef<AudienceNode> = {
  name: 'CustomAudience',
  description: "An ad account's audience: a customer list, a lookalike, or people who did something.",
  defaultFields: ['id'],
  load: loadAudience,
  adAccountOf: (audience) => audience.ad_account_id,
  fields: {
    id: plain('numeric string', 'The ID of this custom audience.'),
    account_id: { type: 'numeric string', description: 'The ad account that owns the audience.', resolve: (a) => a.ad_account_id },
    approximate_count_lower_bound: status('approximate_count_lower_bound', 'int', 'Lower bound of the approximate number of people; -1 while unknown.'),
    approximate_count_upper_bound: status('approximate_count_upper_bound', 'int', 'Upper bound of the approximate number of people; -1 while unknown.'),
    customer_file_source: plain('string', 'Source of customer information in the uploaded file.'),
    data_source: { type: 'CustomAudienceDataSource', description: 'How the audience was made.', resolve: (a) => ({ type: a.data_source_type, sub_type: a.data_source_sub_type }) },
    data_source_types: { type: 'string', description: 'The data source type, as a string.', resolve: (a) => a.data_source_type },
    datafile_custom_audience_uploading_status: {
      type: 'string',
      description: 'UPLOADING while a customer-list session is open, UPLOAD_COMPLETE after, NONE before any upload.',
      resolve: async (a, ctx) => {
        if (a.data_source_type !== 'FILE_IMPORTED') return a.subtype === 'CUSTOM' ? 'NONE' : undefined;
        const open = (await ctx.store.audiences.listSessions(a.id, { limit: 1 })).rows.some((s) => s.end_time === 0 && s.start_time + 5400 > ctx.now);
        return open ? 'UPLOADING' : 'UPLOAD_COMPLETE';
      },
    },
    delete_time: { type: 'int', description: 'When an expiring audience will be deleted (unix); 0 when not expiring.', resolve: (a) => a.delete_time },
    delivery_status: status('delivery_status', 'CustomAudienceStatus', 'Whether the audience can be delivered to.'),
    description: plain('string', 'The description of the audience.'),
    household_audience: { type: 'int', description: 'Household audience flag (0: not a household audience).', resolve: () => 0 },
    is_eligible_for_sac_campaigns: { type: 'bool', description: 'Eligible for special ad category campaigns.', resolve: () => false },
    is_household: { type: 'bool', description: 'Whether this is a household audience.', resolve: () => false },
    is_snapshot: { type: 'bool', description: 'Whether this is a snapshot audience.', resolve: (a) => a.attributes.is_snapshot === true },
    is_value_based: plain('bool', 'Whether the audience seeds value-based lookalikes.'),
    lookalike_audience_ids: { type: 'list<string>', description: 'Lookalike audiences built from this one.', resolve: (a, ctx) => ctx.store.audiences.derivedFrom(a.id) },
    lookalike_spec: { type: 'LookalikeSpec', description: 'How this lookalike is built.', resolve: (a) => a.lookalike_spec ?? undefined },
    name: plain('string', 'The name of the audience.'),
    operation_status: status('operation_status', 'CustomAudienceStatus', 'The processing state of the audience.'),
    opt_out_link: plain('string', 'The opt-out URL of the audience.'),
    owner_business: {
      type: 'Business',
      description: 'The business that owns the audience.',
      resolve: async (a, ctx) => {
        const account = await ctx.store.adAccounts.get(a.ad_account_id);
        return account?.business_id ? ctx.store.businesses.get(account.business_id) : undefined;
      },
    },
    permission_for_actions: {
      type: 'AudiencePermissionForActions',
      description: 'What the viewer may do with the audience.',
      resolve: (a) => ({
        can_edit: a.access === 'write',
        can_see_insight: true,
        can_share: a.access === 'write',
        subtype_supports_lookalike: a.subtype === 'CUSTOM' || a.subtype === 'WEBSITE' || a.subtype === 'ENGAGEMENT' || a.subtype === 'APP',
        supports_recipient_lookalike: a.access === 'write',
      }),
    },
    page_deletion_marked_delete_time: { type: 'int', description: 'When a page-based audience will be deleted; 0 when not.', resolve: () => 0 },
    pixel_id: plain('string', 'The pixel of a website audience.'),
    regulated_audience_spec: { type: 'LookalikeSpec', description: 'Spec of a regulated-category audience.', resolve: (a) => parseObject(a.attributes.regulated_audience_spec) },
    rev_share_policy_id: { type: 'unsigned int', description: 'Revenue share policy.', resolve: (a) => a.attributes.rev_share_policy_id },
    retention_days: plain('int', 'Days people stay in the audience; 0 = forever.'),
    rule: plain('string', 'The audience rule (JSON).'),
    rule_aggregation: plain('string', 'The aggregation rule.'),
    sharing_status: {
      type: 'CustomAudienceSharingStatus',
      description: 'Sharing state of the audience.',
      resolve: async (a, ctx) => ({ status: (await ctx.store.audiences.sharedWith(a.id)).length > 0 ? 'SHARED' : 'NOT_SHARED' }),
    },
    subtype: plain('string', 'The type of the audience.'),
    time_content_updated: { type: 'unsigned int', description: 'Last change of membership (unix).', resolve: (a) => a.time_content_updated || undefined },
    time_created: plain('unsigned int', 'Creation time (unix).'),
    time_updated: plain('unsigned int', 'Last update (unix).'),
  },
  edges: {
    adaccounts: audienceAdAccountsEdge,
    sessions: sessionsEdge,
    users: usersEdge,
    usersreplace: usersReplaceEdge,
  },
  update: {
    description: 'Update the audience.',
    params: updateAudienceParams,
    returns: 'Struct {success: bool, message: string}',
    async run(audience, params, ctx) {
      await updateAudience(ctx.store, ctx.viewer, audience, params, ctx.now);
      return { body: { success: true }, readBack: { type: 'CustomAudience', id: audience.id } };
    },
  },
  delete: {
    description: 'Delete the audience.',
    params: {},
    returns: 'Struct {success: bool}',
    async run(audience, _params, ctx) {
      await deleteAudience(ctx.store, ctx.viewer, audience);
      return { body: { success: true } };
    },
  },
};
