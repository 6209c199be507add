import { SlidingRemoteBudget, memoryBudgetStore, planBudget, type RemoteActivity, type RemoteBudgetStore, type Timing } from '#common';
import type { MarketplacerConnection } from '../marketplacer-connection.js';

/**
 * What may separate our count of a request from Marketplacer's: the spread of the time from taking a
 * slot to the request's arrival (network latency, the event loop); replicas' clocks do not enter (on
 * Postgres the slots are timed with the database's clock). 0.976 of the limit. See planBudget.
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
): SlidingRemoteBudget {
  const plan = planBudget({ limit: connection.rateLimit, windowMs: connection.rateWindowMs }, MARKETPLACER_BUDGET_MARGIN_MS);
  return new SlidingRemoteBudget({
    remote: 'Marketplacer',
    name: 'marketplacer',
    plan,
    store,
    maxWaitMs: connection.rateMaxWaitMs,
    timing,
    onSpent: activity?.budgetReporter('marketplacer'),
  });
}
