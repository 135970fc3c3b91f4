/**
 * Params the Graph protocol itself reads on any call, whatever the operation declares:
 * the token and its proof, field selection, output modifiers, paging, multi-id, batch, and
 * what the SDKs and Graph Explorer add on their own (graph-protocol.md §7.3). Strict
 * validation never calls these unknown.
 */
export const globalParams: ReadonlySet<string> = new Set([
  // auth (§8)
  'access_token',
  'appsecret_proof',
  'appsecret_time',
  // selection and introspection
  'fields',
  'metadata',
  'debug',
  // output modifiers
  'method',
  'pretty',
  'suppress_http_code',
  'format',
  'callback',
  'locale',
  'date_format',
  'migrations_override',
  // paging (§5), multi-id (§6), batch (§11)
  'limit',
  'after',
  'before',
  'offset',
  'since',
  'until',
  'summary',
  'ids',
  'batch',
  'include_headers',
  // The Node business SDK sends the object's own id with every update, delete and edge create.
  'id',
  // added by the JavaScript SDK and Graph Explorer
  'sdk',
  'transport',
  'origin_graph_explorer',
  '_reqName',
  '_reqSrc',
]);
