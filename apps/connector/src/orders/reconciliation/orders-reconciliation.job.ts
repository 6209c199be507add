import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, RemoteBudgetError } from '#common';
import { AccountsService, anymarketContextOf } from '../../accounts/index.js';
import { PerAccountJob, type SyncCounts, SyncJobRegistry } from '../../sync/index.js';
import type { OrdersConfig } from '../orders.config.js';
import { OrderReconciler } from './order-reconciler.js';
import { OrderReconciliationStore } from './order-reconciliation.store.js';

/**
 * The orders reconciliation (ADR 0023): every ORDERS_RECONCILIATION_INTERVAL_MS each active account
 * with a token compares its orders with ANYMARKET's (OrderReconciler), each account at its own slot
 * of the interval (PerAccountJob). One account failing is counted and logged; the others go on. The
 * budget share not had in time stops the run, and the next one resumes with that account.
 */
@Injectable()
export class OrdersReconciliationJob extends PerAccountJob implements OnModuleInit {
  readonly name = 'orders-reconciliation';
  private readonly logger = new Logger('OrdersReconciliation');

  constructor(
    private readonly registry: SyncJobRegistry,
    private readonly accounts: AccountsService,
    private readonly reconciler: OrderReconciler,
    private readonly store: OrderReconciliationStore,
    @Inject(APP_CONFIG) config: OrdersConfig,
  ) {
    super(config.ordersReconciliationIntervalMs);
  }

  onModuleInit(): void {
    this.registry.register(this);
  }

  protected accountIds(): Promise<number[]> {
    return this.accounts.listActiveAccountIds();
  }

  /** The last run's start; an account never reconciled is due now. */
  protected passesSince(accountIds: number[]): Promise<Map<number, Date>> {
    return this.store.lastStarts(accountIds);
  }

  protected async visit(accountId: number, now: Date): Promise<SyncCounts> {
    const account = await this.accounts.findActiveAccountById(accountId);
    if (!account) return { seen: 0, changed: 0, failed: 0 };
    if (!anymarketContextOf(account)) {
      await this.store.couldNotRun(accountId, 'The account has no ANYMARKET token (saveAccount sent none)', now);
      return { seen: 0, changed: 0, failed: 1 };
    }
    try {
      const result = await this.reconciler.reconcile(account, now);
      const { ordersCompared, movedForward, pushedAgain, statusAdopted } = result.counts;
      return { seen: ordersCompared, changed: movedForward + pushedAgain + statusAdopted, failed: result.failed };
    } catch (error) {
      // The budget share could not be had in time: the run stops here and the next one resumes with this account.
      if (error instanceof RemoteBudgetError) throw error;
      this.logger.error({
        msg: "could not reconcile an account's orders; the next run tries again",
        accountId,
        reason: error instanceof Error ? error.message : String(error),
      });
      return { seen: 0, changed: 0, failed: 1 };
    }
  }
}
