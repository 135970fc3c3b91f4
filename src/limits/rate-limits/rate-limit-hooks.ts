import type { ErrorName } from '../../graph/errors.js';
import { GraphError } from '../../graph/graph-error.js';
import type { Viewer } from '../../identity/viewer.js';
import type { GraphCall, GraphHooks } from '../../server/graph-hooks.js';
import type { LiveDocument } from '../../state/live-document.js';
import type { SharedState } from '../../state/shared-state.js';
import type { Store } from '../../store/types.js';
import { ActiveAudiences } from './active-audiences.js';
import { callPoints, customAudienceBudget, tierHeaderValue, type Budgets } from './budgets.js';
import { budgetsOf, type RateLimitSettings } from './settings.js';
import { adAccountUsage, appUsage, businessUseCaseUsage, type AccountUsage } from './usage-headers.js';
import { useCaseOf, type UseCase } from './use-case.js';
import { countChanges, isThrottled, openWindow, takeTotals, timeChanges, type Window } from './windows.js';

export interface RateLimitDeps {
  store: Store;
  state: SharedState;
  /** Unix seconds: windows follow the server's clock (tests move it). */
  clock: () => number;
  document: LiveDocument<RateLimitSettings>;
}

/** What one call counted, kept for its headers and for adding its time when it ends. */
interface CallUsage {
  budgets: Budgets;
  tier: string;
  /** The app's window, shown as X-App-Usage on app and user token calls. */
  app?: Window;
  /** Every window the call counted, for its time. */
  windows: Window[];
  accounts: AccountUsage[];
}

const useCaseErrors: Record<UseCase, ErrorName> = { custom_audience: 'customAudienceRateLimit', ads_management: 'adsManagementRateLimit' };

/**
 * Meta's rate limits on the request path: platform windows (app, user, page) when the
 * viewer is known, business-use-case windows per ad account when routing reached one.
 * Each hook is one increment() round trip; a window over budget refuses until it ends.
 */
export function rateLimitHooks(deps: RateLimitDeps): GraphHooks {
  const usages = new WeakMap<GraphCall, CallUsage>();
  const audiences = new ActiveAudiences(deps.store);
  let memo: { settings: RateLimitSettings; budgets: Budgets; tier: string } | undefined;

  /** The settings in force with their budgets worked out once per change, not per call. */
  const inForce = async () => {
    const settings = await deps.document.current();
    if (memo?.settings !== settings) memo = { settings, budgets: budgetsOf(settings), tier: tierHeaderValue(settings.tier) };
    return settings.enabled ? memo : undefined;
  };

  const usageOf = (call: GraphCall, budgets: Budgets, tier: string): CallUsage => {
    let usage = usages.get(call);
    if (!usage) usages.set(call, (usage = { budgets, tier, windows: [], accounts: [] }));
    return usage;
  };

  /** Adds `by` to each window in one round trip and answers the first one over budget. */
  const count = async (windows: Window[], by: number[], now: number): Promise<number> => {
    takeTotals(windows, await deps.state.increment(countChanges(windows, by, now)));
    return windows.findIndex(isThrottled);
  };

  return {
    async beforeCall(call) {
      const force = call.viewer?.app && (await inForce());
      if (!force) return;
      const now = deps.clock();
      const platform = platformWindows(call.viewer!, force.budgets, now);
      if (platform.length === 0) return;
      const windows = platform.map((each) => each.window);
      const usage = usageOf(call, force.budgets, force.tier);
      usage.windows.push(...windows);
      if (call.viewer!.kind !== 'PAGE') usage.app = platform.find((each) => each.error === 'appRequestLimit')?.window;
      const throttled = await count(windows, windows.map(() => 1), now);
      if (throttled >= 0) throw GraphError.of(platform[throttled].error);
    },

    async onRoute(call, target) {
      const useCase = useCaseOf(target);
      const force = useCase && (await inForce());
      if (!force) return;
      const now = deps.clock();
      const { budgets } = force;
      const adAccountId = target.adAccountId!;
      const budget = useCase === 'custom_audience' ? customAudienceBudget(budgets, await audiences.of(adAccountId, now)) : budgets.ads_management_calls;
      const windows: Window[] = [];
      const checks: ErrorName[] = [];
      if (budget > 0) {
        windows.push(openWindow(`${useCase}:${adAccountId}`, budgets.window_seconds, now, budget, budgets.call_time_ms));
        checks.push(useCaseErrors[useCase]);
      }
      if (budgets.ad_account_points > 0) {
        windows.push(openWindow(`ad_account:${adAccountId}`, budgets.ad_account_window_seconds, now, budgets.ad_account_points, budgets.call_time_ms, false));
        checks.push('adAccountRateLimit');
      }
      if (windows.length === 0) return;
      const usage = usageOf(call, budgets, force.tier);
      usage.windows.push(...windows);
      record(usage, adAccountId, useCase, windows, budget > 0);
      const throttled = await count(windows, windows.map((window) => (window.timeKey ? 1 : callPoints(target.method))), now);
      if (throttled >= 0) throw GraphError.of(checks[throttled]);
    },

    async responseHeaders(call) {
      const usage = usages.get(call);
      if (!usage) return undefined;
      const headers: Record<string, string> = {};
      if (usage.app) headers['x-app-usage'] = appUsage(usage.app);
      if (usage.accounts.length > 0) {
        const now = deps.clock();
        headers['x-ad-account-usage'] = adAccountUsage(usage.accounts[0], now, usage.tier);
        headers['x-business-use-case-usage'] = businessUseCaseUsage(usage.accounts, now, usage.tier);
      }
      return headers;
    },

    afterCall(call) {
      const usage = usages.get(call);
      if (!usage) return;
      usages.delete(call);
      const changes = timeChanges(usage.windows, Math.max(0, Date.now() - call.startedAt), deps.clock());
      // Advisory bookkeeping after the answer left: a lost time update must not break anything.
      if (changes.length > 0) deps.state.increment(changes).catch(() => undefined);
    },
  };
}

/** The platform windows a viewer counts against, in the order their errors are checked. */
function platformWindows(viewer: Viewer, budgets: Budgets, now: number): { window: Window; error: ErrorName }[] {
  const windows: { window: Window; error: ErrorName }[] = [];
  const open = (scope: string, budget: number, error: ErrorName) => {
    if (budget > 0) windows.push({ window: openWindow(scope, budgets.window_seconds, now, budget, budgets.call_time_ms), error });
  };
  const appId = viewer.app!.id;
  open(`app:${appId}`, budgets.app_calls, 'appRequestLimit');
  const person = viewer.kind === 'USER' ? viewer.personId : viewer.kind === 'SYSTEM_USER' ? viewer.systemUserId : undefined;
  if (person) open(`user:${appId}:${person}`, budgets.user_calls, 'userRequestLimit');
  if (viewer.kind === 'PAGE' && viewer.pageId) open(`page:${viewer.pageId}`, budgets.page_calls, 'pageRequestLimit');
  return windows;
}

/** Adds what routing counted to the call's account usage (each id of `ids=` routes once). */
function record(usage: CallUsage, adAccountId: string, type: UseCase, windows: Window[], hasUseCase: boolean): void {
  let account = usage.accounts.find((each) => each.adAccountId === adAccountId);
  if (!account) usage.accounts.push((account = { adAccountId, useCases: [] }));
  if (hasUseCase) {
    const entry = { type, window: windows[0] };
    const same = account.useCases.findIndex((each) => each.type === type);
    if (same >= 0) account.useCases[same] = entry;
    else account.useCases.push(entry);
  }
  if (!windows[windows.length - 1].timeKey) account.score = windows[windows.length - 1];
}
