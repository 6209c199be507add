import { Logger } from '@nestjs/common';
import type { PageOf } from '#marketplacer';
import type { SyncJob, SyncPageResult, SyncPosition } from '../sync-job.js';
import { eachItem, type ItemCounts } from './each-item.js';
import { MARKETPLACE_KEY } from './marketplace-feed.job.js';

/** What `keep` did with one page: items that changed the copy, items that could not be kept. */
export type ScanKept = ItemCounts;

/**
 * A marketplace-wide list read WHOLE on every run, for the lists Marketplacer pages but cannot filter
 * by change time (no `updatedSince`) nor by seller: one feed per marketplace, one request per page,
 * every item compared with the copy (`keep` writes only what changed). An item that fails is counted
 * and simply read again by the next scan, which reads everything anyway.
 *
 * The pending watermark is the scan's start time (ISO), carried from its first page to its end: once
 * committed as the watermark it tells admins when the last complete read began (anything changed in
 * Marketplacer before that is in the copy).
 */
export abstract class MarketplaceScanJob<Item> implements SyncJob {
  abstract readonly name: string;
  abstract readonly intervalMs: number;
  /** Items per request (Marketplacer's most). */
  protected readonly pageSize: number = 500;
  protected readonly scanLogger = new Logger('Sync');

  /** The page of the whole list after `after` (none: the first page). */
  protected abstract readPage(marketplace: string, page: { after?: string; first: number }): Promise<PageOf<Item>>;
  /** Brings the copy in line with one page; idempotent (a page is read again after a crash before its commit). */
  protected abstract keep(items: Item[]): Promise<ScanKept>;

  /** When a scan starts; a test may pin it. */
  protected now(): Date {
    return new Date();
  }

  /** Items read outside the scan (a webhook's re-read of one object) kept exactly as a page's. */
  takeItems(items: Item[]): Promise<ScanKept> {
    return this.keep(items);
  }

  async processPage(position: SyncPosition): Promise<SyncPageResult> {
    const startedAt = position.cursor === null || position.pendingWatermark === null ? this.now().toISOString() : position.pendingWatermark;
    const page = await this.readPage(MARKETPLACE_KEY, { after: position.cursor ?? undefined, first: this.pageSize });
    if (page.pageInfo.hasNextPage && !page.pageInfo.endCursor) throw new Error(`${this.name}: a page says more follow but gives no cursor to read them`);
    const kept = page.nodes.length ? await this.keep(page.nodes) : { changed: 0, failed: 0 };
    return {
      nextCursor: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null,
      pendingWatermark: startedAt,
      counts: { seen: page.nodes.length, changed: kept.changed, failed: kept.failed },
    };
  }

  /**
   * Items one at a time: `handle` says whether the item changed the copy; one that throws is counted
   * failed and logged with `what`, without stopping the page (the next scan reads it again).
   */
  protected eachItem(items: Item[], what: string, handle: (item: Item) => Promise<boolean>): Promise<ScanKept> {
    return eachItem(items, handle, (_item, reason) =>
      this.scanLogger.error({ msg: `could not keep ${what}; the next scan reads it again`, job: this.name, reason }),
    );
  }
}
