import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Metrics } from '#common';
import { LISTING_STATES } from './entities/listing.entity.js';
import { DRIFT_KINDS, type DriftKind } from './listing-drift.js';
import { ListingStore } from './listing.store.js';

/** What one reconciliation pass counts toward the metrics. */
export interface ReconciledCounts {
  drift: Record<DriftKind, number>;
  repaired: number;
  failed: number;
  unlinkedCount: number;
}

/** Listings by state, read at scrape time in one grouped query; the listings reconciliation's findings, counted as they happen. */
@Injectable()
export class ProductsMetrics implements OnModuleInit {
  private readonly drift;
  private readonly repairs;

  constructor(
    private readonly metrics: Metrics,
    private readonly store: ListingStore,
  ) {
    this.drift = metrics.counter({
      name: 'connector_listings_reconciliation_drift_total',
      help: "Drift the listings reconciliation found, by kind: advert_gone, unpublished, status, price, stock (listings), unlinked (a seller's adverts no listing links)",
      labelNames: ['kind'],
    });
    this.repairs = metrics.counter({
      name: 'connector_listings_reconciliation_repairs_total',
      help: 'Drifted listings the listings reconciliation reported to ANYMARKET (repaired), or could not (failed: the next pass tries again)',
      labelNames: ['outcome'],
    });
  }

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

  reconciled(counts: ReconciledCounts): void {
    for (const kind of DRIFT_KINDS) if (counts.drift[kind]) this.drift.inc({ kind }, counts.drift[kind]);
    if (counts.unlinkedCount) this.drift.inc({ kind: 'unlinked' }, counts.unlinkedCount);
    if (counts.repaired) this.repairs.inc({ outcome: 'repaired' }, counts.repaired);
    if (counts.failed) this.repairs.inc({ outcome: 'failed' }, counts.failed);
  }
}
