import { Injectable } from '@nestjs/common';
import { type InvoiceLineTotals, MarketplacerOrders } from '#marketplacer';
import type { OrderLineTotalsDto } from './dto/order-admin.dto.js';
import type { OrderDetailDto, OrderDto, ListOrdersQuery } from './dto/order-admin.dto.js';
import type { OrderEntity } from './entities/order.entity.js';
import { InvoiceIntake } from './invoice-intake.js';
import { refundStanding } from './order-refunds.js';
import { invoiceOf, knownTrackingOf, OrderStore, refundsOf, trackingNotDeliveredOf } from './order.store.js';
import { ordersErrors } from './orders.errors.js';
import { AccountsService } from '../accounts/index.js';
import { routeInvoice } from './invoice-routing.js';
import { ShipmentsAdminService } from '../shipments/index.js';
import { invoiceDataOf, invoiceDocumentOf, OrderUpdateStore } from './anymarket-changes/order-update.store.js';

const DEFAULT_PAGE = 50;

/** Orders for admins: the list, one order with its timeline, and a re-push. */
@Injectable()
export class OrdersAdminService {
  constructor(
    private readonly store: OrderStore,
    private readonly intake: InvoiceIntake,
    private readonly accounts: AccountsService,
    private readonly updates: OrderUpdateStore,
    private readonly shipments: ShipmentsAdminService,
    private readonly marketplacer: MarketplacerOrders,
  ) {}

  async list(query: ListOrdersQuery): Promise<OrderDto[]> {
    const orders = await this.store.list(
      { accountId: query.accountId, state: query.state, anymarketStatus: query.status },
      { limit: query.limit ?? DEFAULT_PAGE, beforeId: query.beforeId },
    );
    return orders.map(toDto);
  }

  async get(id: number): Promise<OrderDetailDto> {
    const order = await this.found(id);
    const timeline = await this.store.timeline(id);
    const update = await this.updates.get(id);
    return {
      ...toDto(order),
      refundRequests: refundsOf(order),
      invoice: invoiceOf(order) as unknown as Record<string, unknown>,
      anymarketTracking: knownTrackingOf(order),
      anymarketUpdate: update && {
        announcedStatus: update.announcedStatus,
        state: update.state,
        reportedSuccess: update.reportedSuccess,
        reportedMessage: update.reportedMessage,
        reportedAt: update.reportedAt?.toISOString() ?? null,
        attempts: update.attempts,
        lastError: update.lastError,
        invoiceData: invoiceDataOf(update) as Record<string, unknown> | null,
        invoiceDocument: invoiceDocumentOf(update) as Record<string, unknown> | null,
      },
      shipments: await this.shipments.shipmentsOf(invoiceOf(order)),
      lineTotals: await this.lineTotalsOf(order.invoiceId),
      timeline: timeline.map((event) => ({
        at: event.at.toISOString(),
        source: event.source,
        action: event.action,
        outcome: event.outcome,
        detail: event.detail,
      })),
    };
  }

  /**
   * Runs the order's work again: an order in error is retried, an unrouted one is routed again (once
   * the seller has one default account), a synced one is checked against what the invoice says.
   */
  async repush(id: number): Promise<OrderDetailDto> {
    let order = await this.found(id);
    if (order.accountId === null) {
      const invoice = invoiceOf(order);
      const route = routeInvoice((await this.accounts.listActiveAccountsOfSellers([order.sellerId])).get(order.sellerId));
      if (route.kind === 'account') order = (await this.intake.take({ ...invoice }, { accountId: route.account.id })).order;
    }
    await this.intake.again(order, 'admin');
    return this.get(id);
  }

  /** The optional detail, read live: the order's view never fails for it (an unreachable Marketplacer is the reason shown). */
  private async lineTotalsOf(invoiceId: string): Promise<OrderLineTotalsDto> {
    try {
      return toLineTotals(await this.marketplacer.findInvoiceLineTotals(invoiceId));
    } catch (error) {
      return { available: false, reason: `Marketplacer did not answer: ${error instanceof Error ? error.message : String(error)}`, lines: [] };
    }
  }

  private async found(id: number): Promise<OrderEntity> {
    const order = await this.store.get(id);
    if (!order) throw ordersErrors.orderOfAdminNotFound(id);
    return order;
  }
}

function toDto(order: OrderEntity): OrderDto {
  return {
    id: order.id,
    accountId: order.accountId,
    invoiceId: order.invoiceId,
    marketPlaceId: order.marketPlaceId,
    sellerId: order.sellerId,
    anymarketOrderId: order.anymarketOrderId,
    anymarketStatus: order.anymarketStatus,
    targetStatus: order.targetStatus,
    state: order.state,
    invoiceStatus: order.invoiceStatus,
    invoiceUpdatedAt: order.invoiceUpdatedAt,
    refunds: refundStanding(invoiceOf(order), refundsOf(order)),
    unlinkedSkus: order.unlinkedSkus ? (JSON.parse(order.unlinkedSkus) as string[]) : [],
    trackingNotDelivered: trackingNotDeliveredOf(order),
    attempts: order.attempts,
    nextAttemptAt: order.nextAttemptAt?.toISOString() ?? null,
    lastError: order.lastError,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    syncedAt: order.syncedAt?.toISOString() ?? null,
  };
}

function toLineTotals(totals: InvoiceLineTotals): OrderLineTotalsDto {
  return totals.available ? { available: true, reason: null, lines: totals.lines } : { available: false, reason: totals.reason, lines: [] };
}
