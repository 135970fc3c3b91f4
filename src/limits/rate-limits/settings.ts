import { LiveDocument } from '../../state/live-document.js';
import type { SharedState } from '../../state/shared-state.js';
import { accessTiers, tierBudgets, type AccessTier, type Budgets } from './budgets.js';

/** The `rate_limits` runtime setting, as /_graphd/settings shows and changes it. */
export interface RateLimitSettings {
  enabled: boolean;
  tier: AccessTier;
  /** Numbers that replace the tier's own; the rest come from the tier. */
  budgets: Partial<Budgets>;
}

export const settingsName = 'rate_limits';

/** Config.rateLimits: a tier, or off. */
export type RateLimitMode = AccessTier | 'off';

export function defaultSettings(mode: RateLimitMode): RateLimitSettings {
  return { enabled: mode !== 'off', tier: mode === 'off' ? 'standard' : mode, budgets: {} };
}

/** The tier's numbers with the overrides on top. */
export function budgetsOf(settings: RateLimitSettings): Budgets {
  return { ...tierBudgets[settings.tier], ...settings.budgets };
}

export function rateLimitDocument(state: SharedState, mode: RateLimitMode): LiveDocument<RateLimitSettings> {
  return new LiveDocument(state, settingsName, () => defaultSettings(mode), validateSettings);
}

const budgetNames = Object.keys(tierBudgets.standard) as (keyof Budgets)[];
/** Budgets that divide or make windows: zero would mean nothing, so they must be at least 1. */
const atLeastOne = new Set<keyof Budgets>(['window_seconds', 'ad_account_window_seconds', 'call_time_ms']);

/** Checks a value a person wrote; the message says what is wrong. */
export function validateSettings(value: unknown): RateLimitSettings {
  if (!isRecord(value)) throw new Error('rate_limits must be an object {enabled, tier, budgets}');
  const unknown = Object.keys(value).filter((key) => !['enabled', 'tier', 'budgets'].includes(key));
  if (unknown.length > 0) throw new Error(`rate_limits has unknown keys: ${unknown.join(', ')}`);
  const { enabled = true, tier = 'standard', budgets = {} } = value;
  if (typeof enabled !== 'boolean') throw new Error('rate_limits.enabled must be true or false');
  if (!accessTiers.includes(tier as AccessTier)) throw new Error(`rate_limits.tier must be one of ${accessTiers.join(', ')}`);
  if (!isRecord(budgets)) throw new Error('rate_limits.budgets must be an object');
  const checked: Partial<Budgets> = {};
  for (const [name, number] of Object.entries(budgets)) {
    if (!budgetNames.includes(name as keyof Budgets)) throw new Error(`rate_limits.budgets.${name} is not a budget; budgets are ${budgetNames.join(', ')}`);
    const least = atLeastOne.has(name as keyof Budgets) ? 1 : 0;
    if (!Number.isSafeInteger(number) || (number as number) < least) throw new Error(`rate_limits.budgets.${name} must be a whole number of at least ${least}`);
    checked[name as keyof Budgets] = number as number;
  }
  return { enabled, tier: tier as AccessTier, budgets: checked };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
