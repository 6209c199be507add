import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import { AccountsService } from '../accounts/index.js';
import { SyncJobRegistry, type SyncJob, type SyncPageResult, type SyncPosition } from '../sync/index.js';
import { ListingReconciliationStore } from './listing-reconciliation.store.js';
import { ListingsReconciler } from './listings-reconciler.js';
import type { ProductsConfig } from './products.config.js';
import { isDue, latestSlot, reconciliationTickMs, sellersPerRun } from './reconciliation-schedule.js';
import { isPermanentFailure } from '../work/index.js';

/** Cursor of an admin's full pass: the last account done. */
const AFTER = 'after:';
/** Cursor of a scheduled run: how many sellers it has reconciled. */
const DONE = 'done:';

/**
 * The listings reconciliation as a sync job (one seller per page): the safety net under the adverts
 * feed and webhooks (DESIGN "No silent divergence"). The engine starts it every small part of
 * LISTINGS_RECONCILIATION_INTERVAL_MS; a scheduled run reconciles the sellers whose slot in the
 * interval has come (a stable hash of the account: sellers spread over the interval), most overdue
 * first and at most `sellersPerRun`; an admin's trigger reconciles every seller now. Only active
 * accounts whose seller may trade are reconciled.
 */
@Injectable()
export class ListingsReconciliationJob implements SyncJob, OnModuleInit {
  readonly name = 'listings-reconciliation';
  readonly contractFeature = 'listings.reconciliation';
  readonly intervalMs: number;
  /** Each seller's interval. */
  readonly sellerIntervalMs: number;
  private readonly logger = new Logger('Listings');

  constructor(
    private readonly registry: SyncJobRegistry,
    private readonly accounts: AccountsService,
    private readonly records: ListingReconciliationStore,
    private readonly reconciler: ListingsReconciler,
    @Inject(APP_CONFIG) config: ProductsConfig,
  ) {
    this.sellerIntervalMs = config.listingsReconciliationIntervalMs;
    this.intervalMs = reconciliationTickMs(this.sellerIntervalMs);
  }

  onModuleInit(): void {
    this.registry.register(this);
  }

  async processPage(position: SyncPosition): Promise<SyncPageResult> {
    const next = position.trigger === 'admin' ? await this.nextOfFullPass(position.cursor) : await this.nextDue(position.cursor);
    if (!next) return { nextCursor: null, pendingWatermark: position.pendingWatermark, counts: { seen: 0, changed: 0, failed: 0 } };
    const counts = await this.reconcileOne(next.accountId);
    return { nextCursor: next.more ? next.cursor : null, pendingWatermark: new Date().toISOString(), counts };
  }

  /** Admin: every reconcilable account, by id, after the cursor's. */
  private async nextOfFullPass(cursor: string | null): Promise<{ accountId: number; cursor: string; more: boolean } | null> {
    const after = cursor?.startsWith(AFTER) ? Number(cursor.slice(AFTER.length)) : 0;
    const rest = (await this.accounts.listActiveAccountIds()).filter((id) => id > after);
    if (rest.length === 0) return null;
    return { accountId: rest[0], cursor: `${AFTER}${rest[0]}`, more: rest.length > 1 };
  }

  /** Schedule: the most overdue account whose slot has come, while the run's bound allows. */
  private async nextDue(cursor: string | null): Promise<{ accountId: number; cursor: string; more: boolean } | null> {
    const done = cursor?.startsWith(DONE) ? Number(cursor.slice(DONE.length)) : 0;
    const ids = await this.accounts.listActiveAccountIds();
    if (ids.length === 0 || done >= sellersPerRun(ids.length)) return null;
    const now = new Date();
    let records = await this.records.ofAccounts(ids);
    const unseen = ids.filter((id) => !records.has(id));
    if (unseen.length) {
      await this.records.firstSeen(unseen, now);
      records = await this.records.ofAccounts(ids);
    }
    const due = ids
      .filter((id) => {
        const record = records.get(id)!;
        return isDue(id, this.sellerIntervalMs, now, record.lastStartedAt ?? record.firstSeenAt);
      })
      .sort((a, b) => latestSlot(a, this.sellerIntervalMs, now) - latestSlot(b, this.sellerIntervalMs, now));
    if (due.length === 0) return null;
    return { accountId: due[0], cursor: `${DONE}${done + 1}`, more: due.length > 1 && done + 1 < sellersPerRun(ids.length) };
  }

  /**
   * One seller's pass. A failure of its own (Marketplacer refuses the request) is counted and the run
   * goes on; one that may pass (Marketplacer unreachable, no budget share in time) stops the run, and
   * the next run resumes with that seller.
   */
  private async reconcileOne(accountId: number): Promise<{ seen: number; changed: number; failed: number }> {
    const account = await this.accounts.findActiveAccountById(accountId);
    if (!account) return { seen: 0, changed: 0, failed: 0 };
    try {
      const outcome = await this.reconciler.reconcile(account);
      return { seen: outcome.advertsSeen, changed: outcome.repaired, failed: outcome.failed };
    } catch (error) {
      if (!isPermanentFailure(error)) throw error;
      this.logger.error({
        msg: 'could not reconcile a seller; it waits for its next slot',
        accountId,
        reason: error instanceof Error ? error.message : String(error),
      });
      return { seen: 0, changed: 0, failed: 1 };
    }
  }
}
