/** A remote's published limit: at most `limit` requests in any sliding `windowMs` span, per key. */
export interface RemoteLimit {
  limit: number;
  windowMs: number;
}

/**
 * How the budget counts (ADR 0024): each key keeps the times of its last `limit` slots; a slot comes
 * `spanMs` after the `limit`-th slot before it, and at least `gapMs` after the previous one. So any
 * `limit + 1` consecutive slots are at least `spanMs` apart, and requests leave spread over the
 * window, never in a burst.
 */
export interface BudgetPlan {
  /** The published limit the plan keeps. */
  limit: number;
  windowMs: number;
  /** The window and the margin: how old the `limit`-th slot before this one must be. */
  spanMs: number;
  /** The least time between two slots of a key: the limit's own pace (window / limit). */
  gapMs: number;
  /** Requests per `windowMs` the plan lets through at full load, as a share of the limit (≤ 1). */
  throughputRatio: number;
}

/**
 * Counts a sliding-window limit so that the remote never sees more than its limit.
 *
 * Marketplacer and ANYMARKET count requests in a sliding window over their arrival times. A slot is
 * taken only when the `limit`-th slot before it is at least `windowMs + marginMs` old, so any
 * `limit + 1` consecutive requests leave at least that far apart. `marginMs` absorbs what moves a
 * request between our count and the remote's: the spread of the time from taking the slot to the
 * request's arrival (network latency, the event loop). Replicas' clocks do not enter: on Postgres the
 * slots are timed with the database's clock.
 *
 * Slots are also at least `windowMs / limit` apart: a burst of the whole limit at once would reach
 * the remote spread over however long the connector and the network take to carry it, and the spread
 * would eat the margin. At that pace `limit` slots take one window, so the margin is slack each
 * window: a slot taken late (a busy event loop) is caught up on within it, instead of pushing every
 * later slot back as pure spacing (GCRA) does.
 *
 * Unlike fixed windows (ADR 0004) nothing is rounded down: at full load the key is served `limit`
 * per `windowMs + marginMs`.
 */
export function planBudget({ limit, windowMs }: RemoteLimit, marginMs: number): BudgetPlan {
  if (!(Number.isInteger(limit) && limit >= 1) || !(windowMs > 0) || !(marginMs >= 0))
    throw new Error(`A remote limit needs a whole number of requests (at least 1) per positive window, not ${limit} per ${windowMs} ms (margin ${marginMs})`);
  const spanMs = windowMs + marginMs;
  return { limit, windowMs, spanMs, gapMs: windowMs / limit, throughputRatio: windowMs / spanMs };
}
