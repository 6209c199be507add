import { Injectable } from '@nestjs/common';
import { SellerLinksOverview } from '../accounts/index.js';
import { AdminAuditService } from '../audit/index.js';
import { type AccountOrderEvent, OrdersOverview } from '../orders/index.js';
import { ListingsOverview } from '../products/index.js';
import { type WebhookEventDto, WebhooksAdminService } from '../webhooks/index.js';
import type { FailedJobDto } from '../work/index.js';
import { ConsoleOverviewService, type ConsoleHeader, type SellerLine } from './console-overview.service.js';
import { accountOfJob, jobField } from './console-reads.js';
import { consoleErrors } from './console.errors.js';
import { consolePaths } from './console-paths.js';

/** How many entries each section of a seller's page shows. */
export const TIMELINE_LENGTH = 25;

export interface SellerOrderLine {
  id: number;
  accountId: number | null;
  marketPlaceId: string;
  state: string;
  anymarketStatus: string | null;
  targetStatus: string;
  lastError: string | null;
  updatedAt: Date;
}

export interface SellerListingLine {
  id: number;
  accountId: number;
  title: string | null;
  idSkuMarketplace: string;
  lastError: string | null;
  updatedAt: Date;
}

export interface SellerPage {
  header: ConsoleHeader;
  seller: SellerLine;
  orders: SellerOrderLine[];
  orderEvents: AccountOrderEvent[];
  listingsInError: SellerListingLine[];
  failedJobs: FailedJobDto[];
  webhookEvents: WebhookEventDto[];
  actions: Array<{ occurredAt: Date; method: string; path: string; statusCode: number; errorCode: string | null }>;
}

/** One seller's page: its standing, accounts and recent timeline, each section one query. */
@Injectable()
export class SellerPageService {
  constructor(
    private readonly overview: ConsoleOverviewService,
    private readonly links: SellerLinksOverview,
    private readonly orders: OrdersOverview,
    private readonly listings: ListingsOverview,
    private readonly webhooks: WebhooksAdminService,
    private readonly audit: AdminAuditService,
  ) {}

  async page(linkId: number): Promise<SellerPage> {
    const found = await this.links.one(linkId);
    if (!found) throw consoleErrors.sellerNotFound(linkId);
    const header = await this.overview.header();
    const [seller] = await this.overview.lines([found], header);
    const accountIds = found.accounts.map((account) => account.id);
    const [orders, orderEvents, listingsInError, webhookEvents, actions] = await Promise.all([
      this.orders.recentOfAccounts(accountIds, TIMELINE_LENGTH),
      this.orders.recentEventsOfAccounts(accountIds, TIMELINE_LENGTH),
      this.listings.inErrorOfAccounts(accountIds, TIMELINE_LENGTH),
      this.webhooks.list({ objectId: found.link.sellerId, limit: TIMELINE_LENGTH }),
      this.audit.listUnder(consolePaths.seller(linkId), TIMELINE_LENGTH),
    ]);
    const orderIds = new Set(orders.map((order) => order.id));
    const listingIds = new Set(listingsInError.map((listing) => listing.id));
    const eventIds = new Set(webhookEvents.map((event) => event.id));
    const accounts = new Set(accountIds);
    const failedJobs = header.failedJobs.filter((job) => {
      const accountId = accountOfJob(job);
      if (accountId !== null) return accounts.has(accountId);
      return [
        [jobField(job, 'orderId'), orderIds],
        [jobField(job, 'listingId'), listingIds],
        [jobField(job, 'eventId'), eventIds],
      ].some(([id, ids]) => id !== null && (ids as Set<number>).has(id as number));
    });
    return {
      header,
      seller,
      orders: orders.map((order) => ({
        id: order.id,
        accountId: order.accountId,
        marketPlaceId: order.marketPlaceId,
        state: order.state,
        anymarketStatus: order.anymarketStatus,
        targetStatus: order.targetStatus,
        lastError: order.lastError,
        updatedAt: order.updatedAt,
      })),
      orderEvents,
      listingsInError: listingsInError.map((listing) => ({
        id: listing.id,
        accountId: listing.accountId,
        title: listing.title,
        idSkuMarketplace: listing.idSkuMarketplace,
        lastError: listing.lastError,
        updatedAt: listing.updatedAt,
      })),
      failedJobs,
      webhookEvents,
      actions: actions.map((action) => ({
        occurredAt: action.occurredAt,
        method: action.method,
        path: action.path,
        statusCode: action.statusCode,
        errorCode: action.errorCode,
      })),
    };
  }
}
