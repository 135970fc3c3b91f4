import { describe, expect, it } from 'vitest';
import { GraphError } from '../../src/graph/graph-error.js';
import type { Viewer } from '../../src/identity/viewer.js';
import { rateLimitHooks } from '../../src/limits/rate-limits/rate-limit-hooks.js';
import { rateLimitDocument } from '../../src/limits/rate-limits/settings.js';
import type { GraphCall } from '../../src/server/graph-hooks.js';
import { MemoryState } from '../../src/state/memory-state.js';
import type { Store } from '../../src/store/types.js';

const viewer = { kind: 'USER', app: { id: '10' }, personId: 'p1', scopes: new Set() } as unknown as Viewer;
const noStore = { audiences: { count: async () => 0 } } as unknown as Store;

/** Hooks over a fresh memory state at a fixed clock, with the given budgets. */
async function hooksWith(budgets: Record<string, number>) {
  const state = new MemoryState();
  const document = rateLimitDocument(state, 'standard');
  await document.set({ budgets });
  return { state, hooks: rateLimitHooks({ store: noStore, state, clock: () => 7200, document }) };
}

const call = (startedAt = Date.now()): GraphCall => ({ startedAt, method: 'GET', path: '/me', viewer });

describe('rate-limit hooks', () => {
  it('add the real time each call took to its windows and throttle when the time budget is spent', async () => {
    const { hooks } = await hooksWith({ user_calls: 10, call_time_ms: 100 }); // 1000 ms for the window
    const slow = call(Date.now() - 600);
    await hooks.beforeCall!(slow);
    hooks.afterCall!(slow);
    await new Promise((resolve) => setImmediate(resolve));

    const second = call(Date.now() - 600);
    await hooks.beforeCall!(second);
    const usage = JSON.parse((await hooks.responseHeaders!(second))!['x-app-usage']);
    expect(usage.call_count).toBe(0); // the app budget is 2,000,000
    hooks.afterCall!(second);
    await new Promise((resolve) => setImmediate(resolve));

    const refused = call();
    const error = await hooks.beforeCall!(refused).catch((thrown) => thrown);
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).spec.code).toBe(17);
  });

  it('count nothing for anonymous calls and calls off any ad account add no business headers', async () => {
    const { hooks, state } = await hooksWith({});
    const anonymous: GraphCall = { startedAt: Date.now(), method: 'GET', path: '/x', viewer: { kind: 'ANONYMOUS', scopes: new Set() } };
    await hooks.beforeCall!(anonymous);
    expect(await hooks.responseHeaders!(anonymous)).toBeUndefined();
    const user = call();
    await hooks.beforeCall!(user);
    await hooks.onRoute!(user, { method: 'GET', nodeType: 'User', id: 'me' });
    expect(Object.keys((await hooks.responseHeaders!(user))!)).toEqual(['x-app-usage']);
    expect(await state.read(['rl:user:10:p1:3600'])).toEqual([1]);
  });
});
