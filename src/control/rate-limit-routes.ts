import { counterPrefix } from '../limits/rate-limits/windows.js';
import type { RateLimitSettings } from '../limits/rate-limits/settings.js';
import { usageReport, type ReportQuery } from '../limits/rate-limits/usage-report.js';
import type { LiveDocument } from '../state/live-document.js';
import type { ControlRoutes } from './control-context.js';
import { ControlError } from './control-errors.js';

const reportParams = ['app_id', 'page_id', 'ad_account_id'] as const;

/**
 * /_graphd/rate-limits: the budgets in force and the current windows of an app, page or
 * ad account (`?app_id=&page_id=&ad_account_id=`); DELETE empties every window. Budgets
 * change through PATCH /_graphd/settings {"rate_limits": ...}. docs/rate-limits.md.
 */
export const rateLimitRoutes =
  (document: LiveDocument<RateLimitSettings>): ControlRoutes =>
  (app, { state, store, clock }) => {
    app.get('/rate-limits', async (request) => {
      const given = request.query as Record<string, unknown>;
      const query: ReportQuery = {};
      for (const name of reportParams) {
        const value = given[name];
        if (value === undefined) continue;
        if (typeof value !== 'string' || !/^(act_)?\d+$/.test(value) || (name !== 'ad_account_id' && value.startsWith('act_'))) {
          throw new ControlError(400, `${name} must be a numeric id${name === 'ad_account_id' ? ' (act_ optional)' : ''}.`);
        }
        query[name] = value;
      }
      return usageReport({ state, store, now: clock() }, await document.current(), query);
    });

    app.delete('/rate-limits', async () => {
      await state.clear(counterPrefix);
      return { success: true };
    });
  };
