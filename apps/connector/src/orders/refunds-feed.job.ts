import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import { MarketplacerOrders, type MarketplacerRefundRequest, type PageOf } from '#marketplacer';
import { MarketplaceFeedJob, type FeedQuery, type FeedShare, type FeedShareResult, SyncJobRegistry, type SyncConfig } from '../sync/index.js';
import type { OrderEntity } from './entities/order.entity.js';
import { refundedInFull, refundStanding, toOrderRefund, withRefund } from './order-refunds.js';
import { targetStatusOf } from './order-status.js';
import { OrderWork } from './orders.queue.js';
import { invoiceOf, OrderStore, refundsOf } from './order.store.js';
import type { OrdersConfig } from './orders.config.js';

/** How far back the first refunds scan starts (refunds come after their orders). */
const FIRST_SCAN_MARGIN_MS = 60 * 60 * 1000;

/**
 * The refund requests poll: Marketplacer's `updatedRefundRequests(updatedSince)`, read once for the
 * whole marketplace and fanned out to the account of the order of each request's invoice (requests
 * on invoices with no order here are not ours). Each request is kept on its order; when approved
 * requests give back the whole invoice, the order is cancelled in ANYMARKET (which has no partial
 * refund); partial refunds and denials stay on the order and its timeline for admins.
 */
@Injectable()
export class RefundsFeedJob extends MarketplaceFeedJob<MarketplacerRefundRequest, Map<string, OrderEntity>> implements OnModuleInit {
  readonly name = 'refund-requests';
  readonly contractFeature = 'refunds.feed';
  readonly webhookTypes = ['RefundRequest'] as const;
  readonly intervalMs: number;
  protected readonly shareConcurrency: number;

  constructor(
    private readonly registry: SyncJobRegistry,
    private readonly marketplacer: MarketplacerOrders,
    private readonly store: OrderStore,
    private readonly work: OrderWork,
    @Inject(APP_CONFIG) config: OrdersConfig & SyncConfig,
  ) {
    super();
    this.intervalMs = config.syncRefundsIntervalMs;
    this.shareConcurrency = config.syncConcurrency;
  }

  onModuleInit(): void {
    this.registry.register(this);
  }

  /** Some order is in ANYMARKET (refunds of anything else are nobody's here). */
  protected async hasSubscribers(): Promise<boolean> {
    return (await this.store.list({}, { limit: 1 })).length > 0;
  }

  protected async firstScanStart(): Promise<string> {
    const [oldest] = await this.store.oldest();
    return new Date((oldest?.createdAt.getTime() ?? Date.now()) - FIRST_SCAN_MARGIN_MS).toISOString();
  }

  protected readPage(_marketplace: string, query: FeedQuery): Promise<PageOf<MarketplacerRefundRequest>> {
    return this.marketplacer.listRefundRequestsUpdatedSince(query);
  }

  protected updatedAtOf(request: MarketplacerRefundRequest): string {
    return request.updatedAt;
  }

  protected async fanOut(requests: MarketplacerRefundRequest[]): Promise<Array<FeedShare<MarketplacerRefundRequest, Map<string, OrderEntity>>>> {
    const orders = await this.store.findByInvoiceIds(requests.map((request) => request.invoice.id));
    const byInvoice = new Map(orders.filter((order) => order.accountId !== null).map((order) => [order.invoiceId, order]));
    const shares = new Map<number, FeedShare<MarketplacerRefundRequest, Map<string, OrderEntity>>>();
    for (const request of requests) {
      const order = byInvoice.get(request.invoice.id);
      if (!order) continue;
      const share = shares.get(order.accountId!) ?? { accountId: order.accountId!, items: [], work: byInvoice };
      share.items.push(request);
      shares.set(order.accountId!, share);
    }
    return [...shares.values()];
  }

  protected handleShare({ items, work }: FeedShare<MarketplacerRefundRequest, Map<string, OrderEntity>>): Promise<FeedShareResult> {
    return this.eachItem(items, 'a refund request', (request) => this.keep(work, request));
  }

  /** Keeps one request on its order (unchanged: nothing written); cancels the order once the whole invoice is refunded. */
  private async keep(orders: Map<string, OrderEntity>, request: MarketplacerRefundRequest): Promise<boolean> {
    // Read again on purpose, not taken from the page's read in fanOut: an earlier request of the same
    // invoice in this page, or the invoices feed, may have changed the row since.
    const order = (await this.store.get(orders.get(request.invoice.id)!.id))!;
    const before = refundsOf(order);
    const refunds = withRefund(before, toOrderRefund(request));
    if (JSON.stringify(refunds) === JSON.stringify(before)) return false;
    const invoice = invoiceOf(order);
    const target = targetStatusOf(invoice, refundedInFull(invoice, refunds));
    const now = new Date();
    const work = await this.store.saveRefunds(order, refunds, target, now);
    await this.store.addEvent({
      orderId: order.id,
      source: 'marketplacer',
      action: 'refund request',
      outcome: 'info',
      detail: `${request.id} ${request.status}: refunds now ${refundStanding(invoice, refunds)}`,
      at: now,
    });
    if (work) await this.work.enqueue(order);
    return true;
  }
}
