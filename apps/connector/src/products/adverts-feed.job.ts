import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import { MarketplacerCatalog, type MarketplacerAdvert, type PageOf } from '#marketplacer';
import { AccountsService, anymarketContextOf } from '../accounts/index.js';
import { MarketplaceFeedJob, type FeedQuery, type FeedShare, type FeedShareResult, SyncJobRegistry, type SyncConfig } from '../sync/index.js';
import type { ListingEntity } from './entities/listing.entity.js';
import { ListingReporter } from './listing-reporter.js';
import { reportedStateOf } from './listing-status.mapper.js';
import { ListingStore } from './listing.store.js';
import type { ProductsConfig } from './products.config.js';
import { isPermanentFailure } from '../work/index.js';

/** The first scan starts a little before the first listing: clocks of two systems differ. */
const FIRST_SCAN_MARGIN_MS = 60 * 60 * 1000;

/** One account's listings on a page's adverts, with those adverts (bare ones read in full where needed). */
interface AdvertsWork {
  listings: ListingEntity[];
  adverts: Map<string, MarketplacerAdvert>;
  /** Adverts whose details were read in full for this page. */
  readInFull: Set<string>;
}

/**
 * The adverts poll: Marketplacer's adverts change feed, read once for the whole marketplace (one
 * request per page whatever the number of sellers) and fanned out to the account of each synced
 * listing on a changed advert; for every listing whose Marketplacer state changed (vetting,
 * published, unpublished, deleted, stock, price) one `PUT /skumarketplace/{id}`. A listing whose
 * state equals the last one reported costs no call, so re-reading a page (the watermark is
 * inclusive; a crash before the commit) repeats nothing.
 */
@Injectable()
export class AdvertsFeedJob extends MarketplaceFeedJob<MarketplacerAdvert, AdvertsWork> implements OnModuleInit {
  readonly name = 'adverts';
  readonly contractFeature = 'adverts.feed';
  readonly webhookTypes = ['Advert', 'Variant'] as const;
  readonly intervalMs: number;
  protected readonly shareConcurrency: number;
  private readonly logger = new Logger('Listings');

  constructor(
    private readonly registry: SyncJobRegistry,
    private readonly accounts: AccountsService,
    private readonly store: ListingStore,
    private readonly catalog: MarketplacerCatalog,
    private readonly reporter: ListingReporter,
    @Inject(APP_CONFIG) config: ProductsConfig & SyncConfig,
  ) {
    super();
    this.intervalMs = config.syncAdvertsIntervalMs;
    this.shareConcurrency = config.syncConcurrency;
  }

  onModuleInit(): void {
    this.registry.register(this);
  }

  /** Some active account has a listing in Marketplacer. */
  protected async hasSubscribers(): Promise<boolean> {
    const linked = new Set(await this.store.linkedAccountIds());
    return (await this.accounts.listActiveAccountIds()).some((id) => linked.has(id));
  }

  protected async firstScanStart(): Promise<string> {
    const first = await this.store.firstCreatedAt();
    return new Date((first?.getTime() ?? Date.now()) - FIRST_SCAN_MARGIN_MS).toISOString();
  }

  /** `allAdverts(updatedSince)`, unfiltered: the whole marketplace's changes. */
  protected readPage(_marketplace: string, query: FeedQuery): Promise<PageOf<MarketplacerAdvert>> {
    return this.catalog.listAdvertsUpdatedSince(query);
  }

  protected updatedAtOf(advert: MarketplacerAdvert): string {
    return advert.updatedAt;
  }

  /**
   * The feed sends unpublished and deleted adverts without their seller, so an advert is routed by
   * the synced listings on it (each belongs to the account whose seller published it). Bare adverts
   * of ours are read in full once for the whole page, before the fan-out.
   */
  protected async fanOut(nodes: MarketplacerAdvert[]): Promise<Array<FeedShare<MarketplacerAdvert, AdvertsWork>>> {
    const listings = await this.store.syncedOnAdvertsOfAnyAccount(nodes.map((advert) => advert.id));
    if (listings.length === 0) return [];
    const { adverts, readInFull } = await this.withDetails(nodes, listings);
    const byAccount = new Map<number, ListingEntity[]>();
    for (const listing of listings) byAccount.set(listing.accountId, [...(byAccount.get(listing.accountId) ?? []), listing]);
    return [...byAccount].map(([accountId, own]) => {
      const ids = new Set(own.map((listing) => listing.advertId!));
      return { accountId, items: nodes.filter((advert) => ids.has(advert.id)), work: { listings: own, adverts, readInFull } };
    });
  }

  protected async handleShare({ accountId, work }: FeedShare<MarketplacerAdvert, AdvertsWork>): Promise<FeedShareResult> {
    const account = await this.accounts.findActiveAccountById(accountId);
    // An inactive account is not acted for: its listings are not reported (a resync brings them back).
    if (!account) return { changed: 0, failed: 0, retry: [] };
    const api = anymarketContextOf(account);
    let changed = 0;
    let failed = 0;
    const retry: string[] = [];
    // Listings whose advert was read in full and whose state is now reported: not read again unchanged.
    const seen: Array<{ listingId: number; advertUpdatedAt: string }> = [];
    for (const listing of work.listings) {
      const advert = work.adverts.get(listing.advertId!);
      // Unchanged since this listing last looked at it in full and reported it: nothing to tell.
      if (!advert || (isBareUnpublished(advert) && listing.advertSeenAt === advert.updatedAt)) continue;
      const state = reportedStateOf(advert, listing.variantId!, listing);
      const looked = work.readInFull.has(advert.id) ? { listingId: listing.id, advertUpdatedAt: advert.updatedAt } : null;
      if (!state) {
        if (looked) seen.push(looked);
        continue;
      }
      try {
        if (!api) throw new Error(`account ${account.id} has no ANYMARKET token`);
        if (await this.reporter.reportIfChanged(listing, api, state)) changed += 1;
        if (looked) seen.push(looked); // not when the report failed: the next scan reads it again
      } catch (error) {
        failed += 1;
        const reason = error instanceof Error ? error.message : String(error);
        this.logger.error({ msg: 'could not report a Marketplacer change to ANYMARKET', listingId: listing.id, advertId: listing.advertId, reason });
        if (isPermanentFailure(error)) {
          // Another scan would fail the same way: the listing leaves the poll (admins see it in error; a resync brings it back).
          await this.store.markError(listing.id, `ANYMARKET refused the status report: ${reason}`, new Date());
        } else {
          // Its fingerprint stays as it was, and the scan's mark is held at its advert: the next scan reports it.
          retry.push(advert.updatedAt);
        }
      }
    }
    await this.store.markAdvertsSeen(seen);
    return { changed, failed, retry };
  }

  /**
   * Reports each synced listing of the account as its advert is now (read in full, whatever the
   * feed's watermark): how an account that was stopped (its seller could not trade) catches up with
   * the changes the feed did not send it meanwhile. Only what differs from the last report is sent.
   */
  async catchUp(accountId: number): Promise<FeedShareResult> {
    const listings = (await this.store.syncedOfAccount(accountId)).filter((listing) => listing.advertId !== null);
    if (listings.length === 0) return { changed: 0, failed: 0, retry: [] };
    const found = await this.catalog.findAdvertsByIds([...new Set(listings.map((listing) => listing.advertId!))]);
    const adverts = new Map(found.map((advert) => [advert.id, advert]));
    return this.handleShare({ accountId, items: found, work: { listings, adverts, readInFull: new Set(adverts.keys()) } });
  }

  /**
   * The change feed sends unpublished adverts without their details; those of our listings are read
   * in full (one request per page at most, whatever the number of accounts), so a vetting hold is
   * told apart from an off-lining. One whose every listing was already looked at in this version
   * (`advertSeenAt`: the inclusive watermark brings the newest adverts back) is not read again: it
   * stays bare, and is skipped.
   */
  private async withDetails(
    nodes: MarketplacerAdvert[],
    listings: ListingEntity[],
  ): Promise<{ adverts: Map<string, MarketplacerAdvert>; readInFull: Set<string> }> {
    const adverts = new Map(nodes.map((advert) => [advert.id, advert]));
    const unseen = new Set<string>();
    for (const listing of listings) {
      const advert = adverts.get(listing.advertId!);
      if (advert && isBareUnpublished(advert) && listing.advertSeenAt !== advert.updatedAt) unseen.add(advert.id);
    }
    const readInFull = new Set<string>();
    if (unseen.size === 0) return { adverts, readInFull };
    for (const full of await this.catalog.findAdvertsByIds([...unseen])) {
      adverts.set(full.id, { ...full, state: 'unpublished', updatedAt: adverts.get(full.id)!.updatedAt });
      readInFull.add(full.id);
    }
    return { adverts, readInFull };
  }
}

/** How the change feed sends an unpublished advert: without its details (vetting among them). */
function isBareUnpublished(advert: MarketplacerAdvert): boolean {
  return advert.details === null && advert.state === 'unpublished';
}
