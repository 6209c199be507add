import { Inject, Injectable, Logger } from '@nestjs/common';
import { AnymarketBudgetShares, type AnymarketAccountContext, type AnymarketBackgroundBudget } from '#anymarket';
import { APP_CONFIG } from '#common';
import { type BackgroundBudget, MarketplacerBudgetShares, MarketplacerCatalog, type MarketplacerAdvert } from '#marketplacer';
import { anymarketContextOf, type ActiveAnymarketAccount } from '../accounts/index.js';
import { reconciliationShareOf, type SyncConfig } from '../sync/index.js';
import type { UnlinkedAdvert } from './entities/listing-reconciliation.entity.js';
import type { ListingEntity } from './entities/listing.entity.js';
import { decide, DRIFT_KINDS, needsReadById, type AdvertNow, type DriftKind } from './listing-drift.js';
import { ListingReconciliationStore, type ReconciliationOutcome } from './listing-reconciliation.store.js';
import { ListingReporter } from './listing-reporter.js';
import { ListingStore } from './listing.store.js';
import { ProductsMetrics } from './products.metrics.js';
import { isPermanentFailure } from '../work/index.js';

/** advertsWhere page size: adverts carry up to 100 variants each, so not Marketplacer's 500 ceiling. */
export const RECONCILIATION_PAGE_SIZE = 100;
/** Unlinked adverts kept per seller for operators (the count is whole). */
export const MAX_UNLINKED_LISTED = 50;

/**
 * One account's listings reconciliation: the seller's adverts (`advertsWhere(retailerIds: [seller])`,
 * published, unpublished and deleted) against the account's synced listings and what ANYMARKET was
 * last told. Its one repair is the adverts feed's: each listing reported as its advert is now, only
 * where that differs from the last report (ListingReporter), so a pass that finds nothing sends
 * nothing. Adverts no listing links are only listed. Every Marketplacer request and every report
 * first takes the reconciliation's share of the budget (RECONCILIATION_BUDGET_PERCENT).
 */
@Injectable()
export class ListingsReconciler {
  private readonly logger = new Logger('Listings');
  /** The reconciliation's share of Marketplacer's budget and of each seller's ANYMARKET token's. */
  private readonly marketplacerShare: BackgroundBudget;
  private readonly anymarketShare: AnymarketBackgroundBudget;

  constructor(
    private readonly catalog: MarketplacerCatalog,
    private readonly listings: ListingStore,
    private readonly reporter: ListingReporter,
    private readonly records: ListingReconciliationStore,
    marketplacerShares: MarketplacerBudgetShares,
    anymarketShares: AnymarketBudgetShares,
    private readonly metrics: ProductsMetrics,
    @Inject(APP_CONFIG) config: SyncConfig,
  ) {
    this.marketplacerShare = marketplacerShares.share(reconciliationShareOf(config));
    this.anymarketShare = anymarketShares.share(reconciliationShareOf(config));
  }

  /** Reconciles the account now and records the pass; a failure of the pass itself is recorded and thrown. */
  async reconcile(account: ActiveAnymarketAccount): Promise<ReconciliationOutcome> {
    const sellerId = account.seller.sellerId;
    const previousStart = await this.records.started(account.id, sellerId, new Date());
    const outcome = emptyOutcome();
    try {
      await this.compare(account, outcome);
    } catch (error) {
      outcome.error = error instanceof Error ? error.message : String(error);
      await this.records.finished(account.id, outcome, new Date());
      // A reason that may pass (Marketplacer unreachable, no share of the budget in time): the seller is due again at once.
      if (!isPermanentFailure(error)) await this.records.retryable(account.id, previousStart);
      this.logger.warn({ msg: 'listings reconciliation stopped short', accountId: account.id, sellerId, reason: outcome.error });
      throw error;
    }
    await this.records.finished(account.id, outcome, new Date());
    this.metrics.reconciled(outcome);
    const found = DRIFT_KINDS.reduce((sum, kind) => sum + outcome.drift[kind], 0);
    if (found || outcome.failed) {
      this.logger.log({
        msg: 'listings reconciled: drift reported to ANYMARKET',
        accountId: account.id,
        sellerId,
        drift: outcome.drift,
        repaired: outcome.repaired,
        failed: outcome.failed,
        unlinked: outcome.unlinkedCount,
      });
    }
    return outcome;
  }

  private async compare(account: ActiveAnymarketAccount, outcome: ReconciliationOutcome): Promise<void> {
    const mine = (await this.listings.syncedOfAccount(account.id)).filter((listing) => listing.advertId !== null && listing.variantId !== null);
    outcome.listingsChecked = mine.length;
    const byAdvert = new Map<string, ListingEntity[]>();
    for (const listing of mine) byAdvert.set(listing.advertId!, [...(byAdvert.get(listing.advertId!) ?? []), listing]);

    const seen = new Map<string, MarketplacerAdvert>();
    for await (const page of this.sellerAdverts(account.seller.sellerId, outcome)) {
      outcome.advertsSeen += page.length;
      for (const advert of page) if (byAdvert.has(advert.id)) seen.set(advert.id, advert);
      await this.listUnlinked(
        page.filter((advert) => !byAdvert.has(advert.id)),
        outcome,
      );
    }

    const api = anymarketContextOf(account);
    for (const [advertId, listings] of byAdvert) {
      const now = await this.advertNow(advertId, listings, seen.get(advertId), outcome);
      if (!now) continue;
      for (const listing of listings) await this.repair(account, api, listing, now, outcome);
    }
  }

  /** The seller's adverts, page by page, each page after its share of Marketplacer's budget. */
  private async *sellerAdverts(sellerId: string, outcome: ReconciliationOutcome): AsyncGenerator<MarketplacerAdvert[]> {
    let after: string | undefined;
    for (;;) {
      await this.marketplacerShare.acquire();
      outcome.marketplacerRequests += 1;
      const page = await this.catalog.findAdvertsBySeller(sellerId, { first: RECONCILIATION_PAGE_SIZE, after });
      yield page.nodes;
      if (!page.pageInfo.hasNextPage) return;
      if (!page.pageInfo.endCursor || page.pageInfo.endCursor === after)
        throw new Error(`advertsWhere of seller ${sellerId} says more follow but gives no new cursor`);
      after = page.pageInfo.endCursor;
    }
  }

  /**
   * What the advert of these listings is now. advertsWhere's answer settles a published advert; an
   * advert it did not return, or returned unpublished, is read by id (node(id)) to tell a deletion
   * (DeletedAdvert, or an id Marketplacer no longer knows: purged) from an off-lining or a vetting
   * hold, unless no listing on it could change by it. Null: nothing to compare.
   */
  private async advertNow(
    advertId: string,
    listings: ListingEntity[],
    fromAdvertsWhere: MarketplacerAdvert | undefined,
    outcome: ReconciliationOutcome,
  ): Promise<AdvertNow | null> {
    if (!listings.some((listing) => needsReadById(listing, fromAdvertsWhere))) {
      return fromAdvertsWhere ? { kind: 'found', advert: fromAdvertsWhere } : null;
    }
    await this.marketplacerShare.acquire();
    outcome.marketplacerRequests += 1;
    const byId = await this.catalog.findAdvert(advertId);
    if (!byId || byId.state === 'deleted') return { kind: 'gone' };
    // advertsWhere's copy carries the details (vetting) that node(id) leaves out of an UnpublishedAdvert.
    return { kind: 'found', advert: fromAdvertsWhere ?? byId };
  }

  private async repair(
    account: ActiveAnymarketAccount,
    api: AnymarketAccountContext | null,
    listing: ListingEntity,
    now: AdvertNow,
    outcome: ReconciliationOutcome,
  ): Promise<void> {
    const verdict = decide(listing, now);
    if (verdict.drift === null) return;
    outcome.drift[verdict.drift] += 1;
    try {
      if (!api) throw new Error(`account ${account.id} has no ANYMARKET token`);
      await this.anymarketShare.acquire(api);
      if (await this.reporter.reportIfChanged(listing, api, verdict.state)) outcome.repaired += 1;
    } catch (error) {
      outcome.failed += 1;
      this.logger.error({
        msg: 'could not report a reconciled listing to ANYMARKET; the next pass tries again',
        accountId: account.id,
        listingId: listing.id,
        advertId: listing.advertId,
        drift: verdict.drift,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** Adverts of the seller that no listing (of any account) links: listed for operators, never acted on. */
  private async listUnlinked(candidates: MarketplacerAdvert[], outcome: ReconciliationOutcome): Promise<void> {
    if (candidates.length === 0) return;
    const linked = new Set(await this.listings.linkedAdvertIds(candidates.map((advert) => advert.id)));
    for (const advert of candidates) {
      if (linked.has(advert.id)) continue;
      outcome.unlinkedCount += 1;
      if (outcome.unlinked.length < MAX_UNLINKED_LISTED) outcome.unlinked.push(unlinkedOf(advert));
    }
  }
}

function unlinkedOf(advert: MarketplacerAdvert): UnlinkedAdvert {
  return {
    id: advert.id,
    legacyId: advert.legacyId,
    title: advert.details?.title ?? null,
    skus: (advert.details?.variants ?? []).flatMap((variant) => (variant.sku ? [variant.sku] : [])),
  };
}

function emptyOutcome(): ReconciliationOutcome {
  return {
    advertsSeen: 0,
    listingsChecked: 0,
    marketplacerRequests: 0,
    drift: Object.fromEntries(DRIFT_KINDS.map((kind) => [kind, 0])) as Record<DriftKind, number>,
    repaired: 0,
    failed: 0,
    unlinkedCount: 0,
    unlinked: [],
    error: null,
  };
}
