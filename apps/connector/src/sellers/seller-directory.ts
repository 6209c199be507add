import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { APP_CONFIG } from '#common';
import { MarketplacerSellers, resolveGlobalId, type MarketplacerSeller, type MarketplacerSellerChange } from '#marketplacer';
import { SellerLinkStanding, SellerStandings, type SellerStandingSource } from '../accounts/index.js';
import { SyncService } from '../sync/index.js';
import { MarketplacerSellerEntity } from './entities/marketplacer-seller.entity.js';
import { inactiveReasonOf, standingOf, standingOfAnswer, type SellerStanding } from './seller-standing.js';
import type { SellersConfig } from './sellers.config.js';

/** The directory's feed job (one pair: the marketplace). */
export const SELLERS_JOB = 'sellers';

/**
 * The seller directory: the connector's copy of Marketplacer's sellers and the one place that says
 * whether a seller may trade. The `sellers` feed keeps it; activation (Accounts, through
 * `SellerStandings`) reads it while it is fresh (no Marketplacer request per call) and asks
 * Marketplacer when it is not. Whenever its copy of a seller changes it tells Accounts the seller's
 * standing (`SellerLinkStanding`), which applies it to the seller's links and so (de)activates
 * their accounts: the links are Accounts' rows, never written here.
 */
@Injectable()
export class SellerDirectory implements SellerStandingSource, OnModuleInit {
  constructor(
    @InjectRepository(MarketplacerSellerEntity) private readonly sellers: Repository<MarketplacerSellerEntity>,
    private readonly marketplacer: MarketplacerSellers,
    private readonly sync: SyncService,
    private readonly standings: SellerStandings,
    private readonly linkStanding: SellerLinkStanding,
    @Inject(APP_CONFIG) private readonly config: SellersConfig,
  ) {}

  /** Accounts asks the directory through its port (Accounts cannot depend on Sellers). */
  onModuleInit(): void {
    this.standings.answeredBy(this);
  }

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

  /** `refresh`, for Accounts (creating a link reads the seller afresh). */
  readNow(reference: string): Promise<MarketplacerSeller | null> {
    return this.refresh(reference);
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
    // Accounts first, then the copy (two writes, no shared transaction): should either fail, the copy
    // still differs from the seller, so its next read tells Accounts again (applying twice changes nothing).
    await this.linkStanding.apply(row.id, inactiveReasonOf(row));
    await this.sellers.upsert({ ...row, syncedAt: new Date() }, { conflictPaths: ['id'] });
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
