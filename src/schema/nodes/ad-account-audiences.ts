import { assertAccount } from '../../audiences/access.js';
import { createAudience } from '../../audiences/create-audience.js';
import { removeFromAccount } from '../../audiences/opt-out.js';
import { refreshRuleAudience } from '../../audiences/rule-membership.js';
import { acceptTos, customAudiencesTos } from '../../audiences/terms.js';
import { parseFiltering } from '../../graph/filtering/index.js';
import type { EdgeDef } from '../types.js';
import type { AdAccountNode } from './ad-account.js';
import { createAudienceParams, listAudiencesParams, usersParams } from './custom-audience-params.js';
import type { AudienceNode } from './custom-audience.js';

function filteringOf(params: Record<string, any>) {
  const filtering = parseFiltering(params.filtering);
  if (params.pixel_id !== undefined) filtering.push({ field: 'pixel_id', operator: 'EQUAL', value: String(params.pixel_id) });
  return filtering;
}

/** Marketing API edges page up to 5000 at a time (graph-protocol.md §5.1: larger than User edges). */
const audienceLimits = { defaultLimit: 25, maxLimit: 5000 };

export const customAudiencesEdge: EdgeDef<AdAccountNode> = {
  type: 'CustomAudience',
  description: 'The custom audiences associated with the ad account.',
  limits: audienceLimits,
  params: listAudiencesParams,
  async list(account, page, params, ctx) {
    await assertAccount(ctx.store, ctx.viewer, account.account_id, 'read');
    // Changes whose time passed settle first, so that operation_status.code filters see what reads show.
    await ctx.store.audiences.settle(ctx.now);
    const result = await ctx.store.audiences.list(account.account_id, page, filteringOf(params));
    // Each audience listed is read: a change waiting on reads counts it (docs/async-state.md).
    const rows = await Promise.all(result.rows.map(async (row) => ctx.audienceSettings.observe(ctx.store, await refreshRuleAudience(ctx.store, row, ctx.now))));
    const items = rows.map((row) => ({ key: row.id, value: { ...row, access: row.ad_account_id === account.account_id ? 'write' : 'read' } as AudienceNode }));
    return { items, more: result.more };
  },
  async count(account, params, ctx) {
    return ctx.store.audiences.countListed(account.account_id, filteringOf(params));
  },
  post: {
    description: 'Create a custom audience (customer list, lookalike, website, app or engagement).',
    params: createAudienceParams,
    returns: 'Struct {id: numeric string, message: string}',
    async run(account, params, ctx) {
      const { id } = await createAudience(ctx.store, ctx.viewer, account.account_id, params, ctx.now, ctx.audienceSettings);
      return { body: { id }, readBack: { type: 'CustomAudience', id } };
    },
  },
};

export const customAudiencesTosEdge: EdgeDef<AdAccountNode> = {
  type: 'CustomAudiencesTOS',
  description: 'Terms of service for custom audiences; POST accepts them for the ad account.',
  async list(account, _page, _params, ctx) {
    await assertAccount(ctx.store, ctx.viewer, account.account_id, 'read');
    return { items: [{ key: customAudiencesTos.id, value: customAudiencesTos }], more: false };
  },
  post: {
    description: 'Accept the custom audience terms of service for this ad account.',
    params: {
      tos_id: { type: 'string', required: true, description: 'The terms to accept' },
      business_id: { type: 'string', description: 'The business accepting them' },
    },
    returns: 'Struct {success: bool}',
    async run(account, params, ctx) {
      await acceptTos(ctx.store, ctx.viewer, account.account_id, params.tos_id, ctx.now);
      return { body: { success: true } };
    },
  },
};

export const usersOfAnyAudienceEdge: EdgeDef<AdAccountNode> = {
  type: 'User',
  description: "Remove people from every customer-list audience of the ad account (opt-out).",
  delete: {
    description: 'Remove people from all customer-list audiences of the account.',
    params: usersParams,
    returns: 'Struct {account_id: numeric string, num_received: int32, num_invalid_entries: int32, invalid_entry_samples: Map {string: string}}',
    async run(account, params, ctx) {
      return { body: { ...(await removeFromAccount(ctx.store, ctx.viewer, account.account_id, params, ctx.now)) } };
    },
  },
};
