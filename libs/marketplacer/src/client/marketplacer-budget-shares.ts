import { BudgetShare, type FlexibleRemoteBudget, type RemoteBudgetStore } from '#common';
import type { MarketplacerConnection } from '../marketplacer-connection.js';
import { MARKETPLACER_BUDGET_MARGIN_MS } from './marketplacer-budget.js';

/** Background work's hold on the API key's budget: `acquire()` before each of its requests. */
export interface BackgroundBudget {
  acquire(): Promise<void>;
}

/**
 * Hands background work (reconciliation) its share of the API key's budget (BudgetShare): at most a
 * fraction of MARKETPLACER_RATE_LIMIT, yielding while feeds, webhooks and remotes fill the window.
 * One share per name, counted in the app's RemoteBudgetStore (Postgres: across replicas).
 */
export class MarketplacerBudgetShares {
  private readonly shares = new Map<string, BackgroundBudget>();

  constructor(
    private readonly connection: Pick<MarketplacerConnection, 'apiKey' | 'rateLimit' | 'rateWindowMs'>,
    private readonly budget: Pick<FlexibleRemoteBudget, 'pressureOf'>,
    private readonly store: RemoteBudgetStore,
  ) {}

  /**
   * The share `name` (a store prefix: `marketplacer-<name>`) of `fraction` of the limit. A background
   * request waits at most `maxWaitMs` for it.
   */
  share(name: string, fraction: number, maxWaitMs: number): BackgroundBudget {
    const key = `${name}:${fraction}:${maxWaitMs}`;
    let share = this.shares.get(key);
    if (!share) {
      const part = new BudgetShare({
        remote: 'Marketplacer',
        name: `marketplacer-${name}`,
        limit: { limit: this.connection.rateLimit, windowMs: this.connection.rateWindowMs },
        marginMs: MARKETPLACER_BUDGET_MARGIN_MS,
        fraction,
        store: this.store,
        parent: this.budget,
        maxWaitMs,
      });
      share = { acquire: () => part.acquire(this.connection.apiKey) };
      this.shares.set(key, share);
    }
    return share;
  }
}
