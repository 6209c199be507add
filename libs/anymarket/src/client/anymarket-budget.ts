import { FlexibleRemoteBudget, memoryBudgetStore, planBudget, type RemoteActivity, type RemoteBudgetStore, type Timing } from '#common';
import type { AnymarketSettings } from '../anymarket.config.js';

/** ANYMARKET counts requests per token per second. */
export const ANYMARKET_RATE_WINDOW_MS = 1000;

/**
 * What may separate our count of a request from ANYMARKET's (latency spread, replicas' clock skew);
 * smaller than Marketplacer's because the window is a second. See planBudget.
 */
export const ANYMARKET_BUDGET_MARGIN_MS = 50;

/**
 * The request budget per seller token (ANYMARKET_RATE_LIMIT_PER_SECOND, sliding) in `store`: on
 * Postgres, one budget for every replica. Rows are prefixed `anymarket` and hold hashed tokens only.
 */
export function anymarketBudget(
  settings: Pick<AnymarketSettings, 'rateLimitPerSecond' | 'rateMaxWaitMs'>,
  store: RemoteBudgetStore = memoryBudgetStore(),
  timing?: Pick<Timing, 'now' | 'sleep'>,
  activity?: RemoteActivity,
): FlexibleRemoteBudget {
  const plan = planBudget({ limit: settings.rateLimitPerSecond, windowMs: ANYMARKET_RATE_WINDOW_MS }, ANYMARKET_BUDGET_MARGIN_MS);
  return new FlexibleRemoteBudget({
    remote: 'ANYMARKET',
    plan,
    limiter: store.limiter('anymarket', plan),
    maxWaitMs: settings.rateMaxWaitMs,
    timing,
    onSpent: activity?.budgetReporter('anymarket'),
  });
}

/** DI token of the app's one ANYMARKET budget (the client's, and what background shares yield to). */
export const ANYMARKET_BUDGET = Symbol('AnymarketBudget');
