import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, RemoteBudgetError } from '#common';
import { AccountsService, anymarketContextOf, type ActiveAnymarketAccount } from '../../accounts/index.js';
import { type SyncJob, type SyncPageResult, SyncJobRegistry } from '../../sync/index.js';
import type { OrdersConfig } from '../orders.config.js';
import { OrderReconciler } from './order-reconciler.js';
import { OrderReconciliationStore } from './order-reconciliation.store.js';
import { isReconciliationDue } from './reconciliation-schedule.js';

/** Ticks per ORDERS_RECONCILIATION_INTERVAL_MS: each takes the accounts whose slot came since. */
const TICKS_PER_INTERVAL = 12;
/** Accounts one run reconciles at most; the rest are still due and the next tick takes them. */
export const ACCOUNTS_PER_RUN = 100;

/**
 * The orders reconciliation as a sync job (lease, ledger, back-off and admin trigger are the engine's):
 * every ORDERS_RECONCILIATION_INTERVAL_MS each active account with a token compares its orders with
 * ANYMARKET's (OrderReconciler), each account at its own slot of the interval. The job ticks twelve
 * times per interval and walks the due accounts one per page, the cursor naming the last one done (and
 * how many this run did), so a run that stops (a crash, the budget share's wait exceeded) resumes after
 * it. One account failing is counted and logged; the others go on.
 */
@Injectable()
export class OrdersReconciliationJob implements SyncJob, OnModuleInit {
  readonly name = 'orders-reconciliation';
  readonly intervalMs: number;
  private readonly logger = new Logger('OrdersReconciliation');

  constructor(
    private readonly registry: SyncJobRegistry,
    private readonly accounts: AccountsService,
    private readonly reconciler: OrderReconciler,
    private readonly store: OrderReconciliationStore,
    @Inject(APP_CONFIG) private readonly config: OrdersConfig,
  ) {
    this.intervalMs = Math.max(1_000, Math.ceil(config.ordersReconciliationIntervalMs / TICKS_PER_INTERVAL));
  }

  onModuleInit(): void {
    this.registry.register(this);
  }

  /** Now; a test may pin it. */
  protected now(): Date {
    return new Date();
  }

  async processPage(position: { cursor: string | null; pendingWatermark: string | null }): Promise<SyncPageResult> {
    const now = this.now();
    const startedAt = position.cursor === null || position.pendingWatermark === null ? now.toISOString() : position.pendingWatermark;
    const { after, done } = cursorOf(position.cursor);
    const account = await this.nextDue(after, now);
    if (!account) return { nextCursor: null, pendingWatermark: startedAt, counts: { seen: 0, changed: 0, failed: 0 } };
    let counts = { seen: 0, changed: 0, failed: 1 };
    try {
      const result = await this.reconciler.reconcile(account, now);
      const { ordersCompared, movedForward, pushedAgain, statusAdopted } = result.counts;
      counts = { seen: ordersCompared, changed: movedForward + pushedAgain + statusAdopted, failed: result.failed };
    } catch (error) {
      // The budget share could not be had in time: the run stops here and the next one resumes with this account.
      if (error instanceof RemoteBudgetError) throw error;
      this.logger.error({
        msg: "could not reconcile an account's orders; the next run tries again",
        accountId: account.id,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    const count = done + 1;
    return { nextCursor: count >= ACCOUNTS_PER_RUN ? null : `${account.id}:${count}`, pendingWatermark: startedAt, counts };
  }

  /** The first active account with a token after `after` whose slot has come. */
  private async nextDue(after: number, now: Date): Promise<ActiveAnymarketAccount | null> {
    const ids = (await this.accounts.listActiveAccountIds()).filter((id) => id > after);
    const lastStarts = await this.store.lastStarts(ids);
    for (const id of ids) {
      if (!isReconciliationDue(id, lastStarts.get(id), this.config.ordersReconciliationIntervalMs, now)) continue;
      const account = await this.accounts.findActiveAccountById(id);
      if (account && anymarketContextOf(account)) return account;
    }
    return null;
  }
}

/** `<last account id>:<accounts done this run>`; none at a run's start. */
function cursorOf(cursor: string | null): { after: number; done: number } {
  const [after, done] = (cursor ?? '').split(':').map(Number);
  return { after: Number.isInteger(after) ? after : 0, done: Number.isInteger(done) ? done : 0 };
}
