import { fullJitterBackoff } from './backoff.js';

/** The longest wait before any item's next attempt: also the largest first wait a kind of work may configure. */
export const RETRY_CAP_MS = 3_600_000;

/** How a kind of per-item work is retried (its first wait comes from its context's variables, e.g. ORDER_RETRY_BASE_MS). */
export interface RetryPolicy {
  /** The ceiling of the first retry's wait, doubled for each further attempt. */
  baseMs: number;
  /** The ceiling's cap (RETRY_CAP_MS unless said). */
  capMs?: number;
}

/**
 * The one rule for when a failed item (a listing, an order, an order update, a queued job) is tried
 * again: after `attempt` failed attempts, a wait in [0, min(cap, base × 2^(attempt-1))), full jitter, so
 * items that failed together (one outage) do not come back together. Every per-item retry computes
 * its wait here; `random` is injected by tests.
 */
export function retryDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  return fullJitterBackoff(attempt, policy.baseMs, policy.capMs ?? RETRY_CAP_MS, random);
}

/** When the item that just failed its `attempt`th attempt is due again. */
export function retryAt(attempt: number, policy: RetryPolicy, now: number = Date.now(), random: () => number = Math.random): Date {
  return new Date(now + retryDelay(attempt, policy, random));
}
