import { Injectable, Logger } from '@nestjs/common';
import { AnymarketMarketplaceApi, type AnymarketAccountContext } from '#anymarket';
import { KeyedMutex } from '#common';
import type { ListingEntity } from './entities/listing.entity.js';
import { ListingStore } from './listing.store.js';
import { reportHash, skuMarketplaceUpdate, type ReportedState } from './listing-status.mapper.js';

/** Reports listings to ANYMARKET (`PUT /skumarketplace/{id}`) and remembers what it reported. */
@Injectable()
export class ListingReporter {
  private readonly logger = new Logger('Listings');
  private readonly reporting = new KeyedMutex();

  constructor(
    private readonly anymarket: AnymarketMarketplaceApi,
    private readonly store: ListingStore,
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
   * Reports of one listing are serialised in this process; across replicas two could still send the
   * same state once each (an idempotent PUT of the same values).
   */
  async reportIfChanged(listing: ListingEntity, api: AnymarketAccountContext, state: ReportedState): Promise<boolean> {
    const hash = reportHash(skuMarketplaceUpdate(listing, state));
    if (hash === listing.reportedHash) return false;
    // One report of a listing at a time: a webhook and the poll (or an Advert and a Variant webhook of
    // one edit) seeing the same change make one PUT. The one that waited reads what the other sent.
    return this.reporting.run(String(listing.id), async () => {
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
