import type { NewCustomAudience } from '../../src/store/audience-types.js';

/** A settled customer-list audience as the benches store it directly, skipping the API. */
export function customerListRow(adAccountId: string, name: string, now: number): NewCustomAudience {
  return {
    ad_account_id: adAccountId,
    name,
    description: null,
    subtype: 'CUSTOM',
    customer_file_source: 'USER_PROVIDED_ONLY',
    data_source_type: 'FILE_IMPORTED',
    data_source_sub_type: 'HASHES_OR_USER_IDS',
    is_value_based: false,
    retention_days: 0,
    rule: null,
    rule_aggregation: null,
    lookalike_spec: null,
    origin_audience_id: null,
    pixel_id: null,
    opt_out_link: null,
    operation_status: 200,
    attributes: {},
    time_created: now,
  };
}
