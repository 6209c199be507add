import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import { AccountsService, SellerLinkStanding } from '../accounts/index.js';
import { WorkQueue } from '../work/index.js';
import { AdvertsFeedJob } from './adverts-feed.job.js';
import type { ProductsConfig } from './products.config.js';

/** The queue of catch-ups of a resumed account's listings, on the one WorkQueue. */
export const LISTINGS_CATCH_UP_QUEUE = 'listings-catch-up';

interface CatchUpJob {
  accountId: number;
}

/**
 * While a seller may not trade, its accounts are stopped and the adverts feed does not report
 * Marketplacer's changes to its listings. When the seller directory sees it trade again (in a feed
 * run, or in a request that read the seller live), a job per account (keyed by the account) reports
 * each synced listing as its advert is now, only what changed, so ANYMARKET catches up at once
 * instead of at the advert's next change. The job is durable (ADR 0015): a catch-up sent before its
 * process died runs after the restart.
 */
@Injectable()
export class ListingsOnSellerResume implements OnModuleInit {
  private readonly logger = new Logger('Listings');

  constructor(
    private readonly linkStanding: SellerLinkStanding,
    private readonly accounts: AccountsService,
    private readonly adverts: AdvertsFeedJob,
    private readonly queue: WorkQueue,
    @Inject(APP_CONFIG) private readonly config: ProductsConfig,
  ) {}

  onModuleInit(): void {
    this.queue.define<CatchUpJob>({
      name: LISTINGS_CATCH_UP_QUEUE,
      handler: (job) => this.catchUp(job.data.accountId),
      concurrency: 1,
      retryLimit: this.config.listingMaxAttempts,
      retryDelayMs: this.config.listingRetryBaseMs,
      expireInMs: this.config.listingRunExpiryMs,
    });
    this.linkStanding.onResume((sellerId) => this.resume(sellerId));
  }

  /** Queues a catch-up for each account of the seller the connector acts for again. */
  async resume(sellerId: string): Promise<void> {
    const accounts = (await this.accounts.listActiveAccountsOfSellers([sellerId])).get(sellerId) ?? [];
    for (const account of accounts) {
      await this.queue.send<CatchUpJob>(LISTINGS_CATCH_UP_QUEUE, { accountId: account.id }, { key: `account-${account.id}` });
    }
  }

  /** Resolves once no catch-up is waiting or running (tests and tools). */
  whenIdle(timeoutMs?: number): Promise<void> {
    return this.queue.whenIdle(LISTINGS_CATCH_UP_QUEUE, timeoutMs);
  }

  private async catchUp(accountId: number): Promise<void> {
    const result = await this.adverts.catchUp(accountId);
    this.logger.log({ msg: 'listings caught up: their seller may trade again', accountId, changed: result.changed, failed: result.failed });
    // Listings whose report may pass later: the job is retried (each run sends only what still differs).
    if (result.retry.length) throw new Error(`${result.retry.length} listing report(s) of account ${accountId} failed for a reason that may pass`);
  }
}
