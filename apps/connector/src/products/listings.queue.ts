import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import { WorkQueue } from '../work/index.js';
import type { ListingEntity } from './entities/listing.entity.js';
import { ListingSyncService } from './listing-sync.service.js';
import { ListingStore } from './listing.store.js';
import { LISTINGS_QUEUE, productKeyOf } from './listings-queue-key.js';
import type { ProductsConfig } from './products.config.js';

interface ListingJob {
  listingId: number;
}

/**
 * Listing work on the shared WorkQueue: one job per recorded request, keyed by the ANYMARKET product
 * so sibling SKUs (sent together) run one after the other and never create two adverts, on any
 * replica. The listing row is the truth (state, requestSeq, attempts, nextAttemptAt): a job only
 * says "look at this listing", so a duplicate or stale job costs one read. A transient failure is
 * retried by the domain (LISTING_RETRY_BASE_MS, LISTING_MAX_ATTEMPTS, then reported as ERROR) with a
 * job due at its time; the engine's own retries only cover a handler that could not even record its
 * outcome (the database failing), and what still fails is listed at GET /admin/work/failed.
 */
@Injectable()
export class ListingWork implements OnModuleInit {
  constructor(
    private readonly queue: WorkQueue,
    private readonly sync: ListingSyncService,
    private readonly store: ListingStore,
    @Inject(APP_CONFIG) private readonly config: ProductsConfig,
  ) {}

  onModuleInit(): void {
    this.queue.define<ListingJob>({
      name: LISTINGS_QUEUE,
      handler: (job) => this.run(job.data.listingId),
      concurrency: this.config.listingConcurrency,
      retryLimit: this.config.listingMaxAttempts,
      retryDelayMs: this.config.listingRetryBaseMs,
      expireInMs: this.config.listingRunExpiryMs,
      recover: () => this.unfinished(),
    });
  }

  /** Queues a look at the listing (now, or at `startAfter`). */
  async enqueue(listing: Pick<ListingEntity, 'id' | 'accountId' | 'idProduct' | 'idSkuMarketplace'>, startAfter?: Date): Promise<void> {
    await this.queue.send<ListingJob>(LISTINGS_QUEUE, { listingId: listing.id }, { key: productKeyOf(listing), ...(startAfter ? { startAfter } : {}) });
  }

  /** Queues every unfinished listing again (what recovery does at start); returns how many. */
  async requeueUnfinished(): Promise<number> {
    const jobs = await this.unfinished();
    for (const job of jobs) await this.queue.send(LISTINGS_QUEUE, job.data, job);
    return jobs.length;
  }

  /** Resolves once no listing work is waiting, due later or running (tests and tools). */
  whenIdle(timeoutMs?: number): Promise<void> {
    return this.queue.whenIdle(LISTINGS_QUEUE, timeoutMs);
  }

  private async run(listingId: number): Promise<void> {
    const outcome = await this.sync.process(listingId);
    if (outcome.kind === 'retry') await this.enqueue(outcome.listing, outcome.at);
  }

  private async unfinished() {
    return (await this.store.unfinished()).map((listing) => ({
      data: { listingId: listing.id },
      key: productKeyOf(listing),
      ...(listing.nextAttemptAt ? { startAfter: listing.nextAttemptAt } : {}),
    }));
  }
}
