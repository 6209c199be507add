import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import { MarketplacerCatalog, type MarketplacerAdvert } from '#marketplacer';
import { AccountsService } from '../accounts/accounts.service.js';
import { NO_COUNTS, type SyncJob, type SyncPageResult, type SyncPosition } from '../sync/sync-job.js';
import { SyncJobRegistry } from '../sync/sync-job.registry.js';
import type { ListingEntity } from './entities/listing.entity.js';
import { anymarketContextOf } from './listing-account.js';
import { ListingReporter } from './listing-reporter.js';
import { reportedStateOf } from './listing-status.mapper.js';
import { ListingStore } from './listing.store.js';
import type { ProductsConfig } from './products.config.js';
import { isPermanentFailure } from './remote-failures.js';

const PAGE_SIZE = 500;
/** The first scan starts a little before the account's first listing: clocks of two systems differ. */
const FIRST_SCAN_MARGIN_MS = 60 * 60 * 1000;

/**
 * The adverts poll: Marketplacer's change feed per account (its linked seller), and for every
 * synced listing whose Marketplacer state changed (vetting, published, unpublished, deleted, stock,
 * price) one `PUT /skumarketplace/{id}`. A listing whose state equals the last one reported costs no
 * call, so re-reading a page (the watermark is inclusive; a crash before the commit) repeats nothing.
 */
@Injectable()
export class AdvertsPollJob implements SyncJob, OnModuleInit {
  readonly name = 'adverts';
  readonly intervalMs: number;
  private readonly logger = new Logger('Listings');

  constructor(
    private readonly registry: SyncJobRegistry,
    private readonly accounts: AccountsService,
    private readonly store: ListingStore,
    private readonly catalog: MarketplacerCatalog,
    private readonly reporter: ListingReporter,
    @Inject(APP_CONFIG) config: ProductsConfig,
  ) {
    this.intervalMs = config.syncAdvertsIntervalMs;
  }

  onModuleInit(): void {
    this.registry.register(this);
  }

  /** Active accounts with at least one listing in Marketplacer; the key is the account id. */
  async listAccountKeys(): Promise<string[]> {
    const linked = new Set(await this.store.linkedAccountIds());
    return (await this.accounts.listActiveAccountIds()).filter((id) => linked.has(id)).map(String);
  }

  async processPage(accountKey: string, position: SyncPosition): Promise<SyncPageResult> {
    const account = await this.accounts.findActiveAccountById(Number(accountKey));
    if (!account) return { nextCursor: null, pendingWatermark: position.pendingWatermark, counts: NO_COUNTS };
    const updatedSince = position.watermark ? markOf(position.watermark).at : await this.firstScanStart(account.id);
    const page = await this.catalog.listAdvertsUpdatedSince({
      updatedSince,
      sellers: [account.seller.sellerId],
      after: position.cursor ?? undefined,
      first: PAGE_SIZE,
    });
    const listings = await this.store.syncedOnAdverts(
      account.id,
      page.nodes.map((advert) => advert.id),
    );
    const { adverts, readInFull } = await this.withDetails(page.nodes, listings);
    const api = anymarketContextOf(account);
    let changed = 0;
    let failed = 0;
    const failedAt: string[] = [];
    // Listings whose advert was read in full and whose state is now reported: not read again unchanged.
    const seen: Array<{ listingId: number; advertUpdatedAt: string }> = [];
    for (const listing of listings) {
      const advert = adverts.get(listing.advertId!);
      // Unchanged since this listing last looked at it in full and reported it: nothing to tell.
      if (!advert || (isBareUnpublished(advert) && listing.advertSeenAt === advert.updatedAt)) continue;
      const state = reportedStateOf(advert, listing.variantId!, listing);
      const looked = readInFull.has(advert.id) ? { listingId: listing.id, advertUpdatedAt: advert.updatedAt } : null;
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
          failedAt.push(advert.updatedAt);
        }
      }
    }
    await this.store.markAdvertsSeen(seen);
    const previous = position.pendingWatermark ? markOf(position.pendingWatermark) : null;
    const mark: Mark = previous?.held
      ? previous
      : failedAt.length
        ? { at: earliest(failedAt), held: true }
        : { at: latest([previous?.at, updatedSince, ...page.nodes.map((advert) => advert.updatedAt)])!, held: false };
    return {
      nextCursor: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null,
      pendingWatermark: formatMark(mark),
      counts: { seen: page.nodes.length, changed, failed },
    };
  }

  /**
   * The change feed sends unpublished adverts without their details; those of our listings are read
   * in full (one request per page at most), so a vetting hold is told apart from an off-lining.
   * One whose every listing was already looked at in this version (`advertSeenAt`: the inclusive
   * watermark brings the newest adverts back) is not read again: it stays bare, and is skipped.
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

  private async firstScanStart(accountId: number): Promise<string> {
    const first = await this.store.firstCreatedAt(accountId);
    return new Date((first?.getTime() ?? Date.now()) - FIRST_SCAN_MARGIN_MS).toISOString();
  }
}

/**
 * How far a scan got: the newest `updatedAt` read, or, once an item could not be reported, the
 * `updatedAt` of the first such advert, held there for the rest of the scan (written with a
 * " (retry)" suffix) so the next scan reads it again. Opaque to the engine, readable by admins.
 */
interface Mark {
  at: string;
  held: boolean;
}
const HELD = ' (retry)';
const markOf = (value: string): Mark => (value.endsWith(HELD) ? { at: value.slice(0, -HELD.length), held: true } : { at: value, held: false });
const formatMark = (mark: Mark): string => (mark.held ? `${mark.at}${HELD}` : mark.at);

/** How the change feed sends an unpublished advert: without its details (vetting among them). */
function isBareUnpublished(advert: MarketplacerAdvert): boolean {
  return advert.details === null && advert.state === 'unpublished';
}

function latest(values: Array<string | null | undefined>): string | null {
  let best: string | null = null;
  for (const value of values) if (value && (best === null || Date.parse(value) > Date.parse(best))) best = value;
  return best;
}

function earliest(values: string[]): string {
  return values.reduce((best, value) => (Date.parse(value) < Date.parse(best) ? value : best));
}
