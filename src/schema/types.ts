import type { FieldNode } from '../graph/fields/ast.js';
import type { EdgePage, PageRequest, PagingLimits } from '../graph/paging.js';
import type { ParamSpec } from '../graph/params/coerce.js';
import type { Viewer } from '../identity/viewer.js';
import type { AudienceTransitions } from '../audiences/transitions-request.js';
import type { Store } from '../store/types.js';

/** What every resolver and operation receives besides its input. Nothing HTTP-shaped. */
export interface Context {
  viewer: Viewer;
  store: Store;
  /** Graph major version of the request, e.g. 21. */
  major: number;
  /** Unix seconds, from the server's clock (tests move it). */
  now: number;
  /** Absolute URL of the request's version root, e.g. http://127.0.0.1:8080/v21.0 */
  versionUrl: string;
  /** The raw access token as the client sent it (for paging and metadata URLs). */
  accessToken?: string;
  /** The server's own origin, e.g. http://127.0.0.1:8080 */
  origin: string;
  /** Per-install secret that keys derived ids (token_for_business, id_for_avatars). */
  salt: string;
  /** How audience changes settle for this request (global async_state mode; whether it is a read). */
  audienceSettings: AudienceTransitions;
  /** Config.testUsersPerApp; absent means Meta's 2000. */
  testUsersPerApp?: number;
  /** Config.loose: writes accept params their operation does not declare (docs/strictness.md). */
  looseParams?: boolean;
  /**
   * Told what a call reached once routing knows it (node type, edge, ad account), before
   * the call runs; throwing a GraphError refuses the call. The server hangs rate limits
   * and faults here without the schema knowing of either.
   */
  onRoute?: (target: RouteTarget) => Promise<void>;
}

/** What a Graph call resolved to: `/act_1/customaudiences` is AdAccount + customaudiences. */
export interface RouteTarget {
  method: 'GET' | 'POST' | 'DELETE';
  /** Schema type name, or `root` for /debug_token and /oauth/access_token. */
  nodeType: string;
  /** The id as the path gave it (`me`, `act_1`, a numeric id), or the root path. */
  id: string;
  edge?: string;
  /** The numeric ad account id (no `act_`) the node belongs to, when it belongs to one. */
  adAccountId?: string;
}

/** A version window in Graph major versions: available when since <= major < until. */
export interface VersionWindow {
  since?: number;
  until?: number;
}

export interface FieldDef<N> extends VersionWindow {
  /** Graph type in Meta's notation: string, numeric string, bool, int, float, datetime, list<string>, or a type name. */
  type: string;
  description: string;
  /** Permission needed to see the value; the node type's `canSee` decides. */
  permission?: string;
  /** "Returns no data as of April 4, 2018": accepted, never returned. */
  noData?: boolean;
  deprecated?: boolean;
  /** Rendered as `{data: value}`, as Meta nests `picture`. */
  wrapInData?: boolean;
  /** Defaults to node[name]. Undefined or null leaves the field out of the response. */
  resolve?: (node: N, ctx: Context, selection: FieldNode) => unknown;
}

export interface OperationResult {
  /** The response body; a node id to read back when the request asked for `fields`. */
  body: Record<string, unknown>;
  readBack?: { type: string; id: string };
}

export interface OperationDef<N> {
  description: string;
  /** False for the few writes Meta takes without a token (SDK crash reports). */
  needsToken?: boolean;
  params: Record<string, ParamSpec>;
  /** Graph type of the response, for docs: e.g. `Struct {success: bool}`. */
  returns: string;
  run(node: N, params: Record<string, any>, ctx: Context): Promise<OperationResult>;
}

export type EdgeListing<T = unknown> = EdgePage<T> & { total?: number };

/** A non-paged answer an edge can give instead of a list (picture's redirect). */
export interface RawAnswer {
  raw: { status: number; headers: Record<string, string>; body?: string };
}

export interface EdgeDef<N> extends VersionWindow {
  /** Type of the items, a name in the schema table. */
  type: string;
  description: string;
  permission?: string;
  limits?: PagingLimits;
  params?: Record<string, ParamSpec>;
  /** Absent on write-only edges (e.g. an app's crash-report `instruments`). */
  list?(node: N, page: PageRequest, params: Record<string, any>, ctx: Context): Promise<EdgeListing>;
  count?(node: N, params: Record<string, any>, ctx: Context): Promise<number>;
  /** Replaces the paged list on a direct GET of the edge, when the edge answers otherwise. */
  get?(node: N, params: Record<string, any>, ctx: Context): Promise<RawAnswer | Record<string, unknown> | undefined>;
  post?: OperationDef<N>;
  delete?: OperationDef<N>;
  /** `/{node}/{edge}/{key}`: e.g. /me/permissions/email. */
  child?: {
    get?: (node: N, key: string, ctx: Context) => Promise<EdgeListing>;
    delete?: OperationDef<N & { childKey: string }>;
    /**
     * The key is this param of the edge itself: `/{node}/{edge}/{key}` is answered as
     * `/{node}/{edge}?{keyParam}={key}` (an app's `accounts/test-users`).
     */
    keyParam?: string;
  };
}

export interface TypeDef<N = any> {
  name: string;
  description: string;
  /** Fields answered when the request has no `fields`. `id` is always added for nodes. */
  defaultFields: string[];
  fields: Record<string, FieldDef<N>>;
  edges?: Record<string, EdgeDef<N>>;
  /** Node types resolve ids; plain structs (AgeRange, Permission) have no load. */
  load?(id: string, ctx: Context): Promise<N | undefined>;
  /** Whether the viewer may see a permission-gated field of this node. */
  canSee?(permission: string, node: N, ctx: Context): boolean;
  update?: OperationDef<N>;
  delete?: OperationDef<N>;
  /** Lower-case name shown as metadata.type; defaults to name.toLowerCase(). */
  metadataType?: string;
  /** The numeric id of the ad account this node is or belongs to (rate limits, faults). */
  adAccountOf?(node: N): string | undefined;
}

/** Endpoints that hang off the root rather than a node: /debug_token, /oauth/access_token. */
export interface RootEndpoint {
  description: string;
  method: 'GET' | 'POST';
  params: Record<string, ParamSpec>;
  /** Whether an access token must come with the call. */
  needsToken: boolean;
  returns: string;
  run(params: Record<string, any>, ctx: Context): Promise<Record<string, unknown>>;
}

export interface SchemaTable {
  types: TypeDef[];
  roots: Record<string, RootEndpoint>;
}
