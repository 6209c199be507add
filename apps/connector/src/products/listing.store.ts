import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, LessThan, Not, type FindOptionsWhere, type Repository } from 'typeorm';
import { insertOrLoseRace } from '#common';
import { ListingEntity, type ListingReadMode, type ListingState, type RequestedStatus } from './entities/listing.entity.js';

/** What a sendProduct / deletePublication / resync asks for one transmission. */
export interface ListingRequest {
  account: { id: number; oi: string; idAccount: string };
  idSkuMarketplace: string;
  idSkuMarketplaceMain?: string | null;
  idSku?: string | null;
  idProduct?: string | null;
  skuInMarketplace?: string | null;
  requestedStatus: RequestedStatus;
  readMode: ListingReadMode;
}

/** Facts learnt while processing; written whether or not a newer request arrived meanwhile. */
export type ListingFacts = Partial<
  Pick<ListingEntity, 'advertId' | 'advertLegacyId' | 'variantId' | 'pendingAdvertRef' | 'title' | 'ean' | 'skuInMarketplace' | 'idProduct' | 'idSku'>
>;

/** The last report ANYMARKET accepted. */
export type ListingReport = Pick<ListingEntity, 'publicationStatus' | 'transmissionStatus' | 'marketplaceStatus' | 'reportedHash' | 'reportedAt'>;

/**
 * The listing table: the durable truth of listing work. A request bumps `requestSeq`; a run ends
 * with one conditional UPDATE on the sequence it started from, so the run that finishes an older
 * request leaves the listing queued for the newer one (whose job comes next: see ListingWork).
 */
@Injectable()
export class ListingStore {
  constructor(@InjectRepository(ListingEntity) private readonly listings: Repository<ListingEntity>) {}

  /** Listings per state: one grouped query. */
  async countsByState(): Promise<Array<{ state: ListingState; count: number }>> {
    const rows = await this.listings
      .createQueryBuilder('l')
      .select('l.state', 'state')
      .addSelect('COUNT(*)', 'count')
      .groupBy('l.state')
      .getRawMany<{ state: ListingState; count: string | number }>();
    return rows.map((row) => ({ state: row.state, count: Number(row.count) }));
  }

  /** Records a request durably (state queued) and tells whether the listing is new to Marketplacer. */
  async recordRequest(request: ListingRequest, now: Date): Promise<{ listing: ListingEntity; isNew: boolean }> {
    const key = { accountId: request.account.id, idSkuMarketplace: request.idSkuMarketplace };
    let existing = await this.listings.findOneBy(key);
    if (!existing) {
      const created = await insertOrLoseRace(
        (): Promise<ListingEntity | null> => this.listings.save(this.listings.create({ ...this.newListing(request, now) })),
        // Two requests for one new transmission at once: the other insert won; update it instead.
        () => Promise.resolve(null),
      );
      if (created) return { listing: created, isNew: true };
      existing = await this.listings.findOneByOrFail(key);
    }
    // A full read asked for earlier and not done yet (queued, running, failed) still has to happen.
    const readMode: ListingReadMode = existing.state !== 'synced' && existing.readMode === 'full' ? 'full' : request.readMode;
    await this.listings
      .createQueryBuilder()
      .update()
      .set({
        ...definedOnly({
          idSkuMarketplaceMain: request.idSkuMarketplaceMain,
          idSku: request.idSku,
          idProduct: request.idProduct,
          skuInMarketplace: request.skuInMarketplace,
        }),
        oi: request.account.oi,
        idAccount: request.account.idAccount,
        state: 'queued',
        requestedStatus: request.requestedStatus,
        readMode,
        requestSeq: () => 'request_seq + 1',
        attempts: 0,
        nextAttemptAt: null,
        // The seller re-sent after a rejection: Marketplacer gets to vet it again.
        ...(request.requestedStatus !== 'DELETED' ? { vettingRejectedReason: null } : {}),
        updatedAt: now,
      })
      .where('id = :id', { id: existing.id })
      .execute();
    const listing = await this.listings.findOneByOrFail({ id: existing.id });
    return { listing, isNew: listing.advertId === null || listing.variantId === null };
  }

  /** Admin resync: the same request again, with a full read. */
  async requeue(id: number, now: Date): Promise<void> {
    await this.listings
      .createQueryBuilder()
      .update()
      .set({ state: 'queued', readMode: 'full', requestSeq: () => 'request_seq + 1', attempts: 0, nextAttemptAt: null, updatedAt: now })
      .where('id = :id', { id })
      .execute();
  }

  /** The listing's work has started (its job runs; the WorkQueue's key keeps other runs of its product away). */
  async markSyncing(id: number, now: Date): Promise<void> {
    await this.listings.update({ id, state: In(['queued', 'syncing']) }, { state: 'syncing', updatedAt: now });
  }

  async saveFacts(id: number, facts: ListingFacts, now: Date): Promise<void> {
    const values = definedOnly(facts);
    if (Object.keys(values).length) await this.listings.update({ id }, { ...values, updatedAt: now });
  }

  async saveReport(id: number, report: ListingReport): Promise<void> {
    await this.listings.update({ id }, report);
  }

  /**
   * Ends a run. The outcome applies only if no newer request came (same `requestSeq`);
   * otherwise the listing stays queued. Returns whether the outcome applied.
   */
  async finish(
    id: number,
    seq: number,
    outcome: { state: ListingState; lastError: string | null; attempts?: number; nextAttemptAt?: Date | null },
    now: Date,
  ): Promise<boolean> {
    const result = await this.listings
      .createQueryBuilder()
      .update()
      .set({
        state: outcome.state,
        lastError: outcome.lastError,
        attempts: outcome.attempts ?? 0,
        nextAttemptAt: outcome.nextAttemptAt ?? null,
        updatedAt: now,
        ...(outcome.state === 'synced' ? { syncedAt: now } : {}),
      })
      .where('id = :id AND request_seq = :seq', { id, seq })
      .execute();
    if (result.affected === 1) return true;
    // The newer request's own job runs it: until then the listing shows as queued.
    await this.listings.update({ id, state: 'syncing' }, { state: 'queued', updatedAt: now });
    return false;
  }

  /** Listings whose work is not finished (queued, or left running by a process that stopped): what recovery queues again. */
  unfinished(): Promise<ListingEntity[]> {
    return this.listings.find({ where: { state: In(['queued', 'syncing']) }, order: { updatedAt: 'ASC' } });
  }

  /** The other live transmissions of the same ANYMARKET product on the account. */
  async siblings(listing: ListingEntity): Promise<ListingEntity[]> {
    if (listing.idProduct === null) return [];
    return this.listings.find({ where: { accountId: listing.accountId, idProduct: listing.idProduct, id: Not(listing.id), state: Not('deleted') } });
  }

  /** Forgets an advert Marketplacer no longer has, for every listing on it. */
  async unlinkAdvert(accountId: number, advertId: string, now: Date): Promise<void> {
    await this.listings.update({ accountId, advertId }, { advertId: null, advertLegacyId: null, variantId: null, updatedAt: now });
  }

  get(id: number): Promise<ListingEntity | null> {
    return this.listings.findOneBy({ id });
  }

  findByTransmission(accountIds: number[], idSkuMarketplace: string): Promise<ListingEntity | null> {
    return accountIds.length ? this.listings.findOneBy({ accountId: In(accountIds), idSkuMarketplace }) : Promise.resolve(null);
  }

  findBySku(accountId: number, where: { idSku?: string; skuInMarketplace?: string }): Promise<ListingEntity | null> {
    return this.listings.findOne({ where: { accountId, ...where }, order: { updatedAt: 'DESC' } });
  }

  /** The synced listings of these adverts (the ones the adverts poll reports on). */
  syncedOnAdverts(accountId: number, advertIds: string[]): Promise<ListingEntity[]> {
    if (advertIds.length === 0) return Promise.resolve([]);
    return this.listings.find({ where: { accountId, advertId: In(advertIds), state: 'synced', variantId: Not(IsNull()) } });
  }

  /** The synced listings of these adverts, of every account: one page of the marketplace's adverts feed, to fan out by account. */
  syncedOnAdvertsOfAnyAccount(advertIds: string[]): Promise<ListingEntity[]> {
    if (advertIds.length === 0) return Promise.resolve([]);
    return this.listings.find({ where: { advertId: In(advertIds), state: 'synced', variantId: Not(IsNull()) } });
  }

  /** The fingerprint of what ANYMARKET last accepted for the listing, as stored now. */
  async reportedHashOf(id: number): Promise<string | null> {
    const row = await this.listings.findOne({ select: { id: true, reportedHash: true }, where: { id } });
    return row?.reportedHash ?? null;
  }

  /** The adverts of the synced listings on a variant (a Variant webhook is about its advert's listings). */
  async advertIdsOfVariant(variantId: string): Promise<string[]> {
    const listings = await this.listings.find({ select: { advertId: true }, where: { variantId, state: 'synced', advertId: Not(IsNull()) } });
    return [...new Set(listings.map((listing) => listing.advertId!))];
  }

  /** Records which version of their adverts (`updatedAt`) the poll read for these listings. */
  async markAdvertsSeen(seen: Array<{ listingId: number; advertUpdatedAt: string }>): Promise<void> {
    const byVersion = new Map<string, number[]>();
    for (const { listingId, advertUpdatedAt } of seen) byVersion.set(advertUpdatedAt, [...(byVersion.get(advertUpdatedAt) ?? []), listingId]);
    for (const [advertSeenAt, ids] of byVersion) await this.listings.update({ id: In(ids) }, { advertSeenAt });
  }

  /** The account's listings that are synced (linked to an advert, nothing pending). */
  syncedOfAccount(accountId: number): Promise<ListingEntity[]> {
    return this.listings.find({ where: { accountId, state: 'synced' }, order: { id: 'ASC' } });
  }

  /** Of these adverts, the ones some listing (of any account, in any state) links. */
  async linkedAdvertIds(advertIds: string[]): Promise<string[]> {
    if (advertIds.length === 0) return [];
    const rows = await this.listings
      .createQueryBuilder('l')
      .select('DISTINCT l.advert_id', 'advertId')
      .where('l.advert_id IN (:...advertIds)', { advertIds })
      .getRawMany<{ advertId: string }>();
    return rows.map((row) => row.advertId);
  }

  /** Accounts with at least one listing linked to an advert. */
  async linkedAccountIds(): Promise<number[]> {
    const rows = await this.listings
      .createQueryBuilder('l')
      .select('DISTINCT l.account_id', 'accountId')
      .where('l.advert_id IS NOT NULL')
      .getRawMany<{ accountId: number | string }>();
    return rows.map((row) => Number(row.accountId));
  }

  /** When the oldest listing of any account was created (where the marketplace's first adverts scan starts), or null. */
  async firstCreatedAt(): Promise<Date | null> {
    const [first] = await this.listings.find({ order: { createdAt: 'ASC' }, take: 1 });
    return first?.createdAt ?? null;
  }

  list(filter: { accountId?: number; state?: ListingState }, page: { limit: number; beforeId?: number }): Promise<ListingEntity[]> {
    const where: FindOptionsWhere<ListingEntity> = {};
    if (filter.accountId !== undefined) where.accountId = filter.accountId;
    if (filter.state !== undefined) where.state = filter.state;
    if (page.beforeId !== undefined) where.id = LessThan(page.beforeId);
    return this.listings.find({ where, order: { id: 'DESC' }, take: page.limit });
  }

  /** A synced listing that cannot be reported any more (e.g. ANYMARKET no longer has its transmission). */
  async markError(id: number, reason: string, now: Date): Promise<void> {
    await this.listings.update({ id, state: 'synced' }, { state: 'error', lastError: reason, updatedAt: now });
  }

  async setVettingRejection(id: number, reason: string | null, now: Date): Promise<void> {
    await this.listings.update({ id }, { vettingRejectedReason: reason, updatedAt: now });
  }

  private newListing(request: ListingRequest, now: Date): Partial<ListingEntity> {
    return {
      accountId: request.account.id,
      oi: request.account.oi,
      idAccount: request.account.idAccount,
      idSkuMarketplace: request.idSkuMarketplace,
      idSkuMarketplaceMain: request.idSkuMarketplaceMain ?? null,
      idSku: request.idSku ?? null,
      idProduct: request.idProduct ?? null,
      skuInMarketplace: request.skuInMarketplace ?? null,
      title: null,
      ean: null,
      advertId: null,
      advertLegacyId: null,
      variantId: null,
      state: 'queued',
      requestedStatus: request.requestedStatus,
      // A new listing has nothing in Marketplacer yet: it needs the whole transmission.
      readMode: 'full',
      requestSeq: 1,
      attempts: 0,
      nextAttemptAt: null,
      publicationStatus: null,
      transmissionStatus: null,
      marketplaceStatus: null,
      reportedHash: null,
      reportedAt: null,
      vettingRejectedReason: null,
      lastError: null,
      createdAt: now,
      updatedAt: now,
      syncedAt: null,
    };
  }
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
