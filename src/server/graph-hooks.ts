import type { GraphError } from '../graph/graph-error.js';
import type { GraphRequest } from '../graph/request.js';
import type { Viewer } from '../identity/viewer.js';
import type { RouteTarget } from '../schema/types.js';

/** One Graph call as it goes through the server: what hooks, the journal and batch see. */
export interface GraphCall {
  /** Milliseconds since the epoch when the call arrived. */
  startedAt: number;
  method: string;
  /** The URL path without the query. */
  path: string;
  request?: GraphRequest;
  viewer?: Viewer;
  /** Set once routing resolved the call (node type, edge, ad account). */
  target?: RouteTarget;
  /** The answer: its status and, when it failed, the Graph error. */
  status?: number;
  error?: GraphError;
  /** fbtrace_id / x-fb-request-id of the answer. */
  traceId?: string;
  /** Set when the call is one operation of a batch request. */
  batch?: { index: number };
}

/** A way to break the connection that Meta's edge really produces (played by server/). */
export type TransportFault =
  | { kind: 'reset' }
  | { kind: 'html'; status: number }
  | { kind: 'truncated' }
  | { kind: 'stall'; seconds: number };

/** Thrown by a hook to answer with a transport fault instead of a Graph response. */
export class TransportFaultSignal extends Error {
  constructor(readonly fault: TransportFault) {
    super(`transport fault: ${fault.kind}`);
  }
}

/**
 * What operating the twin hangs on the request path (rate limits, faults, the journal),
 * without the Graph handler knowing any of them. Each hook may throw a GraphError to
 * refuse the call, or a TransportFaultSignal.
 */
export interface GraphHooks {
  /** The viewer is known; routing has not started. */
  beforeCall?(call: GraphCall): Promise<void>;
  /** Routing resolved the call's target; it has not run yet. */
  onRoute?(call: GraphCall, target: RouteTarget): Promise<void>;
  /** Headers to add to the answer, success or error (usage headers). */
  responseHeaders?(call: GraphCall): Promise<Record<string, string> | undefined>;
  /** The answer was sent (or the connection broken). Must not throw. */
  afterCall?(call: GraphCall): void;
}
