import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import { MarketplacerRemittances, type MarketplacerRemittance, type PageOf } from '#marketplacer';
import { MarketplaceScanJob, type ScanKept, SyncJobRegistry } from '../../sync/index.js';
import { RemittanceStore } from './remittance.store.js';
import type { RemittancesConfig } from './remittances.config.js';

/**
 * Keeps the copy of Marketplacer's remittances. Its `remittances` root field (INFERRED, §7.5) takes
 * paging only: no `updatedSince`, no seller filter. So the copy is kept by reading the whole list
 * once per marketplace every SYNC_REMITTANCES_INTERVAL_MS and writing only what changed (a release
 * made in Marketplacer's portal shows after the next scan; one made through the admin API at once).
 */
@Injectable()
export class RemittancesScanJob extends MarketplaceScanJob<MarketplacerRemittance> implements OnModuleInit {
  readonly name = 'remittances';
  readonly contractFeature = 'remittances.copy';
  readonly intervalMs: number;

  constructor(
    private readonly registry: SyncJobRegistry,
    private readonly marketplacer: MarketplacerRemittances,
    private readonly store: RemittanceStore,
    @Inject(APP_CONFIG) config: RemittancesConfig,
  ) {
    super();
    this.intervalMs = config.syncRemittancesIntervalMs;
  }

  onModuleInit(): void {
    this.registry.register(this);
  }

  protected readPage(_marketplace: string, page: { after?: string; first: number }): Promise<PageOf<MarketplacerRemittance>> {
    return this.marketplacer.listRemittances(page);
  }

  protected async keep(remittances: MarketplacerRemittance[]): Promise<ScanKept> {
    const known = await this.store.remittancesByIds(remittances.map((remittance) => remittance.id));
    const now = new Date();
    return this.eachItem(
      remittances,
      'a remittance',
      async (remittance) => (await this.store.keepRemittance(remittance, now, known.get(remittance.id) ?? null)).outcome !== 'unchanged',
    );
  }
}
