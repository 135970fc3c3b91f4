/**
 * A fault rule: which Graph calls it picks (`match`), how often (probability, count) and
 * what it does to them (a delay, a Graph error, or a transport fault). The stored form is
 * normalised: defaults filled in, methods upper-case, ad account ids without `act_`.
 * docs/faults.md is the reference for people writing rules.
 */
export interface FaultMatch {
  method?: 'GET' | 'POST' | 'DELETE';
  /** A glob over the path (`/v*\/act_*\/customaudiences`), or a regular expression when it starts with `^`. */
  path?: string;
  /** Schema type name of the node the call reached (CustomAudience, User ...). */
  node?: string;
  edge?: string;
  app_id?: string;
  /** Numeric, without `act_`. */
  ad_account_id?: string;
  /** The raw access token of the call. */
  token?: string;
}

export type FaultErrorType = 'OAuthException' | 'GraphMethodException' | 'FacebookApiException' | 'GraphBatchException';

/** A Graph error exactly as the envelope will carry it. */
export interface FaultError {
  code: number;
  error_subcode?: number;
  message: string;
  type: FaultErrorType;
  is_transient: boolean;
  /** HTTP status of the answer. */
  status: number;
  error_user_title?: string;
  error_user_msg?: string;
}

export type FaultTransportKind = 'reset' | 'html' | 'truncated' | 'stall';

export interface FaultRule {
  id: string;
  match: FaultMatch;
  /** Chance (0..1) that a matching call is hit. */
  probability: number;
  /** Hits at most this many calls, counted across every process. */
  count?: number;
  /** Delay before the effect, or before the normal answer when there is no other effect. */
  latency_ms?: number;
  error?: FaultError;
  transport?: FaultTransportKind;
  /** HTTP status of the `html` page. */
  status?: number;
  /** How long a `stall` holds the connection before closing it. */
  stall_seconds?: number;
}

/** Criteria only routing knows: such rules are checked once the call's target is resolved. */
export const routeCriteria = ['node', 'edge', 'ad_account_id'] as const;

export const needsRoute = (rule: FaultRule): boolean => routeCriteria.some((name) => rule.match[name] !== undefined);

/** A rule someone wrote is wrong; the message names the rule and the field. */
export class FaultRuleError extends Error {
  override readonly name = 'FaultRuleError';
}
