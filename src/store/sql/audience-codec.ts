import type { Selectable } from 'kysely';
import type { CustomAudiencePatch, CustomAudienceRow } from '../audience-types.js';
import type { CustomAudiencesTable } from '../database.js';
import type { FilterFieldMap } from '../../graph/filtering/filtering-compiler.js';
import { defined, fromFlag, fromJson, toFlag, toJson } from './codec.js';

export function toAudience({ seq: _seq, ...row }: Selectable<CustomAudiencesTable>): CustomAudienceRow {
  return {
    ...row,
    is_value_based: fromFlag(row.is_value_based),
    lookalike_spec: row.lookalike_spec === null ? null : fromJson<Record<string, unknown>>(row.lookalike_spec),
    attributes: fromJson<Record<string, unknown>>(row.attributes),
  };
}

export function toColumns(patch: CustomAudiencePatch): Partial<CustomAudiencesTable> {
  const { is_value_based, lookalike_spec, attributes, ...plain } = defined(patch);
  return {
    ...plain,
    ...(is_value_based === undefined ? {} : { is_value_based: toFlag(is_value_based) }),
    ...(lookalike_spec === undefined ? {} : { lookalike_spec: lookalike_spec === null ? null : toJson(lookalike_spec) }),
    ...(attributes === undefined ? {} : { attributes: toJson(attributes) }),
  };
}

const column = (name: keyof CustomAudiencesTable) => `custom_audiences.${name}`;

/** What `filtering` on an ad account's customaudiences edge may name, and where it is stored. */
export const AUDIENCE_FILTER_FIELDS: FilterFieldMap = {
  id: { column: column('id'), type: 'string' },
  account_id: { column: column('ad_account_id'), type: 'string' },
  name: { column: column('name'), type: 'string' },
  description: { column: column('description'), type: 'string' },
  subtype: { column: column('subtype'), type: 'string' },
  customer_file_source: { column: column('customer_file_source'), type: 'string' },
  retention_days: { column: column('retention_days'), type: 'number' },
  is_value_based: { column: column('is_value_based'), type: 'bool' },
  time_created: { column: column('time_created'), type: 'time' },
  time_updated: { column: column('time_updated'), type: 'time' },
  time_content_updated: { column: column('time_content_updated'), type: 'time' },
  delete_time: { column: column('delete_time'), type: 'time' },
  'operation_status.code': { column: column('operation_status'), type: 'number' },
  // No approximate_count_* fields: filtering on the exact member count would disclose sizes
  // that the bounds round away (docs/audiences.md).
  'data_source.type': { column: column('data_source_type'), type: 'string' },
  'data_source.sub_type': { column: column('data_source_sub_type'), type: 'string' },
  pixel_id: { column: column('pixel_id'), type: 'string' },
  origin_audience_id: { column: column('origin_audience_id'), type: 'string' },
};
