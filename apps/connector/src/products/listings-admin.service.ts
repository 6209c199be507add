import { Injectable, Logger } from '@nestjs/common';
import { InvalidInputError } from '#common';
import { MarketplacerCatalog, type AdvertInput, type MarketplacerAdvert } from '#marketplacer';
import { AccountsService, type ActiveAnymarketAccount, anymarketContextOf } from '../accounts/index.js';
import { advertOptionValuesFrom } from './advert-input.mapper.js';
import { EnrichListingDto, ListingDto, ListListingsQuery, VetListingDto } from './dto/listing-admin.dto.js';
import type { ListingEntity } from './entities/listing.entity.js';
import { ListingCatalogue } from './listing-catalogue.js';
import { ListingReporter } from './listing-reporter.js';
import { reportedStateOf, wantsOnSale } from './listing-status.mapper.js';
import { ListingStore } from './listing.store.js';
import { ListingWork } from './listings.queue.js';
import { productsErrors } from './products.errors.js';

/** What admins see of listings and the Products flows of the integration map that have no ANYMARKET trigger. */
@Injectable()
export class ListingsAdminService {
  private readonly logger = new Logger('Listings');

  constructor(
    private readonly store: ListingStore,
    private readonly work: ListingWork,
    private readonly accounts: AccountsService,
    private readonly catalog: MarketplacerCatalog,
    private readonly catalogue: ListingCatalogue,
    private readonly reporter: ListingReporter,
  ) {}

  async list(query: ListListingsQuery): Promise<ListingDto[]> {
    return (await this.store.list({ accountId: query.accountId, state: query.state }, { limit: query.limit, beforeId: query.beforeId })).map(ListingDto.from);
  }

  async get(id: number): Promise<ListingDto> {
    return ListingDto.from(await this.listing(id));
  }

  /** Queues the listing's last request again with a full read, and starts it. */
  async resync(id: number): Promise<ListingDto> {
    const listing = await this.listing(id);
    await this.store.requeue(id, new Date());
    await this.work.enqueue(listing);
    this.logger.log({ msg: 'listing resync requested by an admin', listingId: id });
    return this.get(id);
  }

  /** "Product enriched": the operator's title, description, images or attributes on the linked advert. */
  async enrich(id: number, body: EnrichListingDto): Promise<ListingDto> {
    const { listing, account, advertId } = await this.linked(id);
    const attributes: AdvertInput = {};
    if (body.title !== undefined) attributes.title = body.title;
    if (body.description !== undefined) attributes.description = body.description;
    if (body.images !== undefined) attributes.images = body.images.map((sourceUrl) => ({ sourceUrl }));
    if (body.attributes !== undefined) attributes.advertOptionValues = await this.optionValues(advertId, body.attributes);
    if (Object.keys(attributes).length === 0) throw productsErrors.nothingToChange();
    await this.catalog.upsertAdvert({ seller: account.seller.sellerId, advertId, attributes });
    this.logger.log({ msg: 'advert enriched by an admin', listingId: listing.id, advertId, fields: Object.keys(attributes) });
    return this.get(id);
  }

  /**
   * "Advert vetted". AdvertInput (the contract of advertUpsert) has no vetting field, and the port has
   * no advertVettingApprove/Reject: the decision is recorded on the advert as metadata through
   * advertUpsert, applied by publishing (approved) or unpublishing (rejected) the advert, kept on its
   * listings, and reported to ANYMARKET (a rejection as ERROR with the reason).
   */
  async vet(id: number, body: VetListingDto): Promise<ListingDto> {
    const { listing, account, advertId } = await this.linked(id);
    const reason = body.approved ? null : body.reason!.trim();
    const metadata = [
      { key: 'connector_vetting', value: body.approved ? 'approved' : 'rejected' },
      { key: 'connector_vetting_reason', value: reason ?? '' },
    ];
    let advert = await this.catalog.upsertAdvert({ seller: account.seller.sellerId, advertId, attributes: { metadata } });
    const onAdvert = (await this.store.syncedOnAdverts(listing.accountId, [advertId])).filter((candidate) => candidate.id !== listing.id);
    const listings = [listing, ...onAdvert];
    const now = new Date();
    for (const each of listings) await this.store.setVettingRejection(each.id, reason, now);
    const shouldBeOnSale = body.approved && listings.some((each) => wantsOnSale(each.requestedStatus));
    if (advert.state !== 'deleted' && (advert.state === 'published') !== shouldBeOnSale) {
      await this.catalog.setAdvertPublished(advertId, shouldBeOnSale);
      advert = { ...advert, state: shouldBeOnSale ? 'published' : 'unpublished' };
    }
    this.logger.log({ msg: 'advert vetted by an admin', listingId: listing.id, advertId, approved: body.approved });
    await this.reportAll(listings, account, advert, reason);
    return this.get(id);
  }

  private async reportAll(listings: ListingEntity[], account: ActiveAnymarketAccount, advert: MarketplacerAdvert, reason: string | null): Promise<void> {
    const api = anymarketContextOf(account);
    if (!api) return;
    for (const listing of listings) {
      if (listing.variantId === null) continue;
      const state = reportedStateOf(advert, listing.variantId, { requestedStatus: listing.requestedStatus, vettingRejectedReason: reason });
      if (state) await this.reporter.reportIfChanged(listing, api, state);
    }
  }

  private async optionValues(advertId: string, attributes: Record<string, unknown>) {
    const invalid = Object.entries(attributes).filter(([, value]) => typeof value !== 'string');
    if (invalid.length)
      throw new InvalidInputError(
        'Attribute values must be strings',
        invalid.map(([code]) => ({ field: `attributes.${code}`, messages: ['must be a string'] })),
      );
    const [advert] = await this.catalog.findAdvertsByIds([advertId]);
    const optionTypes = await this.catalogue.optionTypesOf(advert?.details?.taxon?.id);
    const ignored: string[] = [];
    const values = advertOptionValuesFrom(attributes as Record<string, string>, optionTypes, ignored);
    if (ignored.length) {
      throw new InvalidInputError(
        "Some attributes match nothing in the advert's category",
        ignored.map((what) => ({ field: 'attributes', messages: [`${what} matches no option type or value`] })),
      );
    }
    return values;
  }

  private async linked(id: number): Promise<{ listing: ListingEntity; account: ActiveAnymarketAccount; advertId: string }> {
    const listing = await this.listing(id);
    if (listing.advertId === null) throw productsErrors.listingNotLinked(id);
    const account = await this.accounts.callerAccount(listing.oi, listing.idAccount);
    return { listing, account, advertId: listing.advertId };
  }

  private async listing(id: number): Promise<ListingEntity> {
    const listing = await this.store.get(id);
    if (!listing) throw productsErrors.listingNotFound(id);
    return listing;
  }
}
