import { Injectable } from '@nestjs/common';
import { MarketplacerRemittances } from '#marketplacer';
import {
  formatCents,
  type ListRemittanceAdvicesQuery,
  type ListRemittancesQuery,
  type ReleaseRemittancesDto,
  type RemittanceAdviceDto,
  type RemittanceAdvicePaymentDto,
  type RemittanceDto,
  type SellerRemittancesDto,
} from '../dto/remittances.dto.js';
import type { SellerRemittanceAdviceEntity } from '../entities/seller-remittance-advice.entity.js';
import type { SellerRemittanceEntity } from '../entities/seller-remittance.entity.js';
import { announceAdviceChange } from './remittance-advices-scan.job.js';
import { RemittanceStore } from './remittance.store.js';

/**
 * The admin side of remittances: what was held, released, advised and paid per seller, answered from
 * the copy (kept by the remittances and remittance-advices scans), and the operators' two operations,
 * which ask Marketplacer and then write its answer to the copy at once. Marketplacer's refusals
 * (MarketplacerError: unknown id, validation, unavailable) pass on as they are. A scan that read its
 * page just before an operation may write the older state after it; the next scan sets it right.
 */
@Injectable()
export class RemittancesService {
  constructor(
    private readonly marketplacer: MarketplacerRemittances,
    private readonly store: RemittanceStore,
  ) {}

  async listRemittances(query: ListRemittancesQuery): Promise<RemittanceDto[]> {
    const rows = await this.store.listRemittances({ sellerId: query.sellerId, released: query.released }, query);
    return rows.map(remittanceView);
  }

  async listAdvices(query: ListRemittanceAdvicesQuery): Promise<RemittanceAdviceDto[]> {
    const rows = await this.store.listAdvices({ sellerId: query.sellerId, paid: query.paid }, query);
    return rows.map(adviceView);
  }

  /** One seller's overview; a seller the copy knows nothing of answers empty lists and zero totals. */
  async ofSeller(sellerId: string, limit: number): Promise<SellerRemittancesDto> {
    const [seller, totals, remittances, advices] = await Promise.all([
      this.store.sellerOf(sellerId),
      this.store.totalsOf(sellerId),
      this.store.listRemittances({ sellerId }, { limit, offset: 0 }),
      this.store.listAdvices({ sellerId }, { limit, offset: 0 }),
    ]);
    return {
      seller: seller ?? { id: sellerId, legacyId: null, businessName: null },
      summary: {
        ...totals,
        heldFormatted: formatCents(totals.heldCents),
        releasedUnadvisedFormatted: formatCents(totals.releasedUnadvisedCents),
        advisedUnpaidFormatted: formatCents(totals.advisedUnpaidCents),
        paidFormatted: formatCents(totals.paidCents),
      },
      remittances: remittances.map(remittanceView),
      advices: advices.map(adviceView),
    };
  }

  /** `remittancesRelease`; the released remittances as Marketplacer answered, kept in the copy at once. */
  async release(body: ReleaseRemittancesDto): Promise<RemittanceDto[]> {
    const released = await this.marketplacer.releaseRemittances([...new Set(body.remittanceIds)]);
    const known = await this.store.remittancesByIds(released.map((remittance) => remittance.id));
    const now = new Date();
    const rows: SellerRemittanceEntity[] = [];
    for (const remittance of released) rows.push((await this.store.keepRemittance(remittance, now, known.get(remittance.id) ?? null)).row);
    return rows.map(remittanceView);
  }

  /** `remittanceAdviceUpdate`: records the payment of an advice (paid now unless `paidAt` says when), kept in the copy at once. */
  async recordPayment(adviceId: string, body: RemittanceAdvicePaymentDto): Promise<RemittanceAdviceDto> {
    const advice = await this.marketplacer.updateRemittanceAdvice({
      remittanceAdviceId: adviceId,
      totalPaidCents: body.totalPaidCents,
      paidAt: body.paidAt ?? new Date().toISOString(),
      ...(body.paymentReference !== undefined ? { paymentReference: body.paymentReference } : {}),
    });
    const kept = await this.store.keepAdvice(advice, new Date());
    announceAdviceChange(kept, 'admin');
    return adviceView(kept.row);
  }
}

const formatted = (cents: number | null) => (cents === null ? null : formatCents(cents));

function remittanceView(row: SellerRemittanceEntity): RemittanceDto {
  return {
    id: row.id,
    seller: { id: row.sellerId, legacyId: row.sellerLegacyId, businessName: row.sellerBusinessName },
    invoice: row.invoiceId === null ? null : { id: row.invoiceId, legacyId: row.invoiceLegacyId! },
    amountCents: row.amountCents,
    amountFormatted: formatCents(row.amountCents),
    commissionCents: row.commissionCents,
    commissionFormatted: formatted(row.commissionCents),
    released: row.released,
    pendingReasons: JSON.parse(row.pendingReasonsJson) as string[],
    adviceId: row.adviceId,
    createdAt: row.createdAt.toISOString(),
    syncedAt: row.syncedAt.toISOString(),
  };
}

function adviceView(row: SellerRemittanceAdviceEntity): RemittanceAdviceDto {
  return {
    id: row.id,
    legacyId: row.legacyId,
    seller: { id: row.sellerId, legacyId: row.sellerLegacyId, businessName: row.sellerBusinessName },
    totalCents: row.totalCents,
    totalFormatted: formatCents(row.totalCents),
    totalPaidCents: row.totalPaidCents,
    totalPaidFormatted: formatted(row.totalPaidCents),
    commissionCents: row.commissionCents,
    commissionFormatted: formatted(row.commissionCents),
    paid: row.paidAt !== null,
    paidAt: row.paidAt?.toISOString() ?? null,
    paymentReference: row.paymentReference,
    createdAt: row.createdAt?.toISOString() ?? null,
    remittanceIds: JSON.parse(row.remittanceIdsJson) as string[],
    syncedAt: row.syncedAt.toISOString(),
  };
}
