import { Logger } from '@nestjs/common';
import type { PageOf } from '#marketplacer';
import { type SyncCounts, type SyncJob, type SyncPageResult, type SyncPosition, NO_COUNTS } from '../sync-job.js';
import { eachItem, type ItemCounts } from './each-item.js';
import { formatMark, markOf, nextMark } from './feed-mark.js';

/**
 * The key of the Marketplacer instance this connector serves: the one key of every job's feed (its
 * `sync_state` row and its runs), handed to `readPage`.
 */
export const MARKETPLACE_KEY = 'marketplace';

/** What a feed page is read with: changes at or after `updatedSince` (inclusive), after a cursor. */
export interface FeedQuery {
  updatedSince: string;
  after?: string;
  first: number;
}

/**
 * The `accountId` of a share that is the marketplace's own, not an account's: a feed that keeps every
 * item (the seller directory). Account ids start at 1.
 */
export const MARKETPLACE_SHARE = 0;

/** One account's part of a page: the page's items its seller owns, and what its handler needs of them. */
export interface FeedShare<Item, Work> {
  accountId: number;
  items: Item[];
  work: Work;
}

/** What a handler did with one account's share of a page. */
export interface FeedShareResult {
  changed: number;
  failed: number;
  /** `updatedAt` of the items that failed for a reason that may pass (the next scan reads from the earliest). */
  retry: string[];
}

/**
 * A marketplace-wide change feed read ONCE per marketplace and fanned out to accounts: one
 * Marketplacer request per page whatever the number of sellers (an idle cycle: one request), each
 * changed item read once. Marketplacer cannot filter these feeds by seller, so reading them per
 * account would cost accounts × pages.
 *
 * The base owns the feed's paging, its watermark (inclusive `updatedSince`, held at the earliest item
 * to retry with a " (retry)" mark), the first scan's start and the fan-out; a subclass says how to
 * read a page, who owns each item (`fanOut`, which may do page-wide work such as one details
 * request for the whole page) and what to do with one account's share (`handleShare`, idempotent
 * per item: a page is processed again after a crash before its commit). One account's failing share
 * never fails the page: its items are counted failed and read again by the next scan.
 */
export abstract class MarketplaceFeedJob<Item, Work> implements SyncJob {
  abstract readonly name: string;
  abstract readonly intervalMs: number;
  /** Items per feed request. */
  protected readonly pageSize: number = 500;
  /** Accounts' shares of one page handled at the same time. */
  protected abstract readonly shareConcurrency: number;
  protected readonly feedLogger = new Logger('Sync');

  /** Whether any account needs this feed now; when none does, a run reads nothing. */
  protected abstract hasSubscribers(): Promise<boolean>;
  /** Where the first scan starts (a little before anything an account could need). */
  protected abstract firstScanStart(): Promise<string>;
  /** One page of the marketplace's feed (Relay paging, as Marketplacer's `allAdverts` or `invoices`). */
  protected abstract readPage(marketplace: string, query: FeedQuery): Promise<PageOf<Item>>;
  /** The item's change time, as the feed's `updatedSince` compares it. */
  protected abstract updatedAtOf(item: Item): string;
  /** Which active account owns which items of the page; items nobody here owns are left out. */
  protected abstract fanOut(items: Item[]): Promise<Array<FeedShare<Item, Work>>>;
  /** Handles one account's share; single items that fail are counted, not thrown. */
  protected abstract handleShare(share: FeedShare<Item, Work>): Promise<FeedShareResult>;

  /** One page of the marketplace's feed (one watermark, one run at a time across every replica: the engine's lease). */
  async processPage(position: SyncPosition): Promise<SyncPageResult> {
    if (!(await this.hasSubscribers())) return { nextCursor: null, pendingWatermark: position.pendingWatermark, counts: NO_COUNTS };
    const updatedSince = position.watermark ? markOf(position.watermark).at : await this.firstScanStart();
    const page = await this.readPage(MARKETPLACE_KEY, { updatedSince, after: position.cursor ?? undefined, first: this.pageSize });
    const { results } = await this.handleItems(page.nodes);
    const mark = nextMark(
      position.pendingWatermark ? markOf(position.pendingWatermark) : null,
      updatedSince,
      page.nodes.map((item) => this.updatedAtOf(item)),
      results.flatMap((result) => result.retry),
    );
    const counts: SyncCounts = { seen: page.nodes.length, ...totalOf(results) };
    return { nextCursor: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null, pendingWatermark: formatMark(mark), counts };
  }

  /**
   * Items read outside the feed (a webhook's re-read of one object) handled exactly as a page's: the
   * same fan-out and share handlers, so the feed reading the same change later finds nothing to do
   * (and the other way round). `owners` is how many accounts own any of them (0: nobody's here).
   */
  async takeItems(items: Item[]): Promise<ItemCounts & { owners: number }> {
    const { shares, results } = await this.handleItems(items);
    return { owners: shares.length, ...totalOf(results) };
  }

  private async handleItems(items: Item[]): Promise<{ shares: Array<FeedShare<Item, Work>>; results: FeedShareResult[] }> {
    const shares = await this.fanOut(items);
    return { shares, results: await inLanes(shares, this.shareConcurrency, (share) => this.handleSafely(share)) };
  }

  /**
   * A share's items one at a time: `handle` says whether the item changed anything; an item that
   * throws is counted failed, logged with `what`, and holds the mark so the next scan reads it again.
   */
  protected async eachItem(items: Item[], what: string, handle: (item: Item) => Promise<boolean>): Promise<FeedShareResult> {
    const retry: string[] = [];
    const counts = await eachItem(items, handle, (item, reason) => {
      retry.push(this.updatedAtOf(item));
      this.feedLogger.error({ msg: `could not record ${what}; the next scan reads it again`, job: this.name, reason });
    });
    return { ...counts, retry };
  }

  /** A share that throws (its account's trouble, a database hiccup) fails its own items only; they are read again. */
  private async handleSafely(share: FeedShare<Item, Work>): Promise<FeedShareResult> {
    try {
      return await this.handleShare(share);
    } catch (error) {
      this.feedLogger.error({
        msg: "could not handle an account's share of a feed page; its items are read again by the next scan",
        job: this.name,
        accountId: share.accountId,
        items: share.items.length,
        reason: error instanceof Error ? error.message : String(error),
      });
      return { changed: 0, failed: share.items.length, retry: share.items.map((item) => this.updatedAtOf(item)) };
    }
  }
}

/** What the shares' handlers did, summed. */
function totalOf(results: FeedShareResult[]): ItemCounts {
  return results.reduce((sum, result) => ({ changed: sum.changed + result.changed, failed: sum.failed + result.failed }), { changed: 0, failed: 0 });
}

/** Runs `work` over `items`, at most `lanes` at a time; results in the items' order. */
async function inLanes<T, R>(items: T[], lanes: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(Math.max(1, lanes), items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]);
      }
    }),
  );
  return results;
}
