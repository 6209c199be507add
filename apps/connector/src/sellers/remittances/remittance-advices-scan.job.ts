import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import { MarketplacerRemittances, type MarketplacerRemittanceAdvice, type PageOf } from '#marketplacer';
import { MarketplaceScanJob, type ScanKept, SyncJobRegistry } from '../../sync/index.js';
import type { SellerRemittanceAdviceEntity } from '../entities/seller-remittance-advice.entity.js';
import { RemittanceStore, type Kept } from './remittance.store.js';
import type { RemittancesConfig } from './remittances.config.js';

const feedLogger = new Logger('Sellers');

/**
 * The feed of remittance advices: one log line per advice that appeared (`created`), was paid
 * (`paid`: `paidAt` recorded) or otherwise changed (`updated`), whether the change was read by the
 * scan or made through the admin API. Nothing is logged for an advice that did not change.
 */
export function announceAdviceChange(kept: Kept<SellerRemittanceAdviceEntity>, source: 'scan' | 'admin'): void {
  if (kept.outcome === 'unchanged') return;
  const { row, before } = kept;
  const event = kept.outcome === 'created' ? 'created' : before?.paidAt === null && row.paidAt !== null ? 'paid' : 'updated';
  feedLogger.log({
    msg: `remittance advice ${event}`,
    event,
    source,
    adviceId: row.id,
    adviceLegacyId: row.legacyId,
    sellerId: row.sellerId,
    sellerLegacyId: row.sellerLegacyId,
    totalCents: row.totalCents,
    totalPaidCents: row.totalPaidCents,
    paidAt: row.paidAt?.toISOString() ?? null,
    remittances: (JSON.parse(row.remittanceIdsJson) as string[]).length,
  });
}

/**
 * Keeps the copy of Marketplacer's remittance advices and which remittances each lists. Like the
 * remittances, their `remittanceAdvices` root field (INFERRED, §7.5) takes paging only (no
 * `updatedSince`, no seller filter): the whole list is read once per marketplace every
 * SYNC_REMITTANCES_INTERVAL_MS, and only what changed is written and announced.
 */
@Injectable()
export class RemittanceAdvicesScanJob extends MarketplaceScanJob<MarketplacerRemittanceAdvice> implements OnModuleInit {
  readonly name = 'remittance-advices';
  readonly contractFeature = 'remittance-advices.copy';
  readonly webhookTypes = ['RemittanceAdvice'] as const;
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

  protected readPage(_marketplace: string, page: { after?: string; first: number }): Promise<PageOf<MarketplacerRemittanceAdvice>> {
    return this.marketplacer.listRemittanceAdvices(page);
  }

  protected async keep(advices: MarketplacerRemittanceAdvice[]): Promise<ScanKept> {
    const known = await this.store.advicesByIds(advices.map((advice) => advice.id));
    const now = new Date();
    return this.eachItem(advices, 'a remittance advice', async (advice) => {
      const kept = await this.store.keepAdvice(advice, now, known.get(advice.id) ?? null);
      announceAdviceChange(kept, 'scan');
      return kept.outcome !== 'unchanged' || kept.linked > 0;
    });
  }
}
