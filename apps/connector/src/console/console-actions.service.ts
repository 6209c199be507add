import { Injectable, Logger } from '@nestjs/common';
import { currentRequestId, failureOutcomeOf } from '#common';
import { SellerLinksOverview } from '../accounts/index.js';
import { AdminAuditService } from '../audit/index.js';
import { OrdersAdminService } from '../orders/index.js';
import { ListingsAdminService } from '../products/index.js';
import { SellersAdminService } from '../sellers/index.js';
import { WebhooksAdminService } from '../webhooks/index.js';
import { WorkAdminService } from '../work/index.js';
import { consoleErrors } from './console.errors.js';

/** What an admin is shown for an unexpected failure (its message is for the log only). */
const UNEXPECTED = 'The action failed unexpectedly; the error is in the log';

/** What an action did, shown once on the page the browser goes back to. */
export interface Flash {
  kind: 'ok' | 'error';
  text: string;
}

/**
 * The console's one-click actions: the same services the admin API's routes call, each recorded in
 * the admin audit trail (method, path, status, error code) like an admin API request. A failure is
 * answered as a message on the page, never a 5xx; an unexpected one is logged with its stack.
 */
@Injectable()
export class ConsoleActionsService {
  private readonly logger = new Logger('Console');

  constructor(
    private readonly links: SellerLinksOverview,
    private readonly sellers: SellersAdminService,
    private readonly orders: OrdersAdminService,
    private readonly listings: ListingsAdminService,
    private readonly work: WorkAdminService,
    private readonly webhooks: WebhooksAdminService,
    private readonly audit: AdminAuditService,
  ) {}

  /** Reads the seller from Marketplacer now (POST /admin/sellers/{sellerId}/refresh): its standing reaches its accounts at once. */
  refreshSeller(request: AuditedCall, linkId: number): Promise<Flash> {
    return this.run(request, async () => {
      const found = await this.links.one(linkId);
      if (!found) throw consoleErrors.sellerNotFound(linkId);
      const seller = await this.sellers.refresh(found.link.sellerId);
      const name = seller.businessName ?? found.link.sellerBusinessName;
      return seller.active ? `${name} was read from Marketplacer: it may trade` : `${name} was read from Marketplacer: ${seller.inactiveReason}`;
    });
  }

  /** POST /admin/orders/{id}/repush. */
  repushOrder(request: AuditedCall, orderId: number): Promise<Flash> {
    return this.run(request, async () => {
      const order = await this.orders.repush(orderId);
      return `Order ${order.id} (invoice ${order.marketPlaceId}) is queued again: ${order.state}`;
    });
  }

  /** POST /admin/listings/{id}/resync. */
  resyncListing(request: AuditedCall, listingId: number): Promise<Flash> {
    return this.run(request, async () => {
      const listing = await this.listings.resync(listingId);
      return `Listing ${listing.id} (transmission ${listing.idSkuMarketplace}) is queued for a full read again`;
    });
  }

  /** POST /admin/work/failed/{id}/retry. */
  retryJob(request: AuditedCall, jobId: string): Promise<Flash> {
    return this.run(request, async () => {
      await this.work.retry(jobId);
      return `Failed job ${jobId} is queued again`;
    });
  }

  /** POST /admin/webhooks/events/{id}/replay. */
  replayEvent(request: AuditedCall, eventId: number): Promise<Flash> {
    return this.run(request, async () => {
      const event = await this.webhooks.replay(eventId);
      return `Webhook event ${event.id} is queued again`;
    });
  }

  /** POST /admin/webhooks/events/replay-failed. */
  replayFailedEvents(request: AuditedCall): Promise<Flash> {
    return this.run(request, async () => {
      const { replayed } = await this.webhooks.replayFailed();
      return replayed === 0 ? 'No webhook event had failed' : `${replayed} failed webhook event(s) queued again`;
    });
  }

  private async run(request: AuditedCall, action: () => Promise<string>): Promise<Flash> {
    const base = { requestId: currentRequestId() ?? 'unknown', method: request.method, path: request.path };
    try {
      const text = await action();
      await this.audit.record({ ...base, statusCode: 303, errorCode: null });
      return { kind: 'ok', text };
    } catch (error) {
      const outcome = failureOutcomeOf(error);
      if (outcome.statusCode >= 500) this.logger.error({ msg: 'console action failed', path: request.path, code: outcome.errorCode, err: describe(error) });
      else this.logger.warn({ msg: 'console action refused', path: request.path, code: outcome.errorCode, reason: outcome.message });
      await this.audit.record({ ...base, statusCode: outcome.statusCode, errorCode: outcome.errorCode });
      return { kind: 'error', text: `${outcome.message ?? UNEXPECTED} (${outcome.errorCode})` };
    }
  }
}

/** The request an action answers, as the audit trail records it. */
export interface AuditedCall {
  method: string;
  path: string;
}

function describe(error: unknown): unknown {
  return error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error);
}
