import { FlexibleRemoteBudget, memoryBudgetStore, planBudget, type RemoteActivity, type RemoteBudgetStore, type Timing } from '#common';
import type { MarketplacerConnection } from '../marketplacer-connection.js';

/**
 * What may separate our count of a request from Marketplacer's: the spread of network latency (it
 * counts arrivals, we count sends) and the clock skew between replicas. See planBudget.
 */
export const MARKETPLACER_BUDGET_MARGIN_MS = 250;

/**
 * The API key's request budget (MARKETPLACER_RATE_LIMIT per MARKETPLACER_RATE_WINDOW_MS, sliding) in
 * `store`: on Postgres, one budget for every replica. Rows are prefixed `marketplacer`.
 */
export function marketplacerBudget(
  connection: Pick<MarketplacerConnection, 'rateLimit' | 'rateWindowMs' | 'rateMaxWaitMs'>,
  store: RemoteBudgetStore = memoryBudgetStore(),
  timing?: Pick<Timing, 'now' | 'sleep'>,
  activity?: RemoteActivity,
): FlexibleRemoteBudget {
  const plan = planBudget({ limit: connection.rateLimit, windowMs: connection.rateWindowMs }, MARKETPLACER_BUDGET_MARGIN_MS);
  return new FlexibleRemoteBudget({
    remote: 'Marketplacer',
    plan,
    limiter: store.limiter('marketplacer', plan),
    maxWaitMs: connection.rateMaxWaitMs,
    timing,
    onSpent: activity?.budgetReporter('marketplacer'),
  });
}
