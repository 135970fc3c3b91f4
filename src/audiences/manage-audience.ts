import type { Viewer } from '../identity/viewer.js';
import type { CustomAudiencePatch, CustomAudienceRow } from '../store/audience-types.js';
import type { Store } from '../store/types.js';
import { assertAccount } from './access.js';
import { audienceError } from './audience-errors.js';
import { readRule } from './audience-rules.js';
import { readLookalikeSpec } from './lookalike-spec.js';

const attributeParams = ['allowed_domains', 'claim_objective', 'content_type', 'event_source_group', 'event_sources', 'product_set_id', 'use_for_products', 'use_in_campaigns'];

/** POST /{custom_audience_id}: name, description, rules and the rest; only the owning account writes. */
export async function updateAudience(store: Store, viewer: Viewer, audience: CustomAudienceRow, params: Record<string, any>, now: number): Promise<void> {
  await assertAccount(store, viewer, audience.ad_account_id, 'write');
  const patch: CustomAudiencePatch = { time_updated: now };
  for (const name of ['name', 'description', 'opt_out_link', 'retention_days', 'rule_aggregation', 'customer_file_source'] as const) {
    if (params[name] !== undefined) (patch as Record<string, unknown>)[name] = params[name];
  }
  if (params.rule !== undefined) {
    if (audience.rule === null) throw audienceError('createFailed', { reason: 'only rule audiences have a rule' });
    readRule(params.rule);
    patch.rule = params.rule;
  }
  if (params.lookalike_spec !== undefined) {
    if (audience.subtype !== 'LOOKALIKE') throw audienceError('createFailed', { reason: 'only lookalike audiences have a lookalike_spec' });
    patch.lookalike_spec = readLookalikeSpec(params.lookalike_spec, audience.origin_audience_id ?? undefined) as unknown as Record<string, unknown>;
  }
  const attributes = { ...audience.attributes };
  for (const name of attributeParams) if (params[name] !== undefined) attributes[name] = params[name];
  patch.attributes = attributes;
  await store.audiences.update(audience.id, patch);
}

/** DELETE /{custom_audience_id}: refused while lookalikes are built from it (2656). */
export async function deleteAudience(store: Store, viewer: Viewer, audience: CustomAudienceRow): Promise<void> {
  await assertAccount(store, viewer, audience.ad_account_id, 'write');
  if ((await store.audiences.derivedFrom(audience.id)).length > 0) throw audienceError('hasLookalikes');
  await store.audiences.delete(audience.id);
}
