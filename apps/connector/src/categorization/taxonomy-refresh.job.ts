import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import { type SyncJob, type SyncPageResult, SyncJobRegistry } from '../sync/index.js';
import type { CategorizationConfig } from './categorization.config.js';
import { TaxonomyCacheService } from './taxonomy-cache.service.js';

/** Scheduled refresh of the taxonomy copy, through the sync engine (lease, ledger, back-off, admin trigger). */
@Injectable()
export class TaxonomyRefreshJob implements SyncJob, OnModuleInit {
  readonly name = 'taxonomy';
  readonly contractFeature = 'taxonomy.copy';
  readonly intervalMs: number;

  constructor(
    private readonly registry: SyncJobRegistry,
    private readonly cache: TaxonomyCacheService,
    @Inject(APP_CONFIG) config: CategorizationConfig,
  ) {
    this.intervalMs = config.syncTaxonomyIntervalMs;
  }

  onModuleInit(): void {
    this.registry.register(this);
  }

  async processPage(): Promise<SyncPageResult> {
    const counts = await this.cache.refresh();
    const seen = counts.brands + counts.taxons + counts.prototypes;
    return { nextCursor: null, pendingWatermark: new Date().toISOString(), counts: { seen, changed: seen, failed: 0 } };
  }
}
