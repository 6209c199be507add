import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Metrics } from '#common';
import { LISTING_STATES } from './entities/listing.entity.js';
import { ListingStore } from './listing.store.js';

/** Listings by state, read at scrape time in one grouped query. */
@Injectable()
export class ProductsMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly store: ListingStore,
  ) {}

  onModuleInit(): void {
    const listings = this.metrics.gauge({
      name: 'connector_listings',
      help: 'Listings (ANYMARKET SKUs on Marketplacer) by state: queued, syncing, synced, error, deleted',
      labelNames: ['state'],
    });
    this.metrics.onScrape('listings', async () => {
      const byState = new Map((await this.store.countsByState()).map((row) => [row.state, row.count]));
      for (const state of LISTING_STATES) listings.set({ state }, byState.get(state) ?? 0);
    });
  }
}
