import { SlidingRemoteBudget, memoryBudgetStore, planBudget, type RemoteActivity, type RemoteBudgetStore, type Timing } from '#common';
import type { AnymarketSettings } from '../anymarket.config.js';

/** ANYMARKET counts requests per token per second. */
export const ANYMARKET_RATE_WINDOW_MS = 1000;

/**
 * What may separate our count of a request from ANYMARKET's: the spread of the time from taking a
 * slot to the request's arrival (latency, the event loop). Replicas' clocks do not enter (on Postgres
 * the slots are timed with the database's clock). Each millisecond costs 0.1 % of the limit, so it
 * is small: 0.971 of 10/s (ADR 0024). See planBudget.
 */
export const ANYMARKET_BUDGET_MARGIN_MS = 30;

/**
 * The request budget per seller token (ANYMARKET_RATE_LIMIT_PER_SECOND, sliding) in `store`: on
 * Postgres, one budget for every replica. Rows are prefixed `anymarket` and hold hashed tokens only.
 */
export function anymarketBudget(
  settings: Pick<AnymarketSettings, 'rateLimitPerSecond' | 'rateMaxWaitMs'>,
  store: RemoteBudgetStore = memoryBudgetStore(),
  timing?: Pick<Timing, 'now' | 'sleep'>,
  activity?: RemoteActivity,
): SlidingRemoteBudget {
  const plan = planBudget({ limit: settings.rateLimitPerSecond, windowMs: ANYMARKET_RATE_WINDOW_MS }, ANYMARKET_BUDGET_MARGIN_MS);
  return new SlidingRemoteBudget({
    remote: 'ANYMARKET',
    name: 'anymarket',
    plan,
    store,
    maxWaitMs: settings.rateMaxWaitMs,
    timing,
    onSpent: activity?.budgetReporter('anymarket'),
  });
}

/** DI token of the app's one ANYMARKET budget (the client's, and what background shares yield to). */
export const ANYMARKET_BUDGET = Symbol('AnymarketBudget');
