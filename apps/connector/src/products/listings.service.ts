import { Injectable, Logger } from '@nestjs/common';
import type { AnymarketIdentity } from '#anymarket';
import { MarketplacerCatalog, paginate, type MarketplacerAdvert, type MarketplacerVariant } from '#marketplacer';
import { AccountsService, type ActiveAnymarketAccount } from '../accounts/index.js';
import type { DeletePublicationDto, LinkableProductDto, SendProductDto } from './dto/publication.dto.js';
import type { ListingReadMode } from './entities/listing.entity.js';
import { ListingCatalogue } from './listing-catalogue.js';
import { intendedState, interimAnswer, reportedStateOf, type PublicationResponse } from './listing-status.mapper.js';
import { ListingStore } from './listing.store.js';
import { ListingWork } from './listings.queue.js';
import { productsErrors } from './products.errors.js';
import { draftFromCanActive, draftFromCanSave, publicationProblems, type PublicationDraft } from './publication-checks.js';

const SELLER_PAGE = 500;

/** The listing remotes ANYMARKET calls (remote_pt.yaml "Anúncios" and "Vínculo de SKU"). */
@Injectable()
export class ListingsService {
  private readonly logger = new Logger('Listings');

  constructor(
    private readonly accounts: AccountsService,
    private readonly store: ListingStore,
    private readonly work: ListingWork,
    private readonly catalogue: ListingCatalogue,
    private readonly catalog: MarketplacerCatalog,
  ) {}

  /**
   * Records the work durably (the listing, queued), queues a job for it and answers with the interim
   * status at once; the work runs right after, on any replica (recovery at start re-queues what a
   * process recorded but could not queue).
   */
  async sendProduct(caller: AnymarketIdentity, body: SendProductDto): Promise<PublicationResponse> {
    const account = await this.account(caller.oi, body.idAccount);
    const readMode: ListingReadMode =
      body.onlySync === true || (body.onlySyncPrice === true && body.onlySyncStock === true && body.onlySyncStatus === true) ? 'price_stock' : 'full';
    const { listing, isNew } = await this.store.recordRequest(
      {
        account: { id: account.id, oi: account.oi, idAccount: account.idAccount },
        idSkuMarketplace: String(body.idSkuMarketplace),
        idSkuMarketplaceMain: idOrUndefined(body.idSkuMarketplaceMain),
        idSku: idOrUndefined(body.idSku),
        idProduct: idOrUndefined(body.idProduct),
        // Updates may carry `skuInMarketplace: null`; the one already known is kept then.
        skuInMarketplace: body.skuInMarketplace?.trim() || undefined,
        requestedStatus: body.status ?? 'ACTIVE',
        readMode,
      },
      new Date(),
    );
    this.logger.log({
      msg: 'sendProduct recorded',
      listingId: listing.id,
      accountId: account.id,
      idSkuMarketplace: listing.idSkuMarketplace,
      status: listing.requestedStatus,
      readMode,
      isNew,
    });
    await this.work.enqueue(listing);
    return interimAnswer(isNew);
  }

  /**
   * Records that the SKU must go off sale in Marketplacer and answers at once, as sendProduct does (a
   * rate-limit wait must not hold ANYMARKET's call); the work runs right after, retried when it fails.
   */
  async deletePublication(caller: AnymarketIdentity, body: DeletePublicationDto): Promise<void> {
    const accounts = body.idAccount != null ? [await this.account(caller.oi, body.idAccount)] : await this.accounts.listActiveAccountsOf(caller.oi);
    const listing = await this.store.findByTransmission(
      accounts.map((account) => account.id),
      String(body.idSkuMarketplace),
    );
    if (!listing) {
      this.logger.warn({
        msg: 'deletePublication for a transmission never listed here; nothing to withdraw',
        oi: caller.oi,
        idSkuMarketplace: body.idSkuMarketplace,
      });
      return;
    }
    const { listing: withdrawn } = await this.store.recordRequest(
      {
        account: { id: listing.accountId, oi: listing.oi, idAccount: listing.idAccount },
        idSkuMarketplace: listing.idSkuMarketplace,
        requestedStatus: 'DELETED',
        readMode: 'full',
      },
      new Date(),
    );
    this.logger.log({ msg: 'deletePublication recorded', listingId: listing.id, idSkuMarketplace: listing.idSkuMarketplace });
    await this.work.enqueue(withdrawn);
  }

  /** canActive: the SKU preview, before attributes are mapped. */
  async canActive(body: unknown): Promise<true> {
    return this.check(draftFromCanActive(body));
  }

  /** canSave: the transmission preview, with its mapped attributes. */
  async canSave(body: unknown): Promise<true> {
    return this.check(draftFromCanSave(body));
  }

  /** getDefaultSkuFields: the account's price defaults, plus title and EAN when the SKU was listed here before. */
  async defaultSkuFields(caller: AnymarketIdentity, idSku: string, idAccount?: string): Promise<Record<string, string>> {
    const account = await this.account(caller.oi, idAccount);
    const listing = await this.store.findBySku(account.id, { idSku });
    const { discountValue, discountType, priceFactor } = account.settings;
    return {
      ...(listing?.ean ? { EAN: listing.ean } : {}),
      ...(listing?.title ? { title: listing.title } : {}),
      DISCOUNT_VALUE: String(discountValue),
      DISCOUNT_TYPE: discountType,
      HAS_DISCOUNT: String(discountValue > 0),
      priceFactor: String(priceFactor),
    };
  }

  /**
   * `/product/{partnerId}`: the seller's Marketplacer advert whose variant has this SKU, for ANYMARKET
   * to link. Looked up through the listings first; otherwise the seller's adverts are read page by page
   * (the catalogue port has no look-up by variant SKU).
   */
  async linkableProduct(caller: AnymarketIdentity, partnerId: string, idAccount?: string): Promise<LinkableProductDto> {
    const account = await this.account(caller.oi, idAccount);
    const found = (await this.findThroughListings(account, partnerId)) ?? (await this.findInSellerAdverts(account, partnerId));
    if (!found) throw productsErrors.productNotFound(partnerId);
    const { advert, variant, listing } = found;
    const requestedStatus = listing?.requestedStatus ?? 'ACTIVE';
    const state = reportedStateOf(advert, variant.id, { requestedStatus }) ?? intendedState(requestedStatus);
    const price = Number(variant.price ?? 0);
    const skuInMarketplace = filled(variant.sku) ?? partnerId;
    const ean = filled(variant.barcode) ?? filled(listing?.ean);
    return {
      idInMarketplace: advert.id,
      publicationStatus: state.status,
      marketplaceStatus: state.marketplaceStatus,
      skuInMarketplace,
      // remote_pt.yaml VinculoSku: title is required and never empty; a blank Marketplacer title falls back.
      title: filled(advert.details?.title) ?? filled(listing?.title) ?? `Anúncio ${advert.legacyId} - SKU ${skuInMarketplace}`,
      // An EAN is never made up: none known, none sent (ADR 0011).
      ...(ean ? { ean } : {}),
      priceFactor: account.settings.priceFactor,
      price,
      discountPrice: variant.salePrice !== null ? Number(variant.salePrice) : price,
    };
  }

  private async check(draft: PublicationDraft): Promise<true> {
    const problems = publicationProblems(draft, await this.catalogue.facts(draft.categoryCode, draft.brandCode));
    if (problems.length) throw productsErrors.publicationInvalid(problems);
    return true;
  }

  private async findThroughListings(account: ActiveAnymarketAccount, partnerId: string) {
    const listing = await this.store.findBySku(account.id, { skuInMarketplace: partnerId });
    if (!listing?.advertId) return null;
    const [advert] = await this.catalog.findAdvertsByIds([listing.advertId]);
    const variant = advert?.details?.variants.find((candidate) => candidate.id === listing.variantId || candidate.sku === partnerId);
    return advert && variant ? { advert, variant, listing } : null;
  }

  private async findInSellerAdverts(
    account: ActiveAnymarketAccount,
    partnerId: string,
  ): Promise<{ advert: MarketplacerAdvert; variant: MarketplacerVariant; listing: null } | null> {
    for await (const page of paginate((after) => this.catalog.findAdvertsBySeller(account.seller.sellerId, { after, first: SELLER_PAGE }))) {
      for (const advert of page.nodes) {
        if (advert.state === 'deleted') continue;
        const variant = advert.details?.variants.find((candidate) => candidate.sku === partnerId);
        if (variant) return { advert, variant, listing: null };
      }
    }
    return null;
  }

  /** The caller's active account `idAccount`; without one, the organisation's only active account. */
  private async account(oi: string, idAccount: string | number | null | undefined): Promise<ActiveAnymarketAccount> {
    const given = idAccount !== undefined && idAccount !== null && String(idAccount).trim() !== '' ? String(idAccount).trim() : undefined;
    return this.accounts.callerAccount(oi, given);
  }
}

/** The text when it has any non-blank character, else undefined. */
function filled(text: string | null | undefined): string | undefined {
  return text?.trim() ? text : undefined;
}

function idOrUndefined(value: number | null | undefined): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}
