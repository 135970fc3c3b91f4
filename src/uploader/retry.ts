/**
 * When a failed call is worth repeating, and after how long. Rate limits wait as long as
 * Meta says access is gone (estimated_time_to_regain_access in X-Business-Use-Case-Usage,
 * minutes), capped; other transient failures back off exponentially with jitter.
 */
import { GraphApiError, TransportError } from './graph-client.js';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** No single wait is longer. */
  maxWaitMs: number;
  /** First exponential wait (doubled each retry). */
  baseMs: number;
  sleep: (ms: number) => Promise<void>;
  /** 0..1; Math.random unless a test pins it. */
  random: () => number;
  onRetry?: (wait: RetryWait) => void;
}

export interface RetryWait {
  ms: number;
  attempt: number;
  /** Why: Meta's message with its code, or the transport failure. */
  reason: string;
  /** True when the wait came from estimated_time_to_regain_access. */
  regain: boolean;
}

/** Application, user, page, generic and business-use-case throttling codes (graph-protocol.md §3). */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 341, 613, 80000, 80001, 80002, 80003, 80004, 80005, 80006, 80008, 80009, 80014]);
/** "Unknown error" and "service temporarily unavailable": Meta documents both as worth a retry. */
const TEMPORARY_CODES = new Set([1, 2]);

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function isRetryable(error: unknown): boolean {
  if (error instanceof TransportError) return error.status === undefined || error.status >= 500 || error.status === 429;
  if (!(error instanceof GraphApiError)) return false;
  const { code, is_transient } = error.error;
  return is_transient === true || error.status >= 500 || (code !== undefined && (RATE_LIMIT_CODES.has(code) || TEMPORARY_CODES.has(code)));
}

/** Minutes until access is back, the largest of every use case in X-Business-Use-Case-Usage; 0 when absent. */
export function regainMinutes(headers: Headers): number {
  const text = headers.get('x-business-use-case-usage');
  if (!text) return 0;
  try {
    const usage = JSON.parse(text) as Record<string, { estimated_time_to_regain_access?: unknown }[]>;
    const minutes = Object.values(usage).flatMap((entries) => (Array.isArray(entries) ? entries : []).map((entry) => Number(entry?.estimated_time_to_regain_access) || 0));
    return Math.max(0, ...minutes);
  } catch {
    return 0;
  }
}

/** The wait before retry number `attempt` (1-based). */
export function retryWait(error: unknown, attempt: number, policy: Pick<RetryPolicy, 'maxWaitMs' | 'baseMs' | 'random'>): Omit<RetryWait, 'attempt'> {
  const reason = error instanceof GraphApiError ? error.describe() : (error as Error).message;
  const minutes = error instanceof GraphApiError ? regainMinutes(error.headers) : 0;
  if (minutes > 0) return { ms: Math.min(minutes * 60_000, policy.maxWaitMs), reason, regain: true };
  const ceiling = Math.min(policy.maxWaitMs, policy.baseMs * 2 ** (attempt - 1));
  // "Equal jitter": at least half the ceiling, so waits still grow, spread so clients don't retry in step.
  return { ms: Math.round(ceiling / 2 + (ceiling / 2) * policy.random()), reason, regain: false };
}

/** Runs `call`, repeating it after retryable failures as the policy says; the last failure is thrown. */
export async function withRetry<T>(call: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt > policy.maxRetries || !isRetryable(error)) throw error;
      const wait = { ...retryWait(error, attempt, policy), attempt };
      policy.onRetry?.(wait);
      await policy.sleep(wait.ms);
    }
  }
}
