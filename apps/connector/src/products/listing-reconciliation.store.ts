import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, type Repository } from 'typeorm';
import { insertOrLoseRace } from '#common';
import { ListingReconciliationEntity, type UnlinkedAdvert } from './entities/listing-reconciliation.entity.js';
import type { DriftKind } from './listing-drift.js';

/** What one pass over an account found and did. */
export interface ReconciliationOutcome {
  advertsSeen: number;
  listingsChecked: number;
  marketplacerRequests: number;
  drift: Record<DriftKind, number>;
  repaired: number;
  failed: number;
  unlinkedCount: number;
  unlinked: UnlinkedAdvert[];
  error: string | null;
}

/** The listings reconciliation's record per account. */
@Injectable()
export class ListingReconciliationStore {
  constructor(@InjectRepository(ListingReconciliationEntity) private readonly rows: Repository<ListingReconciliationEntity>) {}

  /** The records of these accounts (by account id). */
  async ofAccounts(accountIds: number[]): Promise<Map<number, ListingReconciliationEntity>> {
    const found = accountIds.length ? await this.rows.findBy({ accountId: In(accountIds) }) : [];
    return new Map(found.map((row) => [row.accountId, row]));
  }

  get(accountId: number): Promise<ListingReconciliationEntity | null> {
    return this.rows.findOneBy({ accountId });
  }

  /** Records that the job has seen these accounts (a never-reconciled seller is due at its first slot after this). */
  async firstSeen(accountIds: number[], now: Date): Promise<void> {
    for (const accountId of accountIds) {
      // Two replicas seeing a new account at once: the second insert loses, the first one's time stands.
      await insertOrLoseRace(
        async () => {
          await this.rows.insert(this.blank(accountId, null, now));
        },
        () => Promise.resolve(),
      );
    }
  }

  /**
   * A pass starts: from now on the seller is not due until its next slot. Answers when the previous
   * pass started, for `retryable` to put back.
   */
  async started(accountId: number, sellerId: string, now: Date): Promise<Date | null> {
    const previous = await this.get(accountId);
    if (previous) {
      await this.rows.update({ accountId }, { sellerId, lastStartedAt: now });
      return previous.lastStartedAt;
    }
    await insertOrLoseRace(
      async () => {
        await this.rows.insert({ ...this.blank(accountId, sellerId, now), lastStartedAt: now });
      },
      async () => {
        await this.rows.update({ accountId }, { sellerId, lastStartedAt: now });
      },
    );
    return null;
  }

  /** A pass that stopped for a reason that may pass (Marketplacer unreachable, no budget in time): the seller is due again at once. */
  async retryable(accountId: number, previousStart: Date | null): Promise<void> {
    await this.rows.update({ accountId }, { lastStartedAt: previousStart });
  }

  async finished(accountId: number, outcome: ReconciliationOutcome, now: Date): Promise<void> {
    await this.rows.update(
      { accountId },
      {
        lastFinishedAt: now,
        advertsSeen: outcome.advertsSeen,
        listingsChecked: outcome.listingsChecked,
        marketplacerRequests: outcome.marketplacerRequests,
        driftAdvertGone: outcome.drift.advert_gone,
        driftUnpublished: outcome.drift.unpublished,
        driftStatus: outcome.drift.status,
        driftPrice: outcome.drift.price,
        driftStock: outcome.drift.stock,
        repaired: outcome.repaired,
        failed: outcome.failed,
        unlinkedCount: outcome.unlinkedCount,
        unlinkedAdverts: JSON.stringify(outcome.unlinked),
        lastError: outcome.error,
      },
    );
  }

  /** One page of records, by account id descending; `beforeAccountId` pages backwards. */
  list(page: { limit: number; beforeAccountId?: number }): Promise<ListingReconciliationEntity[]> {
    return this.rows.find({
      where: page.beforeAccountId !== undefined ? { accountId: LessThan(page.beforeAccountId) } : {},
      order: { accountId: 'DESC' },
      take: page.limit,
    });
  }

  /** Totals of the last passes, by drift kind: the metrics' gauge, one query. */
  async totals(): Promise<Record<DriftKind | 'unlinked' | 'repaired' | 'failed', number>> {
    const row = await this.rows
      .createQueryBuilder('r')
      .select('COALESCE(SUM(r.drift_advert_gone), 0)', 'advert_gone')
      .addSelect('COALESCE(SUM(r.drift_unpublished), 0)', 'unpublished')
      .addSelect('COALESCE(SUM(r.drift_status), 0)', 'status')
      .addSelect('COALESCE(SUM(r.drift_price), 0)', 'price')
      .addSelect('COALESCE(SUM(r.drift_stock), 0)', 'stock')
      .addSelect('COALESCE(SUM(r.unlinked_count), 0)', 'unlinked')
      .addSelect('COALESCE(SUM(r.repaired), 0)', 'repaired')
      .addSelect('COALESCE(SUM(r.failed), 0)', 'failed')
      .getRawOne<Record<string, string | number>>();
    const n = (key: string) => Number(row?.[key] ?? 0);
    return {
      advert_gone: n('advert_gone'),
      unpublished: n('unpublished'),
      status: n('status'),
      price: n('price'),
      stock: n('stock'),
      unlinked: n('unlinked'),
      repaired: n('repaired'),
      failed: n('failed'),
    };
  }

  private blank(accountId: number, sellerId: string | null, now: Date): ListingReconciliationEntity {
    return {
      accountId,
      sellerId,
      firstSeenAt: now,
      lastStartedAt: null,
      lastFinishedAt: null,
      advertsSeen: 0,
      listingsChecked: 0,
      marketplacerRequests: 0,
      driftAdvertGone: 0,
      driftUnpublished: 0,
      driftStatus: 0,
      driftPrice: 0,
      driftStock: 0,
      repaired: 0,
      failed: 0,
      unlinkedCount: 0,
      unlinkedAdverts: '[]',
      lastError: null,
    };
  }
}
