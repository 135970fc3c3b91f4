import { describe, expect, it } from 'vitest';
import { adAccountUsage, appUsage, businessUseCaseUsage } from '../../src/limits/rate-limits/usage-headers.js';
import { openWindow, takeTotals, type Window } from '../../src/limits/rate-limits/windows.js';

/** A window of `budget` calls at 100 ms each, holding `calls` calls that took `ms`. */
function windowOf(budget: number, calls: number, ms: number, now = 0, length = 3600): Window {
  const window = openWindow('scope', length, now, budget, 100);
  takeTotals([window], [calls, ms]);
  return window;
}

describe('usage headers', () => {
  it('X-App-Usage: integer percents in the order call_count, total_cputime, total_time', () => {
    const header = appUsage(windowOf(200, 57, 5000));
    expect(header).toBe('{"call_count":28,"total_cputime":25,"total_time":25}');
    expect(Object.keys(JSON.parse(header))).toEqual(['call_count', 'total_cputime', 'total_time']);
  });

  it('X-Ad-Account-Usage: a float percent, seconds to reset and the access tier', () => {
    const usage = { adAccountId: '42', useCases: [{ type: 'custom_audience' as const, window: windowOf(300, 29, 0, 3500) }] };
    expect(JSON.parse(adAccountUsage(usage, 3500, 'standard_access'))).toEqual({ acc_id_util_pct: 9.67, reset_time_duration: 100, ads_api_access_tier: 'standard_access' });
  });

  it('X-Ad-Account-Usage follows the ad-account score window when it is enforced', () => {
    const score = openWindow('ad_account:42', 300, 0, 60, 100, false);
    takeTotals([score], [30]);
    const usage = { adAccountId: '42', useCases: [{ type: 'ads_management' as const, window: windowOf(300, 3, 0) }], score };
    expect(JSON.parse(adAccountUsage(usage, 120, 'development_access'))).toEqual({ acc_id_util_pct: 50, reset_time_duration: 180, ads_api_access_tier: 'development_access' });
  });

  it('X-Business-Use-Case-Usage: keyed by the account id without act_, the tier only on ads_management, minutes to regain access', () => {
    const header = businessUseCaseUsage(
      [
        { adAccountId: '42', useCases: [{ type: 'custom_audience', window: windowOf(2, 3, 150, 0) }] },
        { adAccountId: '43', useCases: [{ type: 'ads_management', window: windowOf(100, 10, 200, 0) }] },
      ],
      600,
      'standard_access',
    );
    expect(JSON.parse(header)).toEqual({
      '42': [{ type: 'custom_audience', call_count: 150, total_cputime: 75, total_time: 75, estimated_time_to_regain_access: 50 }],
      '43': [{ type: 'ads_management', call_count: 10, total_cputime: 2, total_time: 2, estimated_time_to_regain_access: 0, ads_api_access_tier: 'standard_access' }],
    });
    expect(Object.keys(JSON.parse(header)['42'][0])).toEqual(['type', 'call_count', 'total_cputime', 'total_time', 'estimated_time_to_regain_access']);
  });

  it('lists at most 32 objects, as Meta does', () => {
    const accounts = Array.from({ length: 40 }, (_, i) => ({ adAccountId: String(i + 1), useCases: [{ type: 'ads_management' as const, window: windowOf(10, 1, 0) }] }));
    expect(Object.keys(JSON.parse(businessUseCaseUsage(accounts, 0, 'standard_access')))).toHaveLength(32);
  });
});
