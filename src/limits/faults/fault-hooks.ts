import type { GraphCall, GraphHooks } from '../../server/graph-hooks.js';
import type { RouteTarget } from '../../schema/types.js';
import type { SharedState } from '../../state/shared-state.js';
import type { FaultRule } from './fault-rule.js';
import { playFault } from './fault-effect.js';
import { faultRulesDocument, firedKey, firedWindowSeconds } from './fault-rules.js';
import { compileFault, type CompiledFault, type FaultSubject } from './match-fault.js';

/**
 * Fault injection on the Graph request path. Rules naming a node, edge or ad account wait
 * for routing (onRoute); the others are checked as soon as the viewer is known (beforeCall),
 * so they also hit calls that routing would refuse.
 */
export function faultHooks(state: SharedState): GraphHooks {
  const document = faultRulesDocument(state);
  const compiled = new WeakMap<FaultRule[], CompiledFault[]>();
  // Counts only grow while a rule lives, so a spent rule stops costing a round trip.
  const spent = new WeakSet<FaultRule>();

  const faults = async (): Promise<CompiledFault[]> => {
    const rules = await document.current();
    let list = compiled.get(rules);
    if (!list) compiled.set(rules, (list = rules.map(compileFault)));
    return list;
  };

  /** Counts a hit; false when the rule already hit its count. */
  const claim = async (rule: FaultRule): Promise<boolean> => {
    if (spent.has(rule)) return false;
    const [fired] = await state.increment([{ key: firedKey(rule.id), by: 1, windowSeconds: firedWindowSeconds }]);
    if (rule.count === undefined || fired <= rule.count) return true;
    spent.add(rule);
    return false;
  };

  const strike = async (call: GraphCall, onRoute: boolean, target?: RouteTarget): Promise<void> => {
    const list = await faults();
    if (list.length === 0) return;
    const subject = subjectOf(call, target);
    for (const fault of list) {
      if (fault.onRoute !== onRoute || !fault.matches(subject)) continue;
      if (Math.random() >= fault.rule.probability || !(await claim(fault.rule))) continue;
      await playFault(fault.rule);
    }
  };

  return {
    beforeCall: (call) => strike(call, false),
    onRoute: (call, target) => strike(call, true, target),
  };
}

function subjectOf(call: GraphCall, target: RouteTarget | undefined): FaultSubject {
  const request = call.request;
  return {
    method: request?.method ?? call.method,
    paths: request ? [call.path, '/' + request.segments.join('/')] : [call.path],
    appId: call.viewer?.app?.id,
    token: request?.accessToken,
    route: target,
  };
}
