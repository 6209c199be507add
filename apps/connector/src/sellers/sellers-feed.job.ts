import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import { MarketplacerSellers, type MarketplacerSellerChange, type PageOf } from '#marketplacer';
import {
  MARKETPLACE_SHARE,
  MarketplaceFeedJob,
  type FeedQuery,
  type FeedShare,
  type FeedShareResult,
  SyncJobRegistry,
  type SyncConfig,
} from '../sync/index.js';
import { SELLERS_JOB, SellerDirectory } from './seller-directory.js';
import type { SellersConfig } from './sellers.config.js';

/** The first scan reads every seller Marketplacer has (and the deleted ones it still reports). */
const BEGINNING = '1970-01-01T00:00:00Z';

/**
 * The seller directory's feed: Marketplacer's `allSellers(updatedSince, includeDeleted: true)`, read
 * once for the whole marketplace. Every seller is kept (admins see who is connected and who went
 * offline), so the page is one share, the marketplace's own; a seller's change of standing reaches
 * its links, and so its accounts, in the same step. An idle cycle costs one request.
 */
@Injectable()
export class SellersFeedJob extends MarketplaceFeedJob<MarketplacerSellerChange, null> implements OnModuleInit {
  readonly name = SELLERS_JOB;
  readonly contractFeature = 'sellers.feed';
  readonly webhookTypes = ['Seller'] as const;
  readonly intervalMs: number;
  protected readonly shareConcurrency = 1;

  constructor(
    private readonly registry: SyncJobRegistry,
    private readonly marketplacer: MarketplacerSellers,
    private readonly directory: SellerDirectory,
    @Inject(APP_CONFIG) config: SellersConfig & SyncConfig,
  ) {
    super();
    this.intervalMs = config.syncSellersIntervalMs;
  }

  onModuleInit(): void {
    this.registry.register(this);
  }

  /** The directory serves activation and admins whether or not a seller is linked yet. */
  protected hasSubscribers(): Promise<boolean> {
    return Promise.resolve(true);
  }

  protected firstScanStart(): Promise<string> {
    return Promise.resolve(BEGINNING);
  }

  protected readPage(_marketplace: string, query: FeedQuery): Promise<PageOf<MarketplacerSellerChange>> {
    return this.marketplacer.listSellersUpdatedSince(query);
  }

  protected updatedAtOf(seller: MarketplacerSellerChange): string {
    return seller.updatedAt;
  }

  protected fanOut(sellers: MarketplacerSellerChange[]): Promise<Array<FeedShare<MarketplacerSellerChange, null>>> {
    return Promise.resolve(sellers.length ? [{ accountId: MARKETPLACE_SHARE, items: sellers, work: null }] : []);
  }

  protected handleShare({ items }: FeedShare<MarketplacerSellerChange, null>): Promise<FeedShareResult> {
    return this.eachItem(items, 'a seller', (seller) => this.directory.keep(seller));
  }
}
