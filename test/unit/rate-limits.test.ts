import { describe, expect, it } from 'vitest';
import { configFrom } from '../../src/cli/config.js';
import { callPoints, customAudienceBudget, tierBudgets } from '../../src/limits/rate-limits/budgets.js';
import { budgetsOf, defaultSettings, validateSettings } from '../../src/limits/rate-limits/settings.js';
import { useCaseOf } from '../../src/limits/rate-limits/use-case.js';
import { countChanges, isThrottled, minutesToRegainAccess, openWindow, takeTotals } from '../../src/limits/rate-limits/windows.js';

describe('use-case classification', () => {
  const target = (nodeType: string, edge?: string, adAccountId: string | null = '42') => ({ method: 'GET' as const, nodeType, id: 'x', edge, adAccountId: adAccountId ?? undefined });

  it('counts CustomAudience nodes and the ad account audience edges as custom_audience', () => {
    expect(useCaseOf(target('CustomAudience'))).toBe('custom_audience');
    expect(useCaseOf(target('CustomAudience', 'users'))).toBe('custom_audience');
    expect(useCaseOf(target('AdAccount', 'customaudiences'))).toBe('custom_audience');
    expect(useCaseOf(target('AdAccount', 'customaudiencestos'))).toBe('custom_audience');
    expect(useCaseOf(target('AdAccount', 'usersofanyaudience'))).toBe('custom_audience');
  });

  it('counts any other ad-account call as ads_management, and calls off any ad account as neither', () => {
    expect(useCaseOf(target('AdAccount'))).toBe('ads_management');
    expect(useCaseOf(target('AdAccount', 'assigned_users'))).toBe('ads_management');
    expect(useCaseOf(target('User', undefined, null))).toBeUndefined();
    expect(useCaseOf(target('root', undefined, null))).toBeUndefined();
  });
});

describe('budgets', () => {
  it("follows the reference's custom_audience formula: base + 40 x active audiences, capped at 700000", () => {
    const standard = tierBudgets.standard;
    const development = tierBudgets.development;
    expect(customAudienceBudget(development, 0)).toBe(5000);
    expect(customAudienceBudget(development, 10)).toBe(5400);
    expect(customAudienceBudget(standard, 0)).toBe(190_000);
    expect(customAudienceBudget(standard, 1000)).toBe(230_000);
    expect(customAudienceBudget(standard, 12_750)).toBe(700_000);
    expect(customAudienceBudget(standard, 100_000)).toBe(700_000);
    expect(customAudienceBudget({ ...standard, custom_audience_calls: 10, per_active_audience: 2, custom_audience_cap: 15 }, 2)).toBe(14);
  });

  it('gives ads_management 300 calls in development and 100000 in standard, and the score 1 point a read, 3 a write', () => {
    expect(tierBudgets.development.ads_management_calls).toBe(300);
    expect(tierBudgets.standard.ads_management_calls).toBe(100_000);
    expect([callPoints('GET'), callPoints('POST'), callPoints('DELETE')]).toEqual([1, 3, 3]);
  });

  it('lays overrides over the tier and starts from Config.rateLimits', () => {
    expect(defaultSettings('off')).toEqual({ enabled: false, tier: 'standard', budgets: {} });
    expect(defaultSettings('development')).toEqual({ enabled: true, tier: 'development', budgets: {} });
    const budgets = budgetsOf({ enabled: true, tier: 'development', budgets: { app_calls: 3 } });
    expect(budgets).toEqual({ ...tierBudgets.development, app_calls: 3 });
  });
});

describe('rate_limits settings validation', () => {
  it('accepts a partial document and fills the rest', () => {
    expect(validateSettings({ budgets: { custom_audience_calls: 2 } })).toEqual({ enabled: true, tier: 'standard', budgets: { custom_audience_calls: 2 } });
    expect(validateSettings({ enabled: false, tier: 'development' })).toEqual({ enabled: false, tier: 'development', budgets: {} });
  });

  it('refuses what is not a setting, saying what is wrong', () => {
    expect(() => validateSettings([])).toThrow(/must be an object/);
    expect(() => validateSettings({ tier: 'advanced' })).toThrow(/tier must be one of development, standard/);
    expect(() => validateSettings({ enabled: 'yes' })).toThrow(/enabled must be true or false/);
    expect(() => validateSettings({ limit: 3 })).toThrow(/unknown keys: limit/);
    expect(() => validateSettings({ budgets: { calls: 3 } })).toThrow(/budgets.calls is not a budget/);
    expect(() => validateSettings({ budgets: { app_calls: -1 } })).toThrow(/app_calls must be a whole number of at least 0/);
    expect(() => validateSettings({ budgets: { window_seconds: 0 } })).toThrow(/window_seconds must be a whole number of at least 1/);
    expect(() => validateSettings({ budgets: { user_calls: 2.5 } })).toThrow(/user_calls/);
  });
});

describe('windows', () => {
  it('are aligned on the clock, so every process ends them alike, with counters that expire at the end', () => {
    const a = openWindow('app:1', 3600, 7200 + 10, 5, 100);
    const b = openWindow('app:1', 3600, 7200 + 3599, 5, 100);
    const next = openWindow('app:1', 3600, 10_800, 5, 100);
    expect(a.key).toBe('rl:app:1:3600');
    expect(a.endsAt).toBe(b.endsAt);
    expect(a.endsAt).toBe(10_800);
    expect(next.endsAt).toBe(14_400);
    expect(a.timeBudgetMs).toBe(500);
    expect(countChanges([a], [1], 7210)).toEqual([
      { key: a.key, by: 1, windowSeconds: 3590 },
      { key: a.timeKey, by: 0, windowSeconds: 3590 },
    ]);
  });

  it('throttle past the call or the time budget, and say how many minutes are left, rounded up', () => {
    const window = openWindow('x', 3600, 0, 2, 100);
    takeTotals([window], [2, 200]);
    expect(isThrottled(window)).toBe(false);
    expect(minutesToRegainAccess(window, 0)).toBe(0);
    takeTotals([window], [3, 0]);
    expect(isThrottled(window)).toBe(true);
    expect(minutesToRegainAccess(window, 0)).toBe(60);
    expect(minutesToRegainAccess(window, 3600 - 61)).toBe(2);
    takeTotals([window], [1, 201]);
    expect(isThrottled(window)).toBe(true);
  });
});

describe('--rate-limits / GRAPHD_RATE_LIMITS', () => {
  it('defaults to standard, takes a tier or off, the flag winning over the environment, and refuses anything else', () => {
    expect(configFrom({}, {}).rateLimits).toBe('standard');
    expect(configFrom({}, { GRAPHD_RATE_LIMITS: 'development' }).rateLimits).toBe('development');
    expect(configFrom({ rateLimits: 'off' }, { GRAPHD_RATE_LIMITS: 'development' }).rateLimits).toBe('off');
    expect(() => configFrom({ rateLimits: 'advanced' }, {})).toThrow('--rate-limits must be development, standard or off: advanced');
  });
});
