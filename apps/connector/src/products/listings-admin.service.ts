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
   * "Advert vetted", with Marketplacer's own vetting: advertVettingApprove, or advertVettingReject with
   * the reason (the seller sees it). An approved advert that is unpublished is published when one of its
   * listings wants to be on sale (the listing's run does not publish while vetting holds it). The advert
   * as Marketplacer answers it is reported at once to ANYMARKET through the same fingerprinted report
   * as the adverts feed and the Advert webhook, so the change they see next sends nothing again.
   */
  async vet(id: number, body: VetListingDto): Promise<ListingDto> {
    const { listing, account, advertId } = await this.linked(id);
    const reason = body.approved ? null : body.reason!.trim();
    const answered = reason === null ? await this.catalog.approveAdvertVetting([advertId]) : await this.catalog.rejectAdvertVetting([advertId], reason);
    let advert = answered.find((candidate) => candidate.id === advertId);
    const onAdvert = (await this.store.syncedOnAdverts(listing.accountId, [advertId])).filter((candidate) => candidate.id !== listing.id);
    const listings = [listing, ...onAdvert];
    const now = new Date();
    for (const each of listings) await this.store.setVettingRejection(each.id, reason, now);
    if (advert && body.approved && advert.state === 'unpublished' && listings.some((each) => wantsOnSale(each.requestedStatus))) {
      await this.catalog.setAdvertPublished(advertId, true);
      advert = { ...advert, state: 'published' };
    }
    this.logger.log({ msg: 'advert vetted by an admin', listingId: listing.id, advertId, approved: body.approved });
    // Marketplacer answered without the advert: the Advert webhook or the adverts feed reports it.
    if (advert) await this.reportAll(listings, account, advert);
    return this.get(id);
  }

  private async reportAll(listings: ListingEntity[], account: ActiveAnymarketAccount, advert: MarketplacerAdvert): Promise<void> {
    const api = anymarketContextOf(account);
    if (!api) return;
    for (const listing of listings) {
      if (listing.variantId === null) continue;
      const state = reportedStateOf(advert, listing.variantId, listing);
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
