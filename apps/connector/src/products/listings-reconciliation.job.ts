import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import { AccountsService } from '../accounts/index.js';
import { PerAccountJob, type SyncCounts, SyncJobRegistry } from '../sync/index.js';
import { ListingReconciliationStore } from './listing-reconciliation.store.js';
import { ListingsReconciler } from './listings-reconciler.js';
import type { ProductsConfig } from './products.config.js';
import { isPermanentFailure } from '../work/index.js';

/**
 * The listings reconciliation (ADR 0023): the safety net under the adverts feed and webhooks
 * (DESIGN "No silent divergence"). Every active account is reconciled once per
 * LISTINGS_RECONCILIATION_INTERVAL_MS at its own slot (PerAccountJob); an account the job has just
 * seen for the first time waits for its slot, so a thousand new sellers do not all run at once.
 */
@Injectable()
export class ListingsReconciliationJob extends PerAccountJob implements OnModuleInit {
  readonly name = 'listings-reconciliation';
  readonly contractFeature = 'listings.reconciliation';
  private readonly logger = new Logger('Listings');

  constructor(
    private readonly registry: SyncJobRegistry,
    private readonly accounts: AccountsService,
    private readonly records: ListingReconciliationStore,
    private readonly reconciler: ListingsReconciler,
    @Inject(APP_CONFIG) config: ProductsConfig,
  ) {
    super(config.listingsReconciliationIntervalMs);
  }

  onModuleInit(): void {
    this.registry.register(this);
  }

  protected accountIds(): Promise<number[]> {
    return this.accounts.listActiveAccountIds();
  }

  /** The last pass's start, or when the job first saw the account (recorded now for those it had not). */
  protected async passesSince(accountIds: number[], now: Date): Promise<Map<number, Date>> {
    let records = await this.records.ofAccounts(accountIds);
    const unseen = accountIds.filter((id) => !records.has(id));
    if (unseen.length) {
      await this.records.firstSeen(unseen, now);
      records = await this.records.ofAccounts(accountIds);
    }
    return new Map([...records].map(([id, record]) => [id, record.lastStartedAt ?? record.firstSeenAt]));
  }

  /**
   * One seller's pass. A failure of its own (Marketplacer refuses the request) is counted and the run
   * goes on; one that may pass (Marketplacer unreachable, no budget share in time) stops the run, and
   * the next run resumes with that seller.
   */
  protected async visit(accountId: number): Promise<SyncCounts> {
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
