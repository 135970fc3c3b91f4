import { JournalFilterError } from '../journal/filter.js';
import type { Journal } from '../journal/journal.js';
import type { ControlRoutes } from './control-context.js';
import { ControlError } from './control-errors.js';

const defaultLimit = 100;

/**
 * /_graphd/requests: the request journal, newest first, narrowed by app, ad account, path,
 * status and since (docs/journal.md); DELETE forgets every entry.
 */
export function journalRoutes(journal: Journal): ControlRoutes {
  return (app) => {
    app.get('/requests', async (request) => {
      const query = request.query as Record<string, string | string[] | undefined>;
      const one = (name: string): string | undefined => {
        const value = query[name];
        return (Array.isArray(value) ? value.at(-1) : value) || undefined;
      };
      const limit = limitOf(one('limit'));
      try {
        const { entries, retained } = await journal.list(
          { appId: one('app_id'), adAccountId: one('ad_account_id'), path: one('path'), status: one('status'), since: one('since') },
          limit,
        );
        return { data: entries, summary: { retained, capacity: journal.capacity } };
      } catch (error) {
        if (error instanceof JournalFilterError) throw new ControlError(400, error.message);
        throw error;
      }
    });

    app.delete('/requests', async () => {
      await journal.clear();
      return { success: true };
    });
  };
}

function limitOf(text: string | undefined): number {
  if (text === undefined) return defaultLimit;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1) throw new ControlError(400, `limit must be a positive whole number: ${text}`);
  return limit;
}
