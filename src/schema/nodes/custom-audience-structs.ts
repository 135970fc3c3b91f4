import type { TypeDef } from '../types.js';

const fields = (entries: Record<string, [string, string]>) =>
  Object.fromEntries(Object.entries(entries).map(([name, [type, description]]) => [name, { type, description }]));

const struct = (name: string, description: string, entries: Record<string, [string, string]>): TypeDef => ({
  name,
  description,
  defaultFields: Object.keys(entries),
  fields: fields(entries),
});

/** The value types a CustomAudience is read through (specs/CustomAudience*.json). */
export const customAudienceStructs: TypeDef[] = [
  struct('CustomAudienceStatus', 'operation_status / delivery_status of an audience', {
    code: ['unsigned int', 'Status code'],
    description: ['string', 'What the code means'],
  }),
  struct('CustomAudienceDataSource', 'How the audience was made', {
    type: ['string', 'UNKNOWN, FILE_IMPORTED, EVENT_BASED, SEED_BASED, ...'],
    sub_type: ['string', 'HASHES_OR_USER_IDS, MULTI_HASHES, LOOKALIKE_PLATFORM, ...'],
    creation_params: ['string', 'Creation params (JSON)'],
  }),
  struct('AudiencePermissionForActions', 'What the viewer may do with the audience', {
    can_edit: ['bool', 'May edit'],
    can_see_insight: ['bool', 'May see insights'],
    can_share: ['bool', 'May share'],
    subtype_supports_lookalike: ['bool', 'May seed a lookalike'],
    supports_recipient_lookalike: ['bool', 'A recipient may seed a lookalike'],
  }),
  struct('CustomAudienceSharingStatus', 'Sharing state', {
    sharing_relationship_id: ['unsigned int', 'Relationship id'],
    status: ['string', 'Status'],
  }),
  struct('LookalikeSpec', 'How a lookalike is built', {
    type: ['string', 'similarity, reach or custom_ratio'],
    ratio: ['float', 'Share of the country population'],
    starting_ratio: ['float', 'Start of the band'],
    country: ['string', 'Country (ISO alpha-2)'],
    origin: ['list<Object>', 'Seeds: {id, type}'],
    target_countries: ['list<string>', 'Countries'],
    is_financial_service: ['bool', 'Financial service'],
  }),
  {
    ...struct('CustomAudienceSession', 'An upload session; every field is a string, as Meta returns them', {
      session_id: ['string', 'Session id'],
      start_time: ['string', 'Unix time of the first batch'],
      end_time: ['string', 'Unix time it ended; 0 while open'],
      num_received: ['string', 'Rows received'],
      num_invalid_entries: ['string', 'Invalid rows'],
      num_matched: ['string', 'Matched people; -1 until known'],
      progress: ['string', 'Percent'],
      stage: ['string', 'uploading, processing or finished'],
    }),
  },
  struct('CustomAudiencesTOS', 'A terms-of-service document for custom audiences', {
    id: ['string', 'Id'],
    type: ['string', 'Type'],
    content: ['string', 'Text'],
  }),
  struct('CustomAudienceAdAccount', 'An ad account an audience is shared with', {
    id: ['string', 'Ad account id (no act_ prefix)'],
  }),
];
