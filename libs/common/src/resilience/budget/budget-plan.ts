/** A remote's published limit: at most `limit` requests in any sliding `windowMs` span, per key. */
export interface RemoteLimit {
  limit: number;
  windowMs: number;
}

/**
 * How the budget spaces requests (GCRA with no burst): a request may leave once `intervalMs` has
 * passed since the previous one's slot, give or take `toleranceMs` (a waiter woken a little late
 * does not push every later slot back). ADR 0024.
 */
export interface BudgetPlan {
  /** The published limit the plan keeps. */
  limit: number;
  windowMs: number;
  /** The spacing between two slots of one key. */
  intervalMs: number;
  /** How much earlier than its spacing a slot may be taken (absorbs a waiter's timer running late). */
  toleranceMs: number;
  /** Requests per `windowMs` the plan lets through at full load, as a share of the limit (≤ 1). */
  throughputRatio: number;
}

/**
 * How early a slot may be taken: a sleeping waiter wakes a millisecond or two after its turn, and
 * without this slack each late wake-up would move every later slot of the key back by as much.
 */
export const SLOT_TOLERANCE_MS = 5;

/**
 * Spaces requests so that no sliding `windowMs` ever holds more than `limit` of them, as the remote
 * counts them.
 *
 * Marketplacer and ANYMARKET count requests in a sliding window over their arrival times. Slots
 * taken at least `intervalMs − toleranceMs` apart put any `limit + 1` consecutive requests at least
 * `limit × intervalMs − toleranceMs = windowMs + marginMs` apart. `marginMs` absorbs what moves a
 * request between our count and the remote's: the spread of the time from taking the slot to the
 * request's arrival (network latency, the event loop). Replicas' clocks do not enter: on Postgres the
 * slots are counted with the database's clock.
 *
 * A burst allowance (GCRA's τ > 0) would let `limit` requests leave at once and the next one an
 * interval later: `limit + 1` within a window, which a sliding-window remote refuses. So there is none.
 */
export function planBudget({ limit, windowMs }: RemoteLimit, marginMs: number, toleranceMs = SLOT_TOLERANCE_MS): BudgetPlan {
  if (!(limit >= 1) || !(windowMs > 0)) throw new Error(`A remote limit needs at least 1 request per positive window, not ${limit} per ${windowMs} ms`);
  const intervalMs = (windowMs + marginMs + toleranceMs) / limit;
  return { limit, windowMs, intervalMs, toleranceMs, throughputRatio: windowMs / (windowMs + marginMs + toleranceMs) };
}

/**
 * The most requests slots of `plan` can hold in any closed span of `spanMs`: k + 1 slots span at
 * least k × intervalMs − toleranceMs (GCRA's bound). Used by tests and the ADR's argument.
 */
export function mostInSpan(plan: BudgetPlan, spanMs: number): number {
  return Math.floor((spanMs + plan.toleranceMs) / plan.intervalMs + 1e-9) + 1;
}
