import { BudgetShares, type SlidingRemoteBudget, type RemoteBudgetStore, type ShareTerms } from '#common';
import type { MarketplacerConnection } from '../marketplacer-connection.js';
import { MARKETPLACER_BUDGET_MARGIN_MS } from './marketplacer-budget.js';

/** Background work's hold on the API key's budget: `acquire()` before each of its requests. */
export interface BackgroundBudget {
  acquire(): Promise<void>;
}

/**
 * Hands background work (reconciliation) its share of the API key's budget (BudgetShare, ADR 0023):
 * at most a fraction of MARKETPLACER_RATE_LIMIT, yielding while feeds, webhooks and remotes fill the
 * window; counted in the app's RemoteBudgetStore (Postgres: across replicas).
 */
export class MarketplacerBudgetShares {
  private readonly shares: BudgetShares;

  constructor(
    private readonly connection: Pick<MarketplacerConnection, 'apiKey' | 'rateLimit' | 'rateWindowMs'>,
    budget: Pick<SlidingRemoteBudget, 'pressureOf'>,
    store: RemoteBudgetStore,
  ) {
    this.shares = new BudgetShares({
      remote: 'Marketplacer',
      prefix: 'marketplacer',
      limit: { limit: connection.rateLimit, windowMs: connection.rateWindowMs },
      marginMs: MARKETPLACER_BUDGET_MARGIN_MS,
      store,
      parent: budget,
    });
  }

  /** The share `name` of `fraction` of the limit; a background request waits at most `maxWaitMs` for it. */
  share(terms: ShareTerms): BackgroundBudget {
    const share = this.shares.share(terms);
    return { acquire: async () => void (await share.acquire(this.connection.apiKey)) };
  }
}
