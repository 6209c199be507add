import { BudgetShares, type SlidingRemoteBudget, type RemoteBudgetStore, type ShareTerms } from '#common';
import type { AnymarketSettings } from '../anymarket.config.js';
import type { AnymarketAccountContext } from './anymarket-account.js';
import { ANYMARKET_BUDGET_MARGIN_MS, ANYMARKET_RATE_WINDOW_MS } from './anymarket-budget.js';

/** Background work's hold on a seller token's budget: `acquire(account)` before each of its requests. */
export interface AnymarketBackgroundBudget {
  acquire(account: AnymarketAccountContext): Promise<void>;
}

/**
 * Hands background work (the reconciliations) its share of each seller token's budget (BudgetShare,
 * ADR 0023): at most a fraction of ANYMARKET_RATE_LIMIT_PER_SECOND, yielding while the token's orders
 * and listings fill the second; counted in the app's RemoteBudgetStore.
 */
export class AnymarketBudgetShares {
  private readonly shares: BudgetShares;

  constructor(settings: Pick<AnymarketSettings, 'rateLimitPerSecond'>, budget: Pick<SlidingRemoteBudget, 'pressureOf'>, store: RemoteBudgetStore) {
    this.shares = new BudgetShares({
      remote: 'ANYMARKET',
      prefix: 'anymarket',
      limit: { limit: settings.rateLimitPerSecond, windowMs: ANYMARKET_RATE_WINDOW_MS },
      marginMs: ANYMARKET_BUDGET_MARGIN_MS,
      store,
      parent: budget,
    });
  }

  /** The share `name` of `fraction` of each token's limit; a background request waits at most `maxWaitMs` for it. */
  share(terms: ShareTerms): AnymarketBackgroundBudget {
    const share = this.shares.share(terms);
    return { acquire: async (account) => void (await share.acquire(account.token)) };
  }
}
