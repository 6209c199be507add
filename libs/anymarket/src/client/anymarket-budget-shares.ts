import { BudgetShare, type FlexibleRemoteBudget, type RemoteBudgetStore } from '#common';
import type { AnymarketSettings } from '../anymarket.config.js';
import type { AnymarketAccountContext } from './anymarket-account.js';
import { ANYMARKET_BUDGET_MARGIN_MS, ANYMARKET_RATE_WINDOW_MS } from './anymarket-budget.js';

/** Background work's hold on a seller token's budget: `acquire(account)` before each of its requests. */
export interface AnymarketBackgroundBudget {
  acquire(account: AnymarketAccountContext): Promise<void>;
}

/**
 * Hands background work (order reconciliation) its share of each seller token's budget
 * (BudgetShare): at most a fraction of ANYMARKET_RATE_LIMIT_PER_SECOND, yielding while the token's
 * orders and listings fill the second. One share per name, counted in the app's RemoteBudgetStore.
 */
export class AnymarketBudgetShares {
  private readonly shares = new Map<string, AnymarketBackgroundBudget>();

  constructor(
    private readonly settings: Pick<AnymarketSettings, 'rateLimitPerSecond'>,
    private readonly budget: Pick<FlexibleRemoteBudget, 'pressureOf'>,
    private readonly store: RemoteBudgetStore,
  ) {}

  /** The share `name` (a store prefix: `anymarket-<name>`) of `fraction` of each token's limit; waits at most `maxWaitMs`. */
  share(name: string, fraction: number, maxWaitMs: number): AnymarketBackgroundBudget {
    const key = `${name}:${fraction}:${maxWaitMs}`;
    let share = this.shares.get(key);
    if (!share) {
      const part = new BudgetShare({
        remote: 'ANYMARKET',
        name: `anymarket-${name}`,
        limit: { limit: this.settings.rateLimitPerSecond, windowMs: ANYMARKET_RATE_WINDOW_MS },
        marginMs: ANYMARKET_BUDGET_MARGIN_MS,
        fraction,
        store: this.store,
        parent: this.budget,
        maxWaitMs,
      });
      share = { acquire: (account) => part.acquire(account.token) };
      this.shares.set(key, share);
    }
    return share;
  }
}
