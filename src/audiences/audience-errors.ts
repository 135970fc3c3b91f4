import { oauth, type ErrorSpec } from '../graph/errors.js';
import { GraphError, type ErrorArgs } from '../graph/graph-error.js';

/**
 * Errors of the custom-audience domain, as data of the same shape as the protocol's
 * catalogue (src/graph/errors.ts). Texts are Meta's where recorded
 * (../shared/reference/audience-domain.md §2.7, §4.2, §4.3); docs/audiences.md lists
 * the ones graphd had to choose.
 */
export const audienceErrors = {
  payloadMissing: oauth(100, '(#100) Missing required parameter: payload'),
  missingParameters: oauth(100, '(#100) Missing parameter(s): {names}'),
  dataMismatch: oauth(100, '(#100) Data is missing or does not match schema'),
  rawPiiInvalid: oauth(100, '(#100) Raw PII type is invalid, it should be one of {keys}'),
  schemaInvalid: oauth(100, '(#100) Param payload[schema] must be one of {EMAIL_SHA256, PHONE_SHA256, MOBILE_ADVERTISER_ID, UID} or a list of keys'),
  appIdsRequired: oauth(100, '(#100) Param payload[app_ids] is required when the schema holds app-scoped user ids'),
  pageIdsRequired: oauth(100, '(#100) Param payload[page_ids] is required when the schema holds page-scoped user ids'),
  tooManyRows: oauth(105, '(#105) The number of parameters exceeded the maximum for this operation', {
    userTitle: 'Too Many Rows',
    userMessage: 'A request can add or remove at most 10000 rows; split the upload into batches of a session.',
  }),
  dataSourceFixed: oauth(
    2650,
    '(#2650) Failed to update the custom audience: This audience was created from data source {fixed}, which does not support data source {given}.',
  ),
  notCustomerList: oauth(2650, '(#2650) Failed to update the custom audience: users can only be added to audiences of subtype CUSTOM'),
  sessionSchemaChanged: oauth(2650, '(#2650) Failed to update the custom audience: every batch of a session must use the schema of its first batch'),
  sessionClosed: oauth(2650, '(#2650) Failed to update the custom audience: session {session} has ended; start a new session', { subcode: 1870159 }),
  replaceInProgress: oauth(2650, 'Audience update in progress', { subcode: 1870145, userTitle: 'Audience update in progress', userMessage: 'This audience is being updated. Wait until its status is Normal before you replace its users.' }),
  replaceTimedOut: oauth(2650, 'Replace session timed out', { subcode: 1870158, userTitle: 'Replace session timed out', userMessage: 'The 90-minute limit of the replace session was reached; the audience now holds what was uploaded.' }),
  replaceBadBatch: oauth(2650, 'Invalid upload batch for replace', { subcode: 1870147, userTitle: 'Invalid upload batch for replace', userMessage: 'A replace session must start with batch_seq 1.' }),
  replaceComplete: oauth(2650, 'Replace session complete', { subcode: 1870159, userTitle: 'Replace session complete', userMessage: 'This replace session was closed by a batch with last_batch_flag; add users with the users edge instead.' }),
  replaceTooLarge: oauth(2650, 'Data file CA size not supported for replace', { subcode: 1870144 }),
  createFailed: oauth(2654, '(#2654) Failed to create custom audience: {reason}'),
  subtypeNotSupported: oauth(2654, "(#2654) The parameter 'subtype' is not supported in the current API version.", { subcode: 1870053 }),
  duplicateLookalike: oauth(2654, "(#2654) Can't Create a Duplicate Lookalike", {
    subcode: 1713007,
    userTitle: 'Can’t Create a Duplicate Lookalike',
    userMessage: "You've already created a lookalike audience with the same source, country and size. Please try using a different source or different specifications.",
  }),
  lookalikeCountry: oauth(2654, '(#2654) Invalid Lookalike Country', {
    subcode: 1713089,
    userTitle: 'Invalid Lookalike Country',
    userMessage: '{country} cannot be recognized as a valid country for creating lookalikes, please verify the format.',
  }),
  lookalikeNoLocation: oauth(2654, '(#2654) Missing Locations in Lookalike Spec', {
    subcode: 1713159,
    userTitle: 'Missing Locations in Lookalike Spec',
    userMessage: 'The lookalike spec must contain one of location_spec or country field to create a lookalike.',
  }),
  originTooSmall: oauth(2654, '(#2654) Source Audience is Too Small', {
    userTitle: 'Source Audience is Too Small',
    userMessage: "There aren't enough people in your source in the country you chose. Please choose a country that includes at least 100 people in your source.",
  }),
  audienceLimit: oauth(2654, '(#2654) Failed to create custom audience: this ad account has reached its limit of {limit} audiences of subtype {subtype}'),
  invalidRule: oauth(100, 'Invalid rule JSON format', { subcode: 1713098, userTitle: 'Invalid Rule', userMessage: 'The rule is not valid JSON of the audience rule format: {reason}' }),
  tosNotAccepted: oauth(2663, '(#2663) Terms of service has not been accepted. To accept, go to https://www.facebook.com/customaudiences/app/tos/?act={account}'),
  eventSourceDenied: oauth(2667, "(#2667) Your account permissions don't allow you to create a custom audience for this event source."),
  hasLookalikes: oauth(2656, '(#2656) Failed to delete custom audience because associated lookalikes exist'),
  cannotUpdate: oauth(200, '(#200) The current user can not update audience', { status: 403 }),
  adsPermission: oauth(200, '(#200) Requires ads_management permission to manage the object', { status: 403 }),
  adsReadPermission: oauth(200, '(#200) Ad account owner has NOT grant ads_management or ads_read permission', { status: 403 }),
} satisfies Record<string, ErrorSpec>;

export type AudienceErrorName = keyof typeof audienceErrors;

export function audienceError(name: AudienceErrorName, args: ErrorArgs = {}): GraphError {
  const spec: ErrorSpec = audienceErrors[name];
  const fill = (text: string | undefined) => text?.replace(/\{(\w+)\}/g, (whole, key: string) => (key in args ? String(args[key]) : whole));
  return GraphError.fromSpec(spec, args, { userTitle: fill(spec.userTitle), userMessage: fill(spec.userMessage) });
}
