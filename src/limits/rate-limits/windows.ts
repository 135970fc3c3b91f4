import type { CounterChange } from '../../state/shared-state.js';

/** Every counter of the rate limits lives under this prefix (DELETE /_graphd/rate-limits clears it). */
export const counterPrefix = 'rl:';

/**
 * One fixed window of one budget: calls (or points) and the wall time they took. Windows
 * are aligned on the clock (hour n runs from n x 3600 to (n+1) x 3600), so every process
 * agrees on when one ends without asking the shared state. The counters are created to
 * expire at the window's end, so one key serves every window and none is left behind.
 */
export interface Window {
  /** `app:<id>`, `user:<app>:<person>`, `page:<id>`, `custom_audience:<account>` ... */
  scope: string;
  key: string;
  /** Absent for windows that count no time (the ad-account score). */
  timeKey?: string;
  budget: number;
  /** Milliseconds the window's calls may take in all. */
  timeBudgetMs: number;
  /** Unix seconds. */
  endsAt: number;
  used: number;
  timeMs: number;
}

export function openWindow(scope: string, lengthSeconds: number, now: number, budget: number, callTimeMs: number, countsTime = true): Window {
  const index = Math.floor(now / lengthSeconds);
  const key = `${counterPrefix}${scope}:${lengthSeconds}`;
  return {
    scope,
    key,
    timeKey: countsTime ? key + ':ms' : undefined,
    budget,
    timeBudgetMs: budget * callTimeMs,
    endsAt: (index + 1) * lengthSeconds,
    used: 0,
    timeMs: 0,
  };
}

/** Counter changes that add `by` to each window (and open its time counter with it). */
export function countChanges(windows: readonly Window[], by: readonly number[], now: number): CounterChange[] {
  const changes: CounterChange[] = [];
  windows.forEach((window, index) => {
    const windowSeconds = secondsLeft(window, now);
    changes.push({ key: window.key, by: by[index], windowSeconds });
    if (window.timeKey) changes.push({ key: window.timeKey, by: 0, windowSeconds });
  });
  return changes;
}

/** Copies the totals increment() answered for countChanges() back into the windows. */
export function takeTotals(windows: readonly Window[], totals: readonly number[]): void {
  let at = 0;
  for (const window of windows) {
    window.used = totals[at++];
    if (window.timeKey) window.timeMs = totals[at++];
  }
}

/** Counter changes that add a call's wall time to the windows that counted it. */
export function timeChanges(windows: readonly Window[], elapsedMs: number, now: number): CounterChange[] {
  const changes: CounterChange[] = [];
  for (const window of windows) {
    if (window.timeKey) changes.push({ key: window.timeKey, by: elapsedMs, windowSeconds: secondsLeft(window, now) });
  }
  return changes;
}

export function secondsLeft(window: Window, now: number): number {
  return Math.max(1, window.endsAt - now);
}

/** Over budget in calls or in time: refused until the window ends. */
export function isThrottled(window: Window): boolean {
  return window.used > window.budget || (window.timeKey !== undefined && window.timeMs > window.timeBudgetMs);
}

/** Percent of the budget used, as the headers' integers. */
export function callPercent(window: Window): number {
  return Math.floor((window.used * 100) / window.budget);
}

export function timePercent(window: Window): number {
  return Math.floor((window.timeMs * 100) / window.timeBudgetMs);
}

/** Minutes until a throttled window ends, rounded up; 0 when not throttled. */
export function minutesToRegainAccess(window: Window, now: number): number {
  return isThrottled(window) ? Math.ceil(secondsLeft(window, now) / 60) : 0;
}
