/**
 * How many calls each window takes, per Ads API access tier. Meta's documented numbers
 * (graph-protocol.md §3.3, audience-domain.md §2.9) where there are some; graphd's own
 * choices elsewhere, said so in docs/rate-limits.md.
 */
export type AccessTier = 'development' | 'standard';
export const accessTiers: readonly AccessTier[] = ['development', 'standard'];

export interface Budgets {
  /** Length of the platform and business-use-case windows. */
  window_seconds: number;
  /** Platform limits (codes 4, 17, 32), calls per window. */
  app_calls: number;
  user_calls: number;
  page_calls: number;
  /** custom_audience use case per ad account: base + per_active_audience x active audiences, at most the cap. */
  custom_audience_calls: number;
  per_active_audience: number;
  custom_audience_cap: number;
  /** ads_management use case per ad account (Meta adds 40 x active ads; graphd has no ads). */
  ads_management_calls: number;
  /** Ad-account level score (613/1487742): points per ad_account_window_seconds; 0 = not enforced. */
  ad_account_points: number;
  ad_account_window_seconds: number;
  /** Wall time each budgeted call may take on average before total_time reaches 100%. */
  call_time_ms: number;
}

const platform = { window_seconds: 3600, app_calls: 2_000_000, user_calls: 500_000, page_calls: 500_000 };
const shared = { per_active_audience: 40, custom_audience_cap: 700_000, ad_account_points: 0, ad_account_window_seconds: 300, call_time_ms: 200 };

export const tierBudgets: Readonly<Record<AccessTier, Readonly<Budgets>>> = Object.freeze({
  development: Object.freeze({ ...platform, ...shared, custom_audience_calls: 5_000, ads_management_calls: 300 }),
  standard: Object.freeze({ ...platform, ...shared, custom_audience_calls: 190_000, ads_management_calls: 100_000 }),
});

/** `base + 40 x active custom audiences` per hour, never above the cap (700,000). */
export function customAudienceBudget(budgets: Budgets, activeAudiences: number): number {
  return Math.min(budgets.custom_audience_cap, budgets.custom_audience_calls + budgets.per_active_audience * activeAudiences);
}

/** The Ads API score: a read costs 1 point, a write 3. */
export function callPoints(method: string): number {
  return method === 'GET' ? 1 : 3;
}

/** `ads_api_access_tier` as the usage headers spell it. */
export function tierHeaderValue(tier: AccessTier): string {
  return `${tier}_access`;
}
