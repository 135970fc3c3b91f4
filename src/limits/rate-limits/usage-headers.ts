import type { UseCase } from './use-case.js';
import { callPercent, minutesToRegainAccess, secondsLeft, timePercent, type Window } from './windows.js';

/** What one call used of one ad account's budgets. */
export interface AccountUsage {
  /** Numeric, without `act_`: the key of X-Business-Use-Case-Usage. */
  adAccountId: string;
  useCases: { type: UseCase; window: Window }[];
  /** The ad-account level score window, when it is enforced. */
  score?: Window;
}

/** Meta lists at most this many objects in X-Business-Use-Case-Usage. */
const maxObjects = 32;

/** X-App-Usage: `{"call_count":28,"total_cputime":25,"total_time":25}`, integer percents. */
export function appUsage(window: Window): string {
  const time = timePercent(window);
  return `{"call_count":${callPercent(window)},"total_cputime":${time},"total_time":${time}}`;
}

/**
 * X-Ad-Account-Usage: `{"acc_id_util_pct":9.67,"reset_time_duration":100,"ads_api_access_tier":"standard_access"}`,
 * for the ad-account level window when enforced, else the fullest use-case window of the account.
 */
export function adAccountUsage(account: AccountUsage, now: number, tier: string): string {
  const window = account.score ?? fullest(account.useCases.map((each) => each.window));
  const percent = Math.round((window.used * 10_000) / window.budget) / 100;
  return JSON.stringify({ acc_id_util_pct: percent, reset_time_duration: secondsLeft(window, now), ads_api_access_tier: tier });
}

/**
 * X-Business-Use-Case-Usage: `{"<account>":[{"type":"custom_audience","call_count":3,"total_cputime":1,
 * "total_time":1,"estimated_time_to_regain_access":0}]}`; `ads_api_access_tier` only on ads_management.
 */
export function businessUseCaseUsage(accounts: readonly AccountUsage[], now: number, tier: string): string {
  const header: Record<string, unknown[]> = {};
  for (const account of accounts.slice(0, maxObjects)) {
    header[account.adAccountId] = account.useCases.map(({ type, window }) => {
      const time = timePercent(window);
      return {
        type,
        call_count: callPercent(window),
        total_cputime: time,
        total_time: time,
        estimated_time_to_regain_access: minutesToRegainAccess(window, now),
        ...(type === 'ads_management' && { ads_api_access_tier: tier }),
      };
    });
  }
  return JSON.stringify(header);
}

function fullest(windows: readonly Window[]): Window {
  return windows.reduce((most, each) => (each.used / each.budget > most.used / most.budget ? each : most));
}
