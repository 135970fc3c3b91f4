import type { Viewer } from '../identity/viewer.js';
import type { CustomAudienceRow, NewCustomAudience } from '../store/audience-types.js';
import type { Store } from '../store/types.js';
import { assertAccount } from './access.js';
import { audienceError } from './audience-errors.js';
import { readLookalikeSpec, sameLookalike, type LookalikeSpec } from './lookalike-spec.js';
import { readRule } from './audience-rules.js';
import { refreshRuleAudience } from './rule-membership.js';
import { lookalikeBuilds } from './lookalike/builds.js';
import { customAudiencesTosId } from './terms.js';
import type { AudienceTransitions } from './transitions-request.js';

/** Per ad account and subtype (docs/audiences.md): the seed page's 500 CUSTOM / 10000 LOOKALIKE, the guide's others. */
export const audienceLimits: Record<string, number> = {
  CUSTOM: 500,
  LOOKALIKE: 10000,
  WEBSITE: 10000,
  APP: 200,
  ENGAGEMENT: 500,
  OFFLINE_CONVERSION: 500,
};

/** Subtypes a rule audience may still name (video engagement). */
const subtypesAllowedWithRule = new Set(['VIDEO']);

/** Params kept as given, beyond the ones with columns of their own. */
const keptAsGiven = [
  'allowed_domains', 'claim_objective', 'content_type', 'dataset_id', 'event_source_group', 'event_sources', 'facebook_page_id',
  'list_of_accounts', 'prefill', 'product_set_id', 'subscription_info', 'use_for_products', 'use_in_campaigns', 'is_snapshot',
  'usage_restriction', 'countries', 'inclusions', 'exclusions', 'inclusionOperator', 'associated_audience_id', 'parent_audience_id',
  'partner_reference_key', 'rev_share_policy_id', 'video_group_ids', 'creation_params', 'regulated_audience_spec', 'marketing_message_channels',
  'whats_app_business_phone_number_id',
] as const;

/** The params that decide whether enable_fetch_or_create finds an existing audience. */
const identityParams = ['claim_objective', 'content_type', 'event_source_group', 'event_sources', 'inclusions', 'exclusions'] as const;

export async function createAudience(store: Store, viewer: Viewer, adAccountId: string, params: Record<string, any>, now: number, transitions: AudienceTransitions): Promise<{ id: string }> {
  await assertAccount(store, viewer, adAccountId, 'write');
  const audience = await describe(store, adAccountId, params, now, transitions);
  if (params.enable_fetch_or_create === true) {
    const existing = await findIdentical(store, adAccountId, audience);
    if (existing) return { id: existing.id };
  }
  const limit = audienceLimits[audience.subtype];
  if (limit !== undefined && (await store.audiences.count(adAccountId, { subtype: audience.subtype })) >= limit) {
    throw audienceError('audienceLimit', { limit, subtype: audience.subtype });
  }
  const created = await store.audiences.create(audience);
  if (created.subtype === 'LOOKALIKE') await lookalikeBuilds(store).start(created.id, now);
  // A pixel audience takes in the events already stored (prefill) or none before now.
  await refreshRuleAudience(store, created, now);
  return { id: created.id };
}

async function describe(store: Store, adAccountId: string, params: Record<string, any>, now: number, transitions: AudienceTransitions): Promise<NewCustomAudience> {
  const attributes: Record<string, unknown> = {};
  for (const name of keptAsGiven) if (params[name] !== undefined) attributes[name] = params[name];
  const base = {
    ad_account_id: adAccountId,
    name: params.name ?? null,
    description: params.description ?? null,
    customer_file_source: params.customer_file_source ?? null,
    is_value_based: params.is_value_based === true,
    retention_days: params.retention_days ?? 0,
    rule: null,
    rule_aggregation: params.rule_aggregation ?? null,
    lookalike_spec: null,
    origin_audience_id: null,
    pixel_id: params.pixel_id !== undefined ? String(params.pixel_id) : null,
    opt_out_link: params.opt_out_link ?? null,
    attributes,
    time_created: now,
  };
  if (params.rule !== undefined) {
    if (params.subtype !== undefined && !subtypesAllowedWithRule.has(params.subtype)) throw audienceError('subtypeNotSupported');
    const rule = readRule(params.rule);
    await assertEventSources(store, adAccountId, rule.eventSources);
    const subtype = params.subtype ?? rule.subtype;
    const pixel_id = base.pixel_id ?? rule.eventSources.find((source) => source.type === 'pixel')?.id ?? null;
    // Prefilling shows 441 as the transition mode says; src/audiences/rule-membership.ts settles the pixel statuses.
    const status = transitions.change(undefined, now, { pending: params.prefill === false ? 200 : 441, settled: 200 });
    return { ...base, pixel_id, subtype, rule: params.rule, data_source_type: 'EVENT_BASED', data_source_sub_type: rule.dataSourceSubType, ...status };
  }
  const subtype = params.subtype ?? (params.lookalike_spec !== undefined ? 'LOOKALIKE' : 'CUSTOM');
  if (subtype === 'LOOKALIKE') return { ...base, subtype, ...(await lookalike(store, adAccountId, params)), ...transitions.change(undefined, now, populating), ...unbuilt };
  if (subtype === 'CUSTOM') {
    if (!params.customer_file_source) throw audienceError('missingParameters', { names: 'customer_file_source' });
    if (!(await store.audiences.tosAccepted(adAccountId)).includes(customAudiencesTosId)) throw audienceError('tosNotAccepted', { account: adAccountId });
  }
  return { ...base, subtype, data_source_type: 'UNKNOWN', data_source_sub_type: 'ANYTHING', operation_status: subtype === 'CUSTOM' ? 410 : 200 };
}

/**
 * A lookalike shows 441 (still populating) and waits as the transition mode says, but
 * settles on 441 until its build has written the members: the build then settles it on 200
 * (src/audiences/lookalike/builds.ts).
 */
const populating = { pending: 441, settled: 200 };
const unbuilt = { operation_status: 441, settled_status: 441 };

async function lookalike(store: Store, adAccountId: string, params: Record<string, any>) {
  if (params.lookalike_spec === undefined) throw audienceError('missingParameters', { names: 'lookalike_spec' });
  const originParam = params.origin_audience_id !== undefined ? String(params.origin_audience_id) : undefined;
  const spec: LookalikeSpec = readLookalikeSpec(params.lookalike_spec, originParam);
  const originId = spec.origin![0].id;
  const origin = await store.audiences.get(originId);
  const shared = origin && origin.ad_account_id !== adAccountId ? (await store.audiences.sharedWith(originId)).some((s) => s.ad_account_id === adAccountId) : true;
  if (!origin || !shared) throw audienceError('createFailed', { reason: `origin audience ${originId} does not exist or is not shared with this ad account` });
  if (origin.member_count < 100) throw audienceError('originTooSmall');
  for (const siblingId of await store.audiences.derivedFrom(originId)) {
    const sibling = await store.audiences.get(siblingId);
    if (sibling?.lookalike_spec && sameLookalike(sibling.lookalike_spec as unknown as LookalikeSpec, spec)) throw audienceError('duplicateLookalike');
  }
  return {
    lookalike_spec: spec as unknown as Record<string, unknown>,
    origin_audience_id: originId,
    data_source_type: 'SEED_BASED',
    data_source_sub_type: 'LOOKALIKE_PLATFORM',
  };
}

/** Page event sources must be pages the account's business owns (2667 otherwise). */
async function assertEventSources(store: Store, adAccountId: string, sources: { type: string; id: string }[]): Promise<void> {
  const account = await store.adAccounts.get(adAccountId);
  const pages = account?.business_id ? new Set((await store.pages.listByBusiness(account.business_id)).map((p) => p.id)) : new Set<string>();
  for (const source of sources) if (source.type === 'page' && !pages.has(source.id)) throw audienceError('eventSourceDenied');
}

async function findIdentical(store: Store, adAccountId: string, wanted: NewCustomAudience): Promise<CustomAudienceRow | undefined> {
  if (!wanted.name) return undefined;
  const same = await store.audiences.list(adAccountId, { limit: 100 }, [{ field: 'name', operator: 'EQUAL', value: wanted.name }]);
  const key = (a: { rule: string | null; attributes: Record<string, unknown> }) =>
    JSON.stringify([a.rule, ...identityParams.map((name) => a.attributes[name] ?? null)]);
  return same.rows.find((row) => row.ad_account_id === adAccountId && key(row) === key(wanted));
}
