/**
 * The one catalogue of Graph errors graphd can answer with, as data.
 * Every entry names Meta's code, subcode, type, message template and HTTP status
 * (../shared/reference/graph-protocol.md §2). Templates use {name} placeholders.
 * Domain code throws `GraphError.of('name', {args})`; nothing else builds envelopes.
 */
export interface ErrorSpec {
  code: number;
  subcode?: number;
  type: 'OAuthException' | 'GraphMethodException' | 'FacebookApiException' | 'GraphBatchException';
  message: string;
  status: number;
  transient?: boolean;
  /** Second word of WWW-Authenticate: `OAuth "Facebook Platform" "<kind>" "<message>"`. */
  auth?: 'invalid_token' | 'invalid_request' | 'not_found' | 'unknown_error';
  userTitle?: string;
  userMessage?: string;
}

/** An OAuthException answered with 400 and WWW-Authenticate `invalid_request`, unless extra says otherwise. */
export const oauth = (code: number, message: string, extra: Partial<ErrorSpec> = {}): ErrorSpec => ({
  code,
  type: 'OAuthException',
  message,
  status: 400,
  auth: 'invalid_request',
  ...extra,
});
const token = (subcode: number | undefined, message: string): ErrorSpec =>
  oauth(190, message, { subcode, auth: 'invalid_token' });

/** A failure of the batch as a whole: GraphBatchException, code 1, HTTP 400. */
const batchError = (message: string): ErrorSpec => ({ code: 1, type: 'GraphBatchException', message, status: 400, auth: 'invalid_request' });

export const catalogue = {
  // --- server side
  unknown: oauth(1, 'An unknown error has occurred.', { status: 500, auth: 'unknown_error' }),
  unexpected: oauth(2, 'An unexpected error has occurred. Please retry your request later.', {
    status: 500,
    transient: true,
    auth: 'unknown_error',
  }),
  serviceUnavailable: oauth(2, 'Service temporarily unavailable', { status: 503, transient: true, auth: 'unknown_error' }),

  // --- access tokens (190, no "(#190)" prefix)
  tokenUnparseable: token(undefined, 'Invalid OAuth access token - Cannot parse access token'),
  tokenInvalid: token(undefined, 'Invalid OAuth access token.'),
  tokenMalformed: token(undefined, 'Malformed access token {token}'),
  tokenSignature: token(undefined, 'Invalid OAuth access token signature.'),
  tokenExpired: token(463, 'Error validating access token: Session has expired on {expiredAt}. The current time is {now}.'),
  tokenPasswordChanged: token(
    460,
    'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
  ),
  tokenLoggedOut: token(467, 'Error validating access token: The session is invalid because the user logged out.'),
  tokenNotAuthorized: token(458, 'Error validating access token: The user has not authorized application {appId}.'),
  tokenCheckpointed: token(
    459,
    'Error validating access token: You cannot access the app till you log in to www.facebook.com and follow the instructions given.',
  ),
  tokenInvalidSession: token(492, 'Error validating access token: The session is invalid.'),
  tokenRequired: oauth(104, 'An access token is required to request this resource.'),
  activeTokenRequired: oauth(2500, 'An active access token must be used to query information about the current user.'),
  unknownPathComponents: oauth(2500, 'Unknown path components: {path}'),
  sessionKeyInvalid: oauth(102, 'Session key invalid or no longer valid'),

  // --- appsecret_proof
  proofRequired: {
    code: 100,
    type: 'GraphMethodException',
    message: 'API calls from the server require an appsecret_proof argument',
    status: 400,
    auth: 'invalid_request',
  },
  proofInvalid: {
    code: 100,
    type: 'GraphMethodException',
    message: 'Invalid appsecret_proof provided in the API argument',
    status: 400,
    auth: 'invalid_request',
  },

  // --- objects, fields and paths
  unsupportedMethod: {
    code: 100,
    subcode: 33,
    type: 'GraphMethodException',
    message:
      "Unsupported {method} request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
    status: 400,
    auth: 'invalid_request',
  },
  noNodeSpecified: {
    code: 100,
    type: 'GraphMethodException',
    message: 'No node specified',
    status: 400,
    auth: 'invalid_request',
  },
  nonexistingField: oauth(100, '(#100) Tried accessing nonexisting field ({field}) on node type ({nodeType})'),
  aliasesNotFound: oauth(803, '(#803) Some of the aliases you requested do not exist: {names}', { status: 404, auth: 'not_found' }),
  usernameLookup: oauth(803, '(#803) Cannot query users by their username ({name})', { status: 404, auth: 'not_found' }),
  fieldVersion: oauth(12, '(#12) {field} is deprecated for versions {version} and higher'),
  fieldTooNew: oauth(12, '(#12) {field} requires version {version} or higher'),
  emptyIdentifier: oauth(100, '(#100) Cannot specify an empty identifier'),
  tooManyIds: oauth(100, '(#100) Too many IDs. Maximum: {max}.'),

  // --- parameters (100)
  paramRequired: oauth(100, '(#100) The parameter {name} is required'),
  paramInvalid: oauth(100, '(#100) Param {name} must be {constraint}'),
  paramInvalidGot: oauth(100, '(#100) Param {name} must be {constraint}. Instead, got {kind}.'),
  paramDatetime: oauth(100, '(#100) Parameter {name}: Must be a unixtime or a date/time representation parseable by strtotime()'),
  paramNotAllowed: oauth(100, '(#100) {message}'),
  invalidParameter: oauth(100, 'Invalid parameter'),
  malformedBody: oauth(100, '(#100) The request body could not be parsed'),
  bodyTooLarge: oauth(100, '(#100) The request body is larger than the maximum allowed', { status: 413 }),
  // Transport limits, answered before Fastify sees a request (src/server/http-server.ts; docs/reliability.md).
  requestMalformed: oauth(100, '(#100) The request could not be parsed as HTTP/1.1'),
  headersTooLarge: oauth(100, '(#100) The request line and headers are larger than the maximum allowed', { status: 431 }),
  requestTimeout: oauth(100, '(#100) The request did not arrive in time', { status: 408, transient: true }),
  limitTooLarge: oauth(100, "(#100) The 'limit' parameter should not exceed {max}"),
  invalidCursor: oauth(100, '(#100) The {which} Cursor specified is invalid'),
  fieldsSyntax: oauth(100, '(#100) Syntax error "{detail}" at character {position}: {fields}'),
  fieldsTooDeep: oauth(100, '(#100) Field expansion is nested too deeply: at most {max} levels'),
  // `filtering` (graph/filtering/README.md says which wordings are Meta's and which are ours)
  paramNotArray: oauth(100, '(#100) param {name} must be an array.'),
  // Strict mode's answer to a param the operation does not take (docs/strictness.md: wording UNCERTAIN).
  paramUnknown: oauth(100, '(#100) Param {name} is not a valid parameter'),
  filteringFieldInvalid: oauth(100, '(#100) Filtering field {field} is invalid'),
  filteringOperatorUnsupported: oauth(100, '(#100) Filtering field {field} with operator {operator} is not supported'),

  // --- batch requests (docs/batch.md says which codes and wordings are our choice)
  batchTooLarge: batchError('Too many requests in batch message. Maximum batch size is {max}'),
  // The double spaces are Meta's (graph-protocol.md §11.3).
  batchUnresolvedDependency: batchError(
    'Request {index} cannot depend on an  unresolved request with  name {name}. Requests can only depend on preceding requests',
  ),
  batchReferenceUnresolved: oauth(100, '(#100) Could not resolve the reference {reference} against the result of the request named {name}'),

  // --- versions
  unknownVersion: oauth(2500, 'Unknown path components: {path}'),
  deprecatedAdsVersion: oauth(
    2635,
    '(#2635) You are calling a deprecated version of the Ads API. Please update to the latest version: {latest}.',
  ),

  // --- permissions
  permissionsError: oauth(200, '(#200) Permissions error', { status: 403 }),
  permissionMissing: oauth(200, '(#200) Requires {permission} permission to manage the object', { status: 403 }),
  appNotAllowed: oauth(10, '(#10) Application does not have permission for this action', { status: 403 }),
  userNotVisible: oauth(210, '(#210) User not visible', { status: 403 }),
  desktopAppOtherUser: oauth(240, '(#240) Desktop applications cannot call this function for other users', { status: 403 }),
  blockedForAbuse: oauth(368, '(#368) The action attempted has been deemed abusive or is otherwise disallowed', { status: 403 }),

  // --- debug_token and oauth
  debugTokenAccess: oauth(
    100,
    '(#100) You must provide an app access token, or a user access token that is an owner or developer of the app',
  ),
  clientSecretInvalid: oauth(1, 'Error validating client secret.'),
  applicationInvalid: oauth(101, 'Error validating application. Invalid application ID.'),
  grantTypeUnsupported: oauth(100, '(#100) Unsupported grant_type: {grantType}'),
  exchangeTokenInvalid: token(undefined, 'Invalid OAuth access token.'),

  // --- rate limits (used by limits/)
  appRequestLimit: oauth(4, '(#4) Application request limit reached', { status: 403, transient: true }),
  userRequestLimit: oauth(17, '(#17) User request limit reached', { status: 403, transient: true }),
  pageRequestLimit: oauth(32, '(#32) Page request limit reached', { status: 403, transient: true }),
  apiRateLimit: oauth(613, '(#613) Calls to this api have exceeded the rate limit.', { transient: true }),
  // docs/rate-limits.md: statuses and is_transient of these three are graphd's reading of the reference.
  adAccountRateLimit: oauth(613, '(#613) Calls to this api have exceeded the rate limit.', { subcode: 1487742, transient: true }),
  customAudienceRateLimit: oauth(
    80003,
    '(#80003) There have been too many calls to this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#custom-audience.',
    { subcode: 2446079, transient: true },
  ),
  adsManagementRateLimit: oauth(
    80004,
    '(#80004) There have been too many calls to this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#ads-management.',
    { subcode: 2446079, transient: true },
  ),

  // --- pages and business assets (docs/differences.md says when graphd answers these)
  pageTokenRequired: oauth(210, '(#210) A page access token is required to request this resource.', { status: 403 }),
  assignmentTechnicalIssue: oauth(3919, '(#3919) There was an unexpected technical issue. Please try again.'),

  // --- User updates and test users (docs/differences.md says when graphd answers these)
  testAccountParamOnly: oauth(100, '(#100) Param {name} can only be set for test accounts'),
  testUserLimit: oauth(2900, '(#2900) Too many test accounts'),
  testUserSoleApp: oauth(2902, '(#2902) Cannot remove test account from this app'),
  notATestAccount: oauth(2903, '(#2903) Cannot delete this test account'),
  testAccountOfOtherApps: oauth(
    2903,
    '(#2903) Cannot delete this test account because it is associated with other applications. Use DELETE <app_id>/accounts/test-users?uid=<test_account_id> to remove it from other apps first. Use GET test_user_id/ownerapps to get complete list of owner apps.',
  ),
  ogTestUser: oauth(2904, '(#2904) Cannot delete the OG Test User'),
} satisfies Record<string, ErrorSpec>;

export type ErrorName = keyof typeof catalogue;
