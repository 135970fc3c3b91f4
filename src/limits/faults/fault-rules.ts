import { LiveDocument } from '../../state/live-document.js';
import type { SharedState } from '../../state/shared-state.js';
import { FaultRuleError, type FaultRule } from './fault-rule.js';
import { parseFaultRule } from './parse-fault-rule.js';

/**
 * The fault rules of an install: one shared document every process obeys, plus a counter
 * per rule of the calls it hit (shared too, so `count` holds across processes).
 */
export const faultsDocument = 'faults';

/** Counters live under `faults:`, which the document's own name never starts with. */
export const firedKey = (id: string) => `faults:${id}:fired`;
const firedPrefix = (id: string) => `faults:${id}:`;
/** Long enough never to expire while a rule exists; adding or removing a rule resets it. */
export const firedWindowSeconds = 10 * 365 * 24 * 3600;

export interface ListedFaultRule extends FaultRule {
  /** Calls the rule hit so far (never more than its count). */
  fired: number;
}

/** The rules as the request path reads them: cached until any process changes them. */
export function faultRulesDocument(state: SharedState): LiveDocument<FaultRule[]> {
  return new LiveDocument<FaultRule[]>(state, faultsDocument, () => [], parseFaultRules);
}

export function parseFaultRules(input: unknown): FaultRule[] {
  if (!Array.isArray(input)) throw new FaultRuleError('fault rules must be a list');
  const rules = input.map((rule, index) => parseFaultRule(rule, index + 1));
  const ids = rules.map((rule) => rule.id);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated !== undefined) throw new FaultRuleError(`fault rule "${repeated}": id is given twice`);
  return rules;
}

/**
 * Adds rules (a rule with the id of an existing one replaces it and starts counting again).
 * Checks every rule before storing any; throws a FaultRuleError naming the bad rule and field.
 */
export async function addFaultRules(state: SharedState, input: unknown[]): Promise<{ id: string }[]> {
  const added = parseFaultRules(input);
  const ids = new Set(added.map((rule) => rule.id));
  const kept = (await storedRules(state)).filter((rule) => !ids.has(rule.id));
  await Promise.all([...ids].map((id) => state.clear(firedPrefix(id))));
  await state.setDocument(faultsDocument, [...kept, ...added]);
  return added.map(({ id }) => ({ id }));
}

export async function listFaultRules(state: SharedState): Promise<ListedFaultRule[]> {
  const rules = await storedRules(state);
  const fired = await state.read(rules.map((rule) => firedKey(rule.id)));
  return rules.map((rule, index) => ({ ...rule, fired: Math.min(fired[index], rule.count ?? Infinity) }));
}

/** False when no rule has that id. */
export async function removeFaultRule(state: SharedState, id: string): Promise<boolean> {
  const rules = await storedRules(state);
  const kept = rules.filter((rule) => rule.id !== id);
  if (kept.length === rules.length) return false;
  await state.setDocument(faultsDocument, kept);
  await state.clear(firedPrefix(id));
  return true;
}

/** Removes every rule; returns how many there were. */
export async function clearFaultRules(state: SharedState): Promise<number> {
  const rules = await storedRules(state);
  await state.setDocument(faultsDocument, []);
  await state.clear('faults:');
  return rules.length;
}

async function storedRules(state: SharedState): Promise<FaultRule[]> {
  return (await state.getDocument<FaultRule[]>(faultsDocument)) ?? [];
}
