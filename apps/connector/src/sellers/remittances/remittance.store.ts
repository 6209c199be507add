import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type ObjectLiteral, type Repository } from 'typeorm';
import { insertOrLoseRace } from '#common';
import type { MarketplacerRemittance, MarketplacerRemittanceAdvice } from '#marketplacer';
import { SellerRemittanceAdviceEntity } from '../entities/seller-remittance-advice.entity.js';
import { SellerRemittanceEntity } from '../entities/seller-remittance.entity.js';

/** What keeping one item did to the copy; `before` is the row as it was (null when new). */
export interface Kept<Row> {
  outcome: 'created' | 'updated' | 'unchanged';
  before: Row | null;
  row: Row;
}

export interface ListPage {
  limit: number;
  offset: number;
}

/** One seller's money in the copy, in cents. */
export interface SellerRemittanceTotals {
  remittanceCount: number;
  /** Held: not released yet. */
  heldCount: number;
  heldCents: number;
  /** Released, on no remittance advice yet (as far as the last advices scan knows). */
  releasedUnadvisedCount: number;
  releasedUnadvisedCents: number;
  adviceCount: number;
  /** Advices not paid yet (no `paidAt`): their totals. */
  advisedUnpaidCount: number;
  advisedUnpaidCents: number;
  /** Paid advices: what was paid (`totalPaid`, or the advice's total when Marketplacer recorded none). */
  paidCount: number;
  paidCents: number;
}

export interface SellerIdentity {
  id: string;
  legacyId: number;
  businessName: string;
}

/** Ids per `IN (…)`: far below either database's limit on bound parameters. */
const IDS_PER_QUERY = 500;

type RemittanceFields = Omit<SellerRemittanceEntity, 'adviceId' | 'syncedAt'>;
type AdviceFields = Omit<SellerRemittanceAdviceEntity, 'syncedAt'>;

/**
 * The Sellers context's copy of Marketplacer's remittances and remittance advices. Every write is an
 * upsert that happens only when what Marketplacer says differs from the copy, so a scan of an
 * unchanged marketplace writes nothing. A remittance's advice comes from the advices (Marketplacer's
 * `Remittance` does not name it): `keepAdvice` links the remittances it lists.
 */
@Injectable()
export class RemittanceStore {
  constructor(
    @InjectRepository(SellerRemittanceEntity) private readonly remittances: Repository<SellerRemittanceEntity>,
    @InjectRepository(SellerRemittanceAdviceEntity) private readonly advices: Repository<SellerRemittanceAdviceEntity>,
  ) {}

  async remittancesByIds(ids: string[]): Promise<Map<string, SellerRemittanceEntity>> {
    const rows = await inChunks(ids, (chunk) => this.remittances.findBy({ id: In(chunk) }));
    return new Map(rows.map((row) => [row.id, row]));
  }

  async advicesByIds(ids: string[]): Promise<Map<string, SellerRemittanceAdviceEntity>> {
    const rows = await inChunks(ids, (chunk) => this.advices.findBy({ id: In(chunk) }));
    return new Map(rows.map((row) => [row.id, row]));
  }

  /**
   * Upserts one remittance when it differs from the copy. `known` is the row as read with the rest of
   * its page (null: none); omitted, it is read now. Its advice link is kept; a new remittance is linked
   * to the advice of the copy that already lists it.
   */
  async keepRemittance(remittance: MarketplacerRemittance, now: Date, known?: SellerRemittanceEntity | null): Promise<Kept<SellerRemittanceEntity>> {
    const before = known === undefined ? await this.remittances.findOneBy({ id: remittance.id }) : known;
    const fields = remittanceFields(remittance);
    const kept = await this.upsertChanged(this.remittances, before, fields, now, async () => ({
      ...fields,
      adviceId: await this.adviceListing(remittance),
      syncedAt: now,
    }));
    return kept ?? this.keepRemittance(remittance, now);
  }

  /**
   * Upserts one advice when it differs from the copy (`known` as in keepRemittance), then links the
   * remittances it lists to it (and unlinks those it no longer lists). `linked` counts remittances
   * whose link changed, which changes the copy even when the advice itself did not.
   */
  async keepAdvice(
    advice: MarketplacerRemittanceAdvice,
    now: Date,
    known?: SellerRemittanceAdviceEntity | null,
  ): Promise<Kept<SellerRemittanceAdviceEntity> & { linked: number }> {
    const before = known === undefined ? await this.advices.findOneBy({ id: advice.id }) : known;
    const fields = adviceFields(advice);
    const kept = await this.upsertChanged(this.advices, before, fields, now, () => Promise.resolve({ ...fields, syncedAt: now }));
    if (!kept) return this.keepAdvice(advice, now);
    return { ...kept, linked: await this.link(advice.id, idsOf(advice), now) };
  }

  /** Remittances, newest first. */
  listRemittances(filter: { sellerId?: string; released?: boolean }, page: ListPage): Promise<SellerRemittanceEntity[]> {
    return this.remittances.find({
      where: {
        ...(filter.sellerId !== undefined ? { sellerId: filter.sellerId } : {}),
        ...(filter.released !== undefined ? { released: filter.released } : {}),
      },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
  }

  /** Remittance advices, newest first; `paid`: whether `paidAt` is recorded. */
  listAdvices(filter: { sellerId?: string; paid?: boolean }, page: ListPage): Promise<SellerRemittanceAdviceEntity[]> {
    const query = this.advices.createQueryBuilder('a').orderBy('a.legacyId', 'DESC').take(page.limit).skip(page.offset);
    if (filter.sellerId !== undefined) query.andWhere('a.sellerId = :sellerId', { sellerId: filter.sellerId });
    if (filter.paid !== undefined) query.andWhere(filter.paid ? 'a.paidAt IS NOT NULL' : 'a.paidAt IS NULL');
    return query.getMany();
  }

  /** Who the seller is, as its newest remittance or advice names it; null when the copy has none of it. */
  async sellerOf(sellerId: string): Promise<SellerIdentity | null> {
    const known =
      (await this.remittances.findOne({ where: { sellerId }, order: { syncedAt: 'DESC' } })) ??
      (await this.advices.findOne({ where: { sellerId }, order: { syncedAt: 'DESC' } }));
    return known ? { id: sellerId, legacyId: known.sellerLegacyId, businessName: known.sellerBusinessName } : null;
  }

  /** One seller's totals, summed by the database (zero for a seller the copy does not know). */
  async totalsOf(sellerId: string): Promise<SellerRemittanceTotals> {
    const remittances = await this.remittances
      .createQueryBuilder('r')
      .select('COUNT(*)', 'count')
      .addSelect('SUM(CASE WHEN r.released THEN 0 ELSE 1 END)', 'heldCount')
      .addSelect('SUM(CASE WHEN r.released THEN 0 ELSE r.amountCents END)', 'heldCents')
      .addSelect('SUM(CASE WHEN r.released AND r.adviceId IS NULL THEN 1 ELSE 0 END)', 'unadvisedCount')
      .addSelect('SUM(CASE WHEN r.released AND r.adviceId IS NULL THEN r.amountCents ELSE 0 END)', 'unadvisedCents')
      .where('r.sellerId = :sellerId', { sellerId })
      .getRawOne<Record<string, unknown>>();
    const advices = await this.advices
      .createQueryBuilder('a')
      .select('COUNT(*)', 'count')
      .addSelect('SUM(CASE WHEN a.paidAt IS NULL THEN 1 ELSE 0 END)', 'unpaidCount')
      .addSelect('SUM(CASE WHEN a.paidAt IS NULL THEN a.totalCents ELSE 0 END)', 'unpaidCents')
      .addSelect('SUM(CASE WHEN a.paidAt IS NULL THEN 0 ELSE 1 END)', 'paidCount')
      .addSelect('SUM(CASE WHEN a.paidAt IS NULL THEN 0 ELSE COALESCE(a.totalPaidCents, a.totalCents) END)', 'paidCents')
      .where('a.sellerId = :sellerId', { sellerId })
      .getRawOne<Record<string, unknown>>();
    // Postgres answers COUNT and SUM of bigint as text; an empty SUM is NULL.
    const n = (row: Record<string, unknown> | undefined, key: string) => Number(row?.[key] ?? 0);
    return {
      remittanceCount: n(remittances, 'count'),
      heldCount: n(remittances, 'heldCount'),
      heldCents: n(remittances, 'heldCents'),
      releasedUnadvisedCount: n(remittances, 'unadvisedCount'),
      releasedUnadvisedCents: n(remittances, 'unadvisedCents'),
      adviceCount: n(advices, 'count'),
      advisedUnpaidCount: n(advices, 'unpaidCount'),
      advisedUnpaidCents: n(advices, 'unpaidCents'),
      paidCount: n(advices, 'paidCount'),
      paidCents: n(advices, 'paidCents'),
    };
  }

  /** The advice of the copy that lists this remittance (its seller's advices, rarely many); null when none does. */
  private async adviceListing(remittance: MarketplacerRemittance): Promise<string | null> {
    const advices = await this.advices.find({ where: { sellerId: remittance.seller.id }, select: { id: true, remittanceIdsJson: true } });
    return advices.find((advice) => (JSON.parse(advice.remittanceIdsJson) as string[]).includes(remittance.id))?.id ?? null;
  }

  /** Points the listed remittances at the advice and releases those it no longer lists; how many rows changed. */
  private async link(adviceId: string, remittanceIds: string[], now: Date): Promise<number> {
    let changed = 0;
    for (let start = 0; start < remittanceIds.length; start += IDS_PER_QUERY) {
      const linked = await this.remittances
        .createQueryBuilder()
        .update()
        .set({ adviceId, syncedAt: now })
        .where('id IN (:...ids)', { ids: remittanceIds.slice(start, start + IDS_PER_QUERY) })
        .andWhere('(advice_id IS NULL OR advice_id <> :adviceId)', { adviceId })
        .execute();
      changed += linked.affected ?? 0;
    }
    const listed = new Set(remittanceIds);
    const dropped = (await this.remittances.find({ where: { adviceId }, select: { id: true } })).filter((row) => !listed.has(row.id));
    if (dropped.length) {
      await inChunks(
        dropped.map((row) => row.id),
        (chunk) => this.remittances.update({ id: In(chunk), adviceId }, { adviceId: null, syncedAt: now }).then(() => []),
      );
      changed += dropped.length;
    }
    return changed;
  }

  /**
   * The one write of the copy: nothing when the row already holds these fields, an update when they
   * differ, an insert when the row is new (`created` completes it); null when another writer inserted
   * it first (the caller reads it again and updates it instead).
   */
  private async upsertChanged<Row extends ObjectLiteral & { id: string; syncedAt: Date }>(
    repository: Repository<Row>,
    before: Row | null,
    fields: Partial<Row>,
    now: Date,
    created: () => Promise<Row>,
  ): Promise<Kept<Row> | null> {
    if (before && sameFields(before, fields)) return { outcome: 'unchanged', before, row: before };
    if (before) {
      await repository.update({ id: before.id } as never, { ...fields, syncedAt: now } as never);
      return { outcome: 'updated', before, row: { ...before, ...fields, syncedAt: now } };
    }
    const row = await created();
    return (await this.insertOrLose(repository, row)) ? { outcome: 'created', before: null, row } : null;
  }

  /** Inserts a new row; false when another writer inserted it first (then the caller updates it instead). */
  private async insertOrLose<Row extends ObjectLiteral & { id: string }>(repository: Repository<Row>, row: Row): Promise<boolean> {
    return insertOrLoseRace(
      async () => {
        await repository.insert(row);
        return true;
      },
      async (lost) => {
        if (await repository.existsBy({ id: row.id } as never)) return false;
        throw lost;
      },
    );
  }
}

function remittanceFields(remittance: MarketplacerRemittance): RemittanceFields {
  return {
    id: remittance.id,
    sellerId: remittance.seller.id,
    sellerLegacyId: remittance.seller.legacyId,
    sellerBusinessName: remittance.seller.businessName,
    invoiceId: remittance.invoice?.id ?? null,
    invoiceLegacyId: remittance.invoice?.legacyId ?? null,
    amountCents: remittance.amountCents,
    commissionCents: remittance.commissionCents,
    released: remittance.released,
    pendingReasonsJson: JSON.stringify(remittance.pendingReasons),
    createdAt: dateOf(remittance.createdAt, 'createdAt'),
  };
}

function adviceFields(advice: MarketplacerRemittanceAdvice): AdviceFields {
  return {
    id: advice.id,
    legacyId: advice.legacyId,
    sellerId: advice.seller.id,
    sellerLegacyId: advice.seller.legacyId,
    sellerBusinessName: advice.seller.businessName,
    totalCents: advice.totalCents,
    totalPaidCents: advice.totalPaidCents,
    commissionCents: advice.commissionCents,
    paidAt: advice.paidAt === null ? null : dateOf(advice.paidAt, 'paidAt'),
    paymentReference: advice.paymentReference,
    createdAt: advice.createdAt === null ? null : dateOf(advice.createdAt, 'createdAt'),
    remittanceIdsJson: JSON.stringify(idsOf(advice)),
  };
}

const idsOf = (advice: MarketplacerRemittanceAdvice): string[] => advice.remittances.map((remittance) => remittance.id);

function dateOf(value: string, field: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`Marketplacer sent ${field} "${value}", which is not a time`);
  return date;
}

/** Whether the row already holds these values (times compared by instant). */
function sameFields<Row extends object>(row: Row, fields: Partial<Row>): boolean {
  return (Object.keys(fields) as Array<keyof Row>).every((key) => {
    const [held, read] = [row[key], fields[key]];
    if (held instanceof Date || read instanceof Date) return held instanceof Date && read instanceof Date && held.getTime() === read.getTime();
    return held === read;
  });
}

async function inChunks<T>(ids: string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) rows.push(...(await read(ids.slice(start, start + IDS_PER_QUERY))));
  return rows;
}
