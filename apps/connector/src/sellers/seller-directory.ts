import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, type Repository } from 'typeorm';
import { APP_CONFIG } from '#common';
import { MarketplacerSellers, resolveGlobalId, type MarketplacerSeller, type MarketplacerSellerChange } from '#marketplacer';
import { SellerLinkEntity } from '../accounts/entities/seller-link.entity.js';
import { SyncService } from '../sync/sync.service.js';
import { MarketplacerSellerEntity } from './entities/marketplacer-seller.entity.js';
import { inactiveReasonOf, standingOf, standingOfAnswer, type SellerStanding } from './seller-standing.js';
import type { SellersConfig } from './sellers.config.js';

/** The directory's feed job (one pair: the marketplace). */
export const SELLERS_JOB = 'sellers';

/**
 * The seller directory: the connector's copy of Marketplacer's sellers and the one place that says
 * whether a seller may trade. The `sellers` feed keeps it; activation reads it while it is fresh
 * (no Marketplacer request per call) and asks Marketplacer when it is not. Whatever it learns of a
 * seller's standing it writes onto the seller's links at once, which (de)activates their accounts.
 */
@Injectable()
export class SellerDirectory {
  private readonly logger = new Logger('Sellers');
  private readonly resumeListeners: Array<(sellerId: string) => Promise<void>> = [];

  constructor(
    @InjectRepository(MarketplacerSellerEntity) private readonly sellers: Repository<MarketplacerSellerEntity>,
    @InjectRepository(SellerLinkEntity) private readonly links: Repository<SellerLinkEntity>,
    private readonly marketplacer: MarketplacerSellers,
    private readonly sync: SyncService,
    @Inject(APP_CONFIG) private readonly config: SellersConfig,
  ) {}

  /**
   * Whether the seller (global id) may trade: from the copy while the directory is fresh, else (or
   * when the copy does not know the seller yet) from Marketplacer, kept for the next caller.
   */
  async standingOf(sellerId: string): Promise<SellerStanding> {
    if (await this.isFresh()) {
      const kept = await this.sellers.findOneBy({ id: sellerId });
      if (kept) return standingOf(kept);
    }
    const seller = await this.refresh(sellerId);
    return standingOfAnswer(seller);
  }

  /**
   * Contexts that must catch up with a seller that may trade again (what changed while its accounts
   * were stopped was not sent) register here, in onModuleInit.
   */
  onResume(listener: (sellerId: string) => Promise<void>): void {
    this.resumeListeners.push(listener);
  }

  /** Whether the directory's last complete read is younger than SELLER_DIRECTORY_MAX_AGE_MS. */
  async isFresh(): Promise<boolean> {
    const age = await this.sync.sinceLastSuccess(SELLERS_JOB);
    return age !== null && age <= this.config.sellerDirectoryMaxAgeMs;
  }

  /**
   * Reads the seller (global or legacy id) from Marketplacer now and keeps what it answers. Null when
   * Marketplacer has no such seller; a kept seller it no longer has is kept as deleted.
   */
  async refresh(reference: string): Promise<MarketplacerSeller | null> {
    const seller = await this.marketplacer.findSeller(reference);
    if (seller) {
      await this.keepAnswer(seller);
      return seller;
    }
    const kept = await this.find(reference);
    if (kept && !kept.deleted) {
      await this.keep({ deleted: true, id: kept.id, legacyId: kept.legacyId, updatedAt: new Date().toISOString() }, { evenIfOlder: true });
    }
    return null;
  }

  /** Keeps a seller as Marketplacer just answered it (a live read is the truth now, whatever the kept `updatedAt`). */
  keepAnswer(seller: MarketplacerSeller): Promise<boolean> {
    return this.keep({ ...seller, deleted: false, updatedAt: seller.updatedAt ?? new Date().toISOString() }, { evenIfOlder: true });
  }

  /**
   * Keeps one change of a seller; answers whether the copy changed. A change older than the kept one
   * (by Marketplacer's `updatedAt`) changes nothing unless `evenIfOlder` (a live read is the truth now).
   */
  async keep(change: MarketplacerSellerChange, options: { evenIfOlder?: boolean } = {}): Promise<boolean> {
    const kept = await this.sellers.findOneBy({ id: change.id });
    if (kept && !options.evenIfOlder && isOlder(change.updatedAt, kept.marketplacerUpdatedAt)) return false;
    const row = rowOf(change, kept);
    if (kept && sameCopy(kept, row)) return false;
    await this.sellers.upsert({ ...row, syncedAt: new Date() }, { conflictPaths: ['id'] });
    await this.applyStanding(row);
    return true;
  }

  /** The kept seller named by a global or legacy id, or null. */
  async find(reference: string): Promise<MarketplacerSellerEntity | null> {
    const trimmed = reference.trim();
    if (/^\d{1,15}$/.test(trimmed)) return this.sellers.findOneBy({ legacyId: Number(trimmed) });
    const id = resolveGlobalId('Seller', trimmed);
    return id === null ? null : this.sellers.findOneBy({ id });
  }

  list(filter: { active?: boolean; deleted?: boolean; limit: number; offset: number }): Promise<[MarketplacerSellerEntity[], number]> {
    const where = Object.fromEntries(Object.entries({ active: filter.active, deleted: filter.deleted }).filter(([, value]) => value !== undefined));
    return this.sellers.findAndCount({ where, order: { legacyId: 'ASC' }, take: filter.limit, skip: filter.offset });
  }

  /**
   * Writes the seller's standing onto its links: a seller that may not trade marks them (their
   * accounts stop), one that may again clears them (their accounts resume). Only changes are written.
   */
  private async applyStanding(row: Pick<MarketplacerSellerEntity, 'id' | 'deleted' | 'active' | 'online' | 'accountType'>): Promise<void> {
    const reason = inactiveReasonOf(row);
    if (reason === null) {
      const cleared = await this.links.update(
        { sellerId: row.id, sellerInactiveReason: Not(IsNull()) },
        { sellerInactiveReason: null, sellerInactiveSince: null },
      );
      if (!cleared.affected) return;
      this.logger.log({ msg: "seller may trade again: its links' accounts resume", sellerId: row.id, links: cleared.affected });
      await this.resumed(row.id);
      return;
    }
    const marked = await this.links.update(
      { sellerId: row.id, sellerInactiveReason: IsNull() },
      { sellerInactiveReason: reason, sellerInactiveSince: new Date() },
    );
    const reworded = await this.links.update({ sellerId: row.id, sellerInactiveReason: Not(reason) }, { sellerInactiveReason: reason });
    if (marked.affected || reworded.affected) {
      this.logger.warn({
        msg: "seller may not trade: its links' accounts stop",
        sellerId: row.id,
        reason,
        links: (marked.affected ?? 0) + (reworded.affected ?? 0),
      });
    }
  }

  /**
   * Tells the listeners; one that fails is logged and does not stop the others (the seller's standing
   * is already written, and an admin resync catches a listing up).
   */
  private async resumed(sellerId: string): Promise<void> {
    for (const listener of this.resumeListeners) {
      try {
        await listener(sellerId);
      } catch (error) {
        this.logger.error({
          msg: 'could not catch up with a seller that may trade again',
          sellerId,
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
}

type SellerRow = Omit<MarketplacerSellerEntity, 'syncedAt'>;

function rowOf(change: MarketplacerSellerChange, kept: MarketplacerSellerEntity | null): SellerRow {
  if (change.deleted) {
    return {
      id: change.id,
      legacyId: change.legacyId,
      businessName: kept?.businessName ?? null,
      accountType: kept?.accountType ?? null,
      online: false,
      deleted: true,
      active: false,
      emailAddress: kept?.emailAddress ?? null,
      phone: kept?.phone ?? null,
      metadataJson: kept?.metadataJson ?? '[]',
      marketplacerUpdatedAt: change.updatedAt,
    };
  }
  return {
    id: change.id,
    legacyId: change.legacyId,
    businessName: change.businessName,
    accountType: change.accountType,
    online: change.online ?? null,
    deleted: false,
    active: change.active,
    emailAddress: change.emailAddress ?? null,
    phone: change.phone ?? null,
    metadataJson: JSON.stringify(change.metadata ?? []),
    marketplacerUpdatedAt: change.updatedAt,
  };
}

const COMPARED: Array<keyof SellerRow> = ['legacyId', 'businessName', 'accountType', 'online', 'deleted', 'active', 'emailAddress', 'phone', 'metadataJson'];

function sameCopy(kept: MarketplacerSellerEntity, row: SellerRow): boolean {
  return COMPARED.every((field) => kept[field] === row[field]);
}

function isOlder(updatedAt: string, keptUpdatedAt: string | null): boolean {
  return keptUpdatedAt !== null && Date.parse(updatedAt) < Date.parse(keptUpdatedAt);
}
