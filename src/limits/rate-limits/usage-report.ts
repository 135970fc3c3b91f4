import type { SharedState } from '../../state/shared-state.js';
import type { Store } from '../../store/types.js';
import { customAudienceBudget, type Budgets } from './budgets.js';
import { budgetsOf, type RateLimitSettings } from './settings.js';
import { isThrottled, openWindow, secondsLeft, type Window } from './windows.js';

/** Which windows a person asked about (GET /_graphd/rate-limits?app_id=&page_id=&ad_account_id=). */
export interface ReportQuery {
  app_id?: string;
  page_id?: string;
  /** With or without `act_`. */
  ad_account_id?: string;
}

export interface WindowReport {
  calls: number;
  budget: number;
  time_ms: number;
  time_budget_ms: number;
  throttled: boolean;
  reset_time_duration: number;
}

/** The settings in force and the current windows of the objects asked about. */
export async function usageReport(deps: { state: SharedState; store: Store; now: number }, settings: RateLimitSettings, query: ReportQuery) {
  const budgets = budgetsOf(settings);
  const hourly = (scope: string, budget: number) => openWindow(scope, budgets.window_seconds, deps.now, budget, budgets.call_time_ms);
  const named: Record<string, Window> = {};
  if (query.app_id) named.app = hourly(`app:${query.app_id}`, budgets.app_calls);
  if (query.page_id) named.page = hourly(`page:${query.page_id}`, budgets.page_calls);
  const account = query.ad_account_id?.replace(/^act_/, '');
  if (account) {
    const active = await deps.store.audiences.count(account);
    named.custom_audience = hourly(`custom_audience:${account}`, customAudienceBudget(budgets, active));
    named.ads_management = hourly(`ads_management:${account}`, budgets.ads_management_calls);
    named.ad_account = openWindow(`ad_account:${account}`, budgets.ad_account_window_seconds, deps.now, budgets.ad_account_points, budgets.call_time_ms, false);
  }
  const windows = Object.values(named);
  const keys = windows.flatMap((window) => (window.timeKey ? [window.key, window.timeKey] : [window.key]));
  const totals = await deps.state.read(keys);
  let at = 0;
  for (const window of windows) {
    window.used = totals[at++];
    if (window.timeKey) window.timeMs = totals[at++];
  }
  const report = (window: Window): WindowReport => ({
    calls: window.used,
    budget: window.budget,
    time_ms: window.timeMs,
    time_budget_ms: window.timeBudgetMs,
    throttled: window.budget > 0 && isThrottled(window),
    reset_time_duration: secondsLeft(window, deps.now),
  });
  return {
    enabled: settings.enabled,
    tier: settings.tier,
    budgets: budgets satisfies Budgets,
    ...(query.app_id && { app: { id: query.app_id, ...report(named.app) } }),
    ...(query.page_id && { page: { id: query.page_id, ...report(named.page) } }),
    ...(account && {
      ad_account: {
        id: account,
        custom_audience: report(named.custom_audience),
        ads_management: report(named.ads_management),
        ad_account_score: report(named.ad_account),
      },
    }),
  };
}
