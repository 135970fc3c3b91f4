import type { GraphCall, GraphHooks } from '../server/graph-hooks.js';
import type { Store } from '../store/types.js';
import type { Journal } from './journal.js';
import { entryOf } from './record.js';

/** App-scoped ids remembered per (app, person): the journal should not read the store on every call. */
const maxRemembered = 1000;

/**
 * Journals every Graph call once it was answered. Writing happens after the answer and never
 * delays or fails it: a write that fails is reported on stderr and forgotten.
 */
export function journalHooks(journal: Journal, store: Store, report: (error: unknown) => void = reportFailure): GraphHooks {
  const asids = new Map<string, string | undefined>();

  /** The viewer as its app sees them: the person's ASID, looked up (never made) once. */
  const userIdOf = async (call: GraphCall): Promise<string | undefined> => {
    const { viewer } = call;
    if (!viewer?.app || !viewer.personId) return undefined;
    const key = `${viewer.app.id}:${viewer.personId}`;
    if (asids.has(key)) return asids.get(key);
    const asid = (await store.apps.findScopedUser(viewer.app.id, viewer.personId))?.asid;
    if (asids.size >= maxRemembered) asids.delete(asids.keys().next().value!);
    asids.set(key, asid);
    return asid;
  };

  return {
    // Present so that routing tells the call its target (node, edge, ad account) for the entry.
    onRoute: async () => {},
    afterCall(call) {
      const endedAt = Date.now();
      journal.record(async (id) => entryOf(call, id, endedAt, await userIdOf(call)), report);
    },
  };
}

function reportFailure(error: unknown): void {
  console.error('graphd: could not journal a request:', error instanceof Error ? error.message : error);
}
