import type { FaultRule } from './fault-rule.js';
import { needsRoute } from './fault-rule.js';
import { pathPattern } from './path-pattern.js';

/** What a call shows the matcher: the request side always, the route once routing resolved it. */
export interface FaultSubject {
  method: string;
  /** The path as sent (with its version prefix) and without it: a pattern may match either. */
  paths: string[];
  appId?: string;
  token?: string;
  route?: { nodeType: string; edge?: string; adAccountId?: string };
}

export interface CompiledFault {
  rule: FaultRule;
  /** Checked in onRoute (it names a node, edge or ad account) rather than in beforeCall. */
  onRoute: boolean;
  matches(subject: FaultSubject): boolean;
}

export function compileFault(rule: FaultRule): CompiledFault {
  const { method, path, node, edge, app_id, ad_account_id, token } = rule.match;
  const pattern = path === undefined ? undefined : pathPattern(path);
  return {
    rule,
    onRoute: needsRoute(rule),
    matches: (subject) =>
      (method === undefined || subject.method === method) &&
      (pattern === undefined || subject.paths.some((candidate) => pattern.test(candidate))) &&
      (app_id === undefined || subject.appId === app_id) &&
      (token === undefined || subject.token === token) &&
      (node === undefined || subject.route?.nodeType === node) &&
      (edge === undefined || subject.route?.edge === edge) &&
      (ad_account_id === undefined || subject.route?.adAccountId === ad_account_id),
  };
}
