import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, DomainError, retryAt } from '#common';
import { AnymarketError, AnymarketMarketplaceApi, type AnymarketAccountContext } from '#anymarket';
import { MarketplacerCatalog, MarketplacerError, type AdvertInput, type MarketplacerAdvert } from '#marketplacer';
import { AccountsService, type ActiveAnymarketAccount, anymarketContextOf } from '../accounts/index.js';
import { advertInputFromPriceStock, advertInputFromTransmission } from './advert-input.mapper.js';
import type { ListingEntity, ListingState } from './entities/listing.entity.js';
import { priceRuleOf } from './listing-account.js';
import { ADVERT_REF_KEY, advertRefInput, newAdvertRef } from './listing-advert-ref.js';
import { ListingCatalogue } from './listing-catalogue.js';
import { ListingReporter } from './listing-reporter.js';
import { errorState, intendedState, reportedStateOf, wantsOnSale, type ReportedState } from './listing-status.mapper.js';
import { ListingStore } from './listing.store.js';
import type { ProductsConfig } from './products.config.js';
import { ProductsError, VALUE_OUT_OF_RANGE_CODE } from './products.errors.js';
import { isPermanentFailure } from '../work/index.js';

/** How one run at a listing ended, for the work queue. */
export type ListingRunOutcome =
  | { kind: 'done' }
  /** A newer request arrived meanwhile: its own job runs it. */
  | { kind: 'requeued' }
  /** Try again at `at` (a transient failure, or a job that came before the listing's retry was due). */
  | { kind: 'retry'; at: Date; listing: ListingEntity };

/**
 * The work behind sendProduct and deletePublication for one listing: read the transmission from
 * ANYMARKET, upsert the product's advert for the account's seller in Marketplacer, and report the
 * real status back with PUT /skumarketplace/{id}. Transient failures are retried with back-off up to
 * LISTING_MAX_ATTEMPTS; Marketplacer's validation messages are reported at once as the listing's error.
 * One run per listing and per ANYMARKET product at a time is the WorkQueue's job (ListingWork's key).
 */
@Injectable()
export class ListingSyncService {
  private readonly logger = new Logger('Listings');

  constructor(
    private readonly store: ListingStore,
    private readonly accounts: AccountsService,
    private readonly anymarket: AnymarketMarketplaceApi,
    private readonly catalog: MarketplacerCatalog,
    private readonly catalogue: ListingCatalogue,
    private readonly reporter: ListingReporter,
    @Inject(APP_CONFIG) private readonly config: ProductsConfig,
  ) {}

  /**
   * Works on the listing when it has work (queued and due, or left running by a process that died);
   * anything else (done already, a newer job will do it) costs this one read.
   */
  async process(id: number): Promise<ListingRunOutcome> {
    const listing = await this.store.get(id);
    if (!listing || (listing.state !== 'queued' && listing.state !== 'syncing')) return { kind: 'done' };
    const now = new Date();
    // A job that came before the retry's time (a duplicate, recovery): the listing runs at its time.
    if (listing.state === 'queued' && listing.nextAttemptAt !== null && listing.nextAttemptAt > now)
      return { kind: 'retry', at: listing.nextAttemptAt, listing };
    await this.store.markSyncing(id, now);
    return this.run(listing, listing.requestSeq);
  }

  private async run(listing: ListingEntity, seq: number): Promise<ListingRunOutcome> {
    const account = await this.accounts.findActiveAccount(listing.oi, listing.idAccount);
    if (!account) return this.giveUp(listing, seq, null, `ANYMARKET account ${listing.idAccount} of ${listing.oi} is not active here any more`);
    const api = anymarketContextOf(account);
    if (listing.requestedStatus === 'DELETED') return this.runWithdrawal(listing, seq, account, api);
    if (!api) return this.giveUp(listing, seq, null, `ANYMARKET account ${listing.idAccount} has no ANYMARKET token (saveAccount sent none)`);

    let state: ReportedState;
    let outcome: ListingState = 'synced';
    let lastError: string | null = null;
    try {
      const { advert, variantId } = await this.publish(listing, account, api);
      state = reportedStateOf(advert, variantId, listing) ?? intendedState(listing.requestedStatus);
    } catch (error) {
      if (!isRefusal(error)) return this.failed(listing, seq, api, error);
      lastError = marketplacerMessages(error);
      state = errorState(lastError);
      outcome = 'error';
      this.logger.warn({ msg: 'listing refused', listingId: listing.id, idSkuMarketplace: listing.idSkuMarketplace, code: error.code, reason: lastError });
    }
    try {
      await this.reporter.report(listing, api, state);
    } catch (error) {
      return this.failed(listing, seq, api, error);
    }
    return this.end(listing, seq, outcome, lastError);
  }

  /** Reads ANYMARKET, upserts the advert, records the ids and puts the advert on or off sale. */
  private async publish(
    listing: ListingEntity,
    account: ActiveAnymarketAccount,
    api: AnymarketAccountContext,
  ): Promise<{ advert: MarketplacerAdvert; variantId: string }> {
    const siblings = await this.store.siblings(listing);
    let placement = placementOf(listing, siblings);
    const mapping = { rule: priceRuleOf(account), onSale: wantsOnSale(listing.requestedStatus) };
    const transmissionId = Number(listing.idSkuMarketplace);

    let attributes: AdvertInput;
    const contentSent = !(listing.readMode === 'price_stock' && placement.advertId !== null && placement.variantId !== null);
    if (listing.readMode === 'price_stock' && placement.advertId !== null && placement.variantId !== null) {
      const priceStock = await this.anymarket.getSkuMarketplacePriceStock(api, transmissionId);
      attributes = advertInputFromPriceStock(priceStock, {
        ...mapping,
        ...placement,
        variantId: placement.variantId,
        optionTypes: null,
        attemptAutoPublish: false,
      });
    } else {
      const transmission = await this.anymarket.getSkuMarketplace(api, transmissionId);
      const facts = {
        title: (transmission.title || transmission.sku.title || null)?.slice(0, 500) ?? null,
        ean: (transmission.ean || transmission.sku.ean || null)?.slice(0, 64) ?? null,
        skuInMarketplace: transmission.skuInMarketplace || listing.skuInMarketplace,
        idProduct: listing.idProduct ?? String(transmission.sku.product.id),
        idSku: listing.idSku ?? String(transmission.sku.id),
      };
      await this.store.saveFacts(listing.id, facts, new Date());
      Object.assign(listing, facts);
      if (placement.advertId === null || listing.pendingAdvertRef !== null) placement = await this.recoverLostAdvert(listing, siblings, placement);
      const optionTypes = await this.optionTypesOf(listing, transmission.sku.product.category?.idInMarketplace);
      const mapped = advertInputFromTransmission(transmission, { ...mapping, ...placement, optionTypes, attemptAutoPublish: placement.advertId === null });
      if (mapped.ignored.length)
        this.logger.warn({ msg: 'mapped values that match nothing in Marketplacer were left out', listingId: listing.id, ignored: mapped.ignored });
      attributes = mapped.attributes;
    }

    const creating = placement.advertId === null;
    if (creating) {
      // Saved before asking, so that a lost answer can be found again (see listing-advert-ref.ts).
      const ref = newAdvertRef(listing);
      await this.store.saveFacts(listing.id, { pendingAdvertRef: ref }, new Date());
      listing.pendingAdvertRef = ref;
      attributes = { ...attributes, externalIds: [advertRefInput(ref)] };
    }
    let advert = await this.catalog.upsertAdvert({
      seller: account.seller.sellerId,
      ...(placement.advertId !== null ? { advertId: placement.advertId } : {}),
      attributes,
    });
    const variant = ourVariant(advert, placement.variantId, listing.skuInMarketplace, placement.siblingVariantIds);
    if (!variant) {
      throw new ProductsError(
        'MARKETPLACER_VARIANT_MISSING',
        'upstream',
        `Marketplacer's advert ${advert.id} has no variant for SKU ${listing.skuInMarketplace ?? '?'} after the upsert`,
      );
    }
    const facts = { advertId: advert.id, advertLegacyId: advert.legacyId, variantId: variant, pendingAdvertRef: null };
    await this.store.saveFacts(listing.id, facts, new Date());
    Object.assign(listing, facts);
    if (contentSent && advert.details?.vetting === 'rejected') advert = await this.resubmitForVetting(listing, advert);
    advert = await this.applyAvailability(advert, siblings, mapping.onSale);
    this.logger.log({ msg: 'listing upserted in Marketplacer', listingId: listing.id, advertId: advert.id, variantId: variant, created: creating });
    return { advert, variantId: variant };
  }

  /**
   * The advert an earlier attempt created but could not record (its answer was lost), found by the
   * references saved before asking: this listing's and, while the product has no advert yet, its
   * siblings'. Our SKU's variant in it is reused, so it is not added twice. A sibling may have
   * adopted that advert meanwhile: then the placement already names it and only the variant is found.
   */
  private async recoverLostAdvert(listing: ListingEntity, siblings: ListingEntity[], placement: AdvertPlacement): Promise<AdvertPlacement> {
    const candidates = placement.advertId === null ? [listing, ...siblings] : [listing];
    const refs = new Set(candidates.flatMap((candidate) => (candidate.pendingAdvertRef !== null ? [candidate.pendingAdvertRef] : [])));
    for (const ref of refs) {
      const [advert] = await this.catalog.findAdvertsByExternalId(ADVERT_REF_KEY, ref);
      if (!advert) continue;
      if (placement.advertId !== null && advert.id !== placement.advertId) {
        this.logger.warn({
          msg: "an earlier attempt created an advert that is not the product's; it is left as it is",
          listingId: listing.id,
          advertId: advert.id,
          productAdvertId: placement.advertId,
          ref,
        });
        return placement;
      }
      const ours = advert.details?.variants.find((variant) => listing.skuInMarketplace !== null && variant.sku === listing.skuInMarketplace)?.id ?? null;
      this.logger.warn({
        msg: 'found the advert an earlier attempt created without recording it; updating it instead of creating another',
        listingId: listing.id,
        advertId: advert.id,
        variantId: ours,
        ref,
      });
      return { advertId: advert.id, variantId: ours, siblingVariantIds: advert.variantIds.filter((id) => id !== ours) };
    }
    return placement;
  }

  /**
   * The seller sent the product again in full after Marketplacer's vetting rejected its advert: the
   * content is written again, so the advert goes back to vetting (advertVettingResubmit; editing alone
   * does not resubmit in Marketplacer). When the live schema refuses the mutation (feature
   * listings.vetting off) or Marketplacer refuses it, the advert stays rejected and is reported so.
   */
  private async resubmitForVetting(listing: ListingEntity, advert: MarketplacerAdvert): Promise<MarketplacerAdvert> {
    try {
      const resubmitted = (await this.catalog.resubmitAdvertVetting([advert.id])).find((candidate) => candidate.id === advert.id);
      this.logger.log({ msg: 'rejected advert resubmitted for vetting', listingId: listing.id, advertId: advert.id });
      return resubmitted ?? advert;
    } catch (error) {
      if (!(error instanceof MarketplacerError && ['MARKETPLACER_FEATURE_OFF', 'MARKETPLACER_VALIDATION_FAILED'].includes(error.code))) throw error;
      this.logger.warn({
        msg: 'rejected advert could not be resubmitted for vetting; it stays rejected',
        listingId: listing.id,
        advertId: advert.id,
        reason: describe(error),
      });
      return advert;
    }
  }

  /**
   * The advert as a whole: on sale when ANYMARKET wants this SKU on sale (unless vetting holds it),
   * off sale when no transmission of it wants to be on sale any more.
   */
  private async applyAvailability(advert: MarketplacerAdvert, siblings: ListingEntity[], onSale: boolean): Promise<MarketplacerAdvert> {
    const vetting = advert.details?.vetting;
    if (onSale && advert.state === 'unpublished' && vetting !== 'pending' && vetting !== 'rejected') {
      await this.catalog.setAdvertPublished(advert.id, true);
      return { ...advert, state: 'published' };
    }
    const othersOnSale = siblings.some((sibling) => sibling.advertId === advert.id && wantsOnSale(sibling.requestedStatus));
    if (!onSale && advert.state === 'published' && !othersOnSale) {
      await this.catalog.setAdvertPublished(advert.id, false);
      return { ...advert, state: 'unpublished' };
    }
    return advert;
  }

  /**
   * deletePublication: the transmission is gone from ANYMARKET, so nothing is reported back. The
   * advert is unpublished when this was its last transmission on sale; otherwise only this variant
   * goes off sale (`published: false` rather than `countOnHand: 0`, so the stock stays true and the
   * variant can come back as it was).
   */
  private async runWithdrawal(
    listing: ListingEntity,
    seq: number,
    account: ActiveAnymarketAccount,
    api: AnymarketAccountContext | null,
  ): Promise<ListingRunOutcome> {
    try {
      if (listing.advertId !== null && listing.variantId !== null) {
        const siblings = (await this.store.siblings(listing)).filter((sibling) => sibling.advertId === listing.advertId);
        if (siblings.some((sibling) => wantsOnSale(sibling.requestedStatus))) {
          const variants = [{ id: listing.variantId, published: false }, ...siblings.filter((s) => s.variantId !== null).map((s) => ({ id: s.variantId! }))];
          await this.catalog.upsertAdvert({ seller: account.seller.sellerId, advertId: listing.advertId, attributes: { variants } });
        } else {
          await this.catalog.setAdvertPublished(listing.advertId, false);
        }
      }
    } catch (error) {
      if (!(error instanceof MarketplacerError && error.code === 'MARKETPLACER_NOT_FOUND')) return this.failed(listing, seq, api, error);
      this.logger.warn({ msg: 'the advert of a deleted publication is already gone from Marketplacer', listingId: listing.id, advertId: listing.advertId });
    }
    this.logger.log({ msg: 'publication withdrawn from Marketplacer', listingId: listing.id, advertId: listing.advertId });
    return this.end(listing, seq, 'deleted', null);
  }

  private async optionTypesOf(listing: ListingEntity, categoryCode: string | undefined) {
    try {
      return await this.catalogue.optionTypesOf(categoryCode);
    } catch (error) {
      // Attributes are then matched by id only; the advert itself does not need the taxonomy copy.
      this.logger.warn({ msg: 'taxonomy copy unavailable; attributes matched by id only', listingId: listing.id, reason: describe(error) });
      return null;
    }
  }

  /** A failure that may pass: retried with back-off; a permanent one, or the last attempt, is reported as ERROR. */
  private async failed(listing: ListingEntity, seq: number, api: AnymarketAccountContext | null, error: unknown): Promise<ListingRunOutcome> {
    const reason = describe(error);
    if (error instanceof MarketplacerError && error.code === 'MARKETPLACER_NOT_FOUND' && listing.advertId !== null) {
      // The advert is gone from Marketplacer (deleted there): the next attempt creates a new one.
      this.logger.warn({ msg: 'advert no longer in Marketplacer; it will be created again', listingId: listing.id, advertId: listing.advertId });
      await this.store.unlinkAdvert(listing.accountId, listing.advertId, new Date());
    }
    const attempts = listing.attempts + 1;
    if (!isPermanentFailure(error) && attempts < this.config.listingMaxAttempts) {
      const at = retryAt(attempts, { baseMs: this.config.listingRetryBaseMs });
      this.logger.warn({ msg: 'listing work failed; will retry', listingId: listing.id, attempt: attempts, retryAt: at.toISOString(), reason });
      const applied = await this.store.finish(listing.id, seq, { state: 'queued', lastError: reason, attempts, nextAttemptAt: at }, new Date());
      return applied ? { kind: 'retry', at, listing } : { kind: 'requeued' };
    }
    return this.giveUp(listing, seq, listing.requestedStatus === 'DELETED' ? null : api, reason, error);
  }

  private async giveUp(listing: ListingEntity, seq: number, api: AnymarketAccountContext | null, reason: string, error?: unknown): Promise<ListingRunOutcome> {
    this.logger.error({
      msg: 'listing work failed for good',
      listingId: listing.id,
      idSkuMarketplace: listing.idSkuMarketplace,
      attempts: listing.attempts + 1,
      reason,
      ...(error !== undefined && !(error instanceof DomainError) && error instanceof Error ? { stack: error.stack } : {}),
    });
    // A transmission ANYMARKET does not have (404) or a token it refuses cannot be reported to.
    if (api && !(error instanceof AnymarketError && ['ANYMARKET_NOT_FOUND', 'ANYMARKET_AUTHENTICATION_FAILED'].includes(error.code))) {
      try {
        await this.reporter.report(listing, api, errorState(`Não foi possível publicar no marketplace: ${reason}`));
      } catch (reportError) {
        this.logger.error({ msg: 'could not report the listing error to ANYMARKET', listingId: listing.id, reason: describe(reportError) });
      }
    }
    return this.end(listing, seq, 'error', reason);
  }

  private async end(listing: ListingEntity, seq: number, state: ListingState, lastError: string | null): Promise<ListingRunOutcome> {
    const applied = await this.store.finish(listing.id, seq, { state, lastError }, new Date());
    return applied ? { kind: 'done' } : { kind: 'requeued' };
  }
}

/** Which advert and variant a run updates (advertId null: it creates the product's advert). */
interface AdvertPlacement {
  advertId: string | null;
  variantId: string | null;
  siblingVariantIds: string[];
}

/** From what this listing and its siblings (the product's other SKUs) recorded. */
function placementOf(listing: ListingEntity, siblings: ListingEntity[]): AdvertPlacement {
  const advertId = listing.advertId ?? siblings.find((sibling) => sibling.advertId !== null)?.advertId ?? null;
  return {
    advertId,
    variantId: advertId !== null && listing.advertId === advertId ? listing.variantId : null,
    siblingVariantIds: siblings.filter((s) => s.advertId === advertId && s.variantId !== null).map((s) => s.variantId!),
  };
}

/** Our variant in the upsert's answer: by id when it existed, else the new one carrying our SKU. */
function ourVariant(advert: MarketplacerAdvert, variantId: string | null, sku: string | null, siblingVariantIds: string[]): string | null {
  if (variantId !== null) return advert.variantIds.includes(variantId) ? variantId : null;
  const candidates = (advert.details?.variants ?? []).filter((variant) => !siblingVariantIds.includes(variant.id));
  return (candidates.find((variant) => sku !== null && variant.sku === sku) ?? (candidates.length === 1 ? candidates[0] : undefined))?.id ?? null;
}

/**
 * The listing's own "crítica", reported to ANYMARKET as ERROR with the reason and not retried:
 * Marketplacer refused it, or a value from ANYMARKET (price, stock, the account's rule) makes no sense.
 */
function isRefusal(error: unknown): error is DomainError {
  return (
    (error instanceof MarketplacerError && error.code === 'MARKETPLACER_VALIDATION_FAILED') ||
    (error instanceof ProductsError && error.code === VALUE_OUT_OF_RANGE_CODE)
  );
}

/** Marketplacer's own messages, field by field, for the seller. */
export function marketplacerMessages(error: DomainError): string {
  const messages = error.details.flatMap((detail) => detail.messages.map((message) => (detail.field ? `${detail.field}: ${message}` : message)));
  return messages.length ? messages.join('; ') : error.message;
}

function describe(error: unknown): string {
  if (error instanceof DomainError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
