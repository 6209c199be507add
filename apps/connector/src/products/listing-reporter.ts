import { Injectable, Logger } from '@nestjs/common';
import { AnymarketMarketplaceApi, type AnymarketAccountContext } from '#anymarket';
import type { ListingEntity } from './entities/listing.entity.js';
import { ListingStore } from './listing.store.js';
import { LISTINGS_QUEUE, productKeyOf } from './listings-queue-key.js';
import { reportHash, skuMarketplaceUpdate, type ReportedState } from './listing-status.mapper.js';
import { WorkQueue } from '../work/index.js';

/** Reports listings to ANYMARKET (`PUT /skumarketplace/{id}`) and remembers what it reported. */
@Injectable()
export class ListingReporter {
  private readonly logger = new Logger('Listings');

  constructor(
    private readonly anymarket: AnymarketMarketplaceApi,
    private readonly store: ListingStore,
    private readonly queue: WorkQueue,
  ) {}

  /** Always sends (a sendProduct must end with a PUT, which clears ANYMARKET's "syncing"). */
  async report(listing: ListingEntity, api: AnymarketAccountContext, state: ReportedState): Promise<void> {
    const update = skuMarketplaceUpdate(listing, state);
    await this.anymarket.updateSkuMarketplace(api, Number(listing.idSkuMarketplace), update);
    const hash = reportHash(update);
    await this.store.saveReport(listing.id, {
      publicationStatus: state.status,
      transmissionStatus: state.transmissionStatus,
      marketplaceStatus: state.marketplaceStatus,
      reportedHash: hash,
      reportedAt: new Date(),
    });
    Object.assign(listing, {
      publicationStatus: state.status,
      transmissionStatus: state.transmissionStatus,
      marketplaceStatus: state.marketplaceStatus,
      reportedHash: hash,
    });
    this.logger.log({
      msg: 'listing reported to ANYMARKET',
      listingId: listing.id,
      idSkuMarketplace: listing.idSkuMarketplace,
      status: state.status,
      transmissionStatus: state.transmissionStatus,
    });
  }

  /**
   * Sends only when the state differs from the last one ANYMARKET accepted; the stored fingerprint
   * changes only after ANYMARKET accepted the PUT, so a failed or repeated pass repeats nothing else.
   * A report holds its ANYMARKET product's key on the listings queue (WorkQueue.runKeyed), as the
   * listing's own work does: one report or run of a product at a time, on every replica.
   */
  async reportIfChanged(listing: ListingEntity, api: AnymarketAccountContext, state: ReportedState): Promise<boolean> {
    const hash = reportHash(skuMarketplaceUpdate(listing, state));
    if (hash === listing.reportedHash) return false;
    // One report of a listing at a time: a webhook and the poll (or an Advert and a Variant webhook of
    // one edit, on two replicas) seeing the same change make one PUT. The one that waited reads what the other sent.
    return this.queue.runKeyed(LISTINGS_QUEUE, productKeyOf(listing), async () => {
      const reported = await this.store.reportedHashOf(listing.id);
      if (reported === hash) {
        listing.reportedHash = reported;
        return false;
      }
      await this.report(listing, api, state);
      return true;
    });
  }
}
