/** A remote's published limit: at most `limit` requests in any sliding `windowMs` span, per key. */
export interface RemoteLimit {
  limit: number;
  windowMs: number;
}

/**
 * How the budget counts: `points` requests per fixed sub-window of `subWindowMs`, which is what
 * rate-limiter-flexible's stores count in.
 */
export interface BudgetPlan {
  points: number;
  subWindowMs: number;
  /** Requests per `windowMs` the plan lets through at full load, as a share of the limit (≤ 1). */
  throughputRatio: number;
}

/** Sub-windows shorter than this cost a store write per waiter too often for little gain. */
export const MIN_SUB_WINDOW_MS = 100;

/**
 * Turns a sliding-window limit into fixed sub-windows that can never exceed it.
 *
 * Marketplacer (and ANYMARKET) count requests in a sliding window over their arrival times, while
 * rate-limiter-flexible counts in fixed windows: `limit` per `windowMs` would let 2 × limit through
 * across a window boundary. So the budget counts `points` per sub-window of `subWindowMs`, chosen so
 * that any span of `windowMs + marginMs` meets at most k + 1 sub-windows (k = the number of
 * sub-windows that fit in that span) and (k + 1) × points ≤ limit. `marginMs` absorbs what moves a
 * request between our count and the remote's: the spread of network latency (the remote counts
 * arrivals, we count sends) and the clock skew between replicas (each computes window expiry with
 * its own clock). Among the k that satisfy this, the plan with the highest throughput wins (ties:
 * the longer sub-window, fewer store writes).
 *
 * A limit below 2 cannot be kept by fixed windows at all; it gets 1 per window + margin (best effort).
 */
export function planBudget({ limit, windowMs }: RemoteLimit, marginMs: number): BudgetPlan {
  const span = windowMs + marginMs;
  if (limit < 2) return { points: 1, subWindowMs: span, throughputRatio: windowMs / span / Math.max(limit, 1) };
  let best: BudgetPlan | undefined;
  for (let k = 1; k < limit; k += 1) {
    const subWindowMs = Math.ceil(span / k);
    if (subWindowMs < MIN_SUB_WINDOW_MS && best) break;
    const points = Math.floor(limit / (k + 1));
    if (points < 1) break;
    const throughputRatio = (points * windowMs) / subWindowMs / limit;
    if (!best || throughputRatio > best.throughputRatio + 1e-9) best = { points, subWindowMs, throughputRatio };
  }
  return best!;
}

/**
 * The most requests the plan can let through in any span of `spanMs`: the worst case over where the
 * span starts relative to the sub-windows (used by tests and the ADR's argument).
 */
export function worstCaseInSpan(plan: BudgetPlan, spanMs: number): number {
  return (Math.ceil(spanMs / plan.subWindowMs) + 1) * plan.points;
}
