import type { ParamSpec } from '../../graph/params/coerce.js';

const p = (type: string, description: string, extra: Partial<ParamSpec> = {}): ParamSpec => ({ type, description, ...extra });

const claimObjective = 'enum {AUTOMOTIVE_MODEL, COLLABORATIVE_ADS, HOME_LISTING, MEDIA_TITLE, PRODUCT, TRAVEL, VEHICLE, VEHICLE_OFFER}';
const contentType =
  'enum {AUTOMOTIVE_MODEL, DESTINATION, FLIGHT, GENERIC, HOME_LISTING, HOTEL, JOB, LOCAL_SERVICE_BUSINESS, MEDIA_TITLE, OFFLINE_PRODUCT, PRODUCT, VEHICLE, VEHICLE_OFFER}';
const customerFileSource = 'enum {USER_PROVIDED_ONLY, PARTNER_PROVIDED_ONLY, BOTH_USER_AND_PARTNER_PROVIDED}';
const subtype =
  'enum {CUSTOM, PRIMARY, WEBSITE, APP, OFFLINE_CONVERSION, CLAIM, MANAGED, PARTNER, VIDEO, LOOKALIKE, ENGAGEMENT, BAG_OF_ACCOUNTS, STUDY_RULE_AUDIENCE, FOX, MEASUREMENT, REGULATED_CATEGORIES_AUDIENCE, BIDDING, SUBSCRIBER_SEGMENT, EXCLUSION, MESSENGER_SUBSCRIBER_LIST}';

/** Params both create and update take. */
const shared: Record<string, ParamSpec> = {
  allowed_domains: p('list<string>', 'A list of domains that the audience is restricted to.'),
  claim_objective: p(claimObjective, 'Specifies the objective of audiences with CLAIM subtype.'),
  content_type: p(contentType, 'Specifies a mandatory content type for TRAVEL claim objective.'),
  customer_file_source: p(customerFileSource, 'Source of customer information in the uploaded file.'),
  description: p('string', 'The description for this custom audience'),
  enable_fetch_or_create: p('bool', 'If true, fetch an identical existing custom audience instead of creating one.'),
  event_source_group: p('string', 'Specifies event source group for TRAVEL claim objective.'),
  event_sources: p('list<Object>', 'Specifies event sources for TRAVEL claim objective: [{id, type: APP|OFFLINE_EVENTS|PAGE|PIXEL}].'),
  lookalike_spec: p('string', 'The specification for creating a lookalike audience (JSON-encoded).'),
  name: p('string', 'The name of this custom audience.'),
  opt_out_link: p('string', 'Your opt-out URL so people can choose not to be targeted.'),
  product_set_id: p('string', 'The Product Set to target with this audience'),
  retention_days: p('int64', 'Number of days to keep the user in this cluster: 1 to 180.', { min: 1, max: 180 }),
  rule: p('string', 'Audience rule (JSON-encoded) for website, app, offline and engagement audiences.'),
  rule_aggregation: p('string', 'Aggregation rule'),
  use_for_products: p('list<enum {ADS, MARKETING_MESSAGES}>', 'use_for_products'),
  use_in_campaigns: p('bool', 'use_in_campaigns'),
};

/** POST /act_{ad_account_id}/customaudiences: every param of the reference page. */
export const createAudienceParams: Record<string, ParamSpec> = {
  ...shared,
  dataset_id: p('string', 'The offline conversion dataset associated with this audience.'),
  facebook_page_id: p('string', 'facebook_page_id'),
  is_value_based: p('bool', 'Whether the audience is used to seed a new value based lookalike audience.'),
  list_of_accounts: p('list<int64>', 'List of user and page accounts'),
  origin_audience_id: p('string', 'The ID of origin Custom Audience. The origin must have at least 100 people.'),
  pixel_id: p('string', 'The pixel associated with this audience'),
  prefill: p('bool', 'Include website traffic recorded before the audience was created.'),
  subscription_info: p('list<enum {WHATSAPP, MESSENGER}>', 'subscription_info'),
  subtype: p(subtype, 'Type of custom audience, derived from original data source.'),
};

/** POST /{custom_audience_id}: what may change after creation. */
export const updateAudienceParams: Record<string, ParamSpec> = { ...shared };

/** POST/DELETE /{custom_audience_id}/users and /usersreplace, DELETE /act_{id}/usersofanyaudience. */
export const usersParams: Record<string, ParamSpec> = {
  payload: p('Object', 'Payload representing users: {schema, data, is_raw, app_ids, page_ids, data_source}'),
  session: p('Object', 'Session: {session_id, batch_seq, last_batch_flag, estimated_num_total}'),
  namespace: p('string', 'namespace'),
};

export const listAudiencesParams: Record<string, ParamSpec> = {
  business_id: p('string', 'Assists with filters, such as recently used.'),
  fetch_primary_audience: p('bool', 'fetch_primary_audience'),
  // Read by graph/filtering itself, so its errors are Meta's (`param filtering must be an array.`).
  filtering: p('string', 'Filters: a JSON list of {field, operator, value}.'),
  pixel_id: p('string', 'Only audiences associated with this pixel.'),
};
