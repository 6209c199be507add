import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, retryAt } from '#common';
import { AnymarketError, AnymarketMarketplaceApi, type AnymarketAccountContext, type Order, type OrderStatus } from '#anymarket';
import { MarketplacerOrders, type MarketplacerInvoice } from '#marketplacer';
import { AccountsService, anymarketContextOf } from '../../accounts/index.js';
import { isPermanentFailure } from '../../work/index.js';
import type { OrderEntity } from '../entities/order.entity.js';
import type { OrderUpdateEntity } from './order-update.entity.js';
import { marketPlaceStatusOf } from '../order-status.js';
import { OrderUpdateActions, type AppliedUpdate } from './order-update.actions.js';
import { invoiceDocumentOf, OrderUpdateStore } from './order-update.store.js';
import { invoiceOf, knownTrackingOf, OrderStore } from '../order.store.js';
import { knownFromAnymarket } from '../shipment-tracking.js';
import type { OrdersConfig } from '../orders.config.js';

export type OrderUpdateOutcome = { kind: 'done' } | { kind: 'retry'; at: Date; order: OrderEntity };

/** ANYMARKET's transmissionStatus errorMessage is free text; long Marketplacer answers are cut here. */
const MAX_MESSAGE = 1_000;

/**
 * The work behind one ANYMARKET change (ANYMARKET-NOTES §4, "ANYMARKET → marketplace"): read the
 * order back (`GET /orders/{id}`), apply its status to the Marketplacer invoice (OrderUpdateActions),
 * and always end with `PUT /orders/{id}/transmissionStatus` (success, or `success: false` with the
 * reason). The status ANYMARKET has is recorded on the order before Marketplacer is written, so the
 * invoices feed, seeing the change the connector made, has nothing to send back (no echo).
 * Transient failures are retried (ORDER_RETRY_BASE_MS, ORDER_MAX_ATTEMPTS); the last one is reported.
 */
@Injectable()
export class OrderUpdateApplier {
  private readonly logger = new Logger('Orders');

  constructor(
    private readonly orders: OrderStore,
    private readonly updates: OrderUpdateStore,
    private readonly accounts: AccountsService,
    private readonly anymarket: AnymarketMarketplaceApi,
    private readonly marketplacer: MarketplacerOrders,
    private readonly actions: OrderUpdateActions,
    @Inject(APP_CONFIG) private readonly config: OrdersConfig,
  ) {}

  async process(orderId: number): Promise<OrderUpdateOutcome> {
    const order = await this.orders.get(orderId);
    const update = await this.updates.get(orderId);
    if (!order || !update || update.state !== 'pending') return { kind: 'done' };
    if (update.nextAttemptAt !== null && update.nextAttemptAt > new Date()) return { kind: 'retry', at: update.nextAttemptAt, order };
    const account = order.accountId === null ? null : await this.accounts.findActiveAccountById(order.accountId);
    const api = account ? anymarketContextOf(account) : null;
    if (!api) {
      await this.orders.addEvent({
        orderId: order.id,
        source: 'anymarket',
        action: 'transmissionStatus',
        outcome: 'failed',
        detail: 'the order has no active ANYMARKET account to answer',
      });
      await this.updates.reported(update, false, 'no active ANYMARKET account', new Date());
      return { kind: 'done' };
    }
    try {
      const anymarketOrder = await this.readOrder(api, order, update);
      const status = anymarketOrder.status ?? update.announcedStatus ?? 'PENDING';
      await this.record(order, update, anymarketOrder, status);
      const invoice = (await this.marketplacer.findInvoice(order.invoiceId)) ?? invoiceOf(order);
      const applied = await this.actions.apply(order.id, status, anymarketOrder, invoice, invoiceDocumentOf(update));
      const after = applied.wrote ? ((await this.marketplacer.findInvoice(order.invoiceId)) ?? invoice) : invoice;
      await this.report(api, order, update, status, applied, after);
      return { kind: 'done' };
    } catch (error) {
      return this.failed(api, order, update, error);
    }
  }

  /**
   * `GET /orders/{id}`: the spec calls the parameter ANYMARKET's order id but names it `{marketPlaceId}`
   * (ANYMARKET-NOTES §4, INFERRED either way): the remote's `orderId` is tried first, then `marketPlaceId`.
   */
  private async readOrder(api: AnymarketAccountContext, order: OrderEntity, update: OrderUpdateEntity): Promise<Order> {
    const ids = [...new Set([update.anymarketOrderId, order.anymarketOrderId, order.marketPlaceId].filter((id): id is string => !!id && id !== '0'))];
    for (const [index, id] of ids.entries()) {
      try {
        return await this.anymarket.getOrder(api, id);
      } catch (error) {
        const last = index === ids.length - 1;
        if (last || !(error instanceof AnymarketError) || error.code !== 'ANYMARKET_NOT_FOUND') throw error;
      }
    }
    throw new Error('unreachable: marketPlaceId is always tried');
  }

  /**
   * ANYMARKET's status first (the echo guard; for a shipped order with its tracking, so the shipment
   * made from it is not sent back as a tracking update), then its invoice data.
   */
  private async record(order: OrderEntity, update: OrderUpdateEntity, anymarketOrder: Order, status: OrderStatus): Promise<void> {
    const shipped = status === 'SHIPPED' || status === 'DELIVERED';
    await this.orders.markStatus(order.id, status, new Date(), shipped ? knownFromAnymarket(knownTrackingOf(order), anymarketOrder.tracking) : null);
    if (anymarketOrder.invoice && Object.keys(anymarketOrder.invoice).length > 0) await this.updates.keepInvoiceData(update.id, anymarketOrder.invoice);
    await this.orders.addEvent({ orderId: order.id, source: 'anymarket', action: 'GET /orders/{id}', outcome: 'ok', detail: `ANYMARKET has ${status}` });
  }

  private async report(
    api: AnymarketAccountContext,
    order: OrderEntity,
    update: OrderUpdateEntity,
    status: OrderStatus,
    applied: AppliedUpdate,
    invoice: MarketplacerInvoice,
  ): Promise<void> {
    const message = applied.message.slice(0, MAX_MESSAGE);
    await this.orders.addEvent({
      orderId: order.id,
      source: 'marketplacer',
      action: `apply ${status}`,
      outcome: applied.success ? 'ok' : 'failed',
      detail: message,
    });
    await this.anymarket.updateOrderTransmissionStatus(api, order.marketPlaceId, {
      success: applied.success,
      ...(applied.success ? {} : { errorMessage: message }),
      marketPlaceStatus: marketPlaceStatusOf(invoice),
    });
    await this.orders.addEvent({
      orderId: order.id,
      source: 'anymarket',
      action: 'transmissionStatus',
      outcome: 'ok',
      detail: applied.success ? 'success' : `success: false (${message})`,
    });
    await this.updates.reported(update, applied.success, applied.success ? null : message, new Date());
  }

  private async failed(api: AnymarketAccountContext, order: OrderEntity, update: OrderUpdateEntity, error: unknown): Promise<OrderUpdateOutcome> {
    const reason = error instanceof Error ? error.message : String(error);
    const attempts = update.attempts + 1;
    if (!isPermanentFailure(error) && attempts < this.config.orderMaxAttempts) {
      const at = retryAt(attempts, { baseMs: this.config.orderRetryBaseMs });
      await this.updates.retryAt(update.id, attempts, at, reason);
      await this.orders.addEvent({
        orderId: order.id,
        source: 'marketplacer',
        action: 'apply ANYMARKET change',
        outcome: 'failed',
        detail: `${reason} (attempt ${attempts}; again at ${at.toISOString()})`,
      });
      return { kind: 'retry', at, order };
    }
    this.logger.warn({ msg: 'ANYMARKET order change not applied', orderId: order.id, attempts, reason });
    const message = reason.slice(0, MAX_MESSAGE);
    try {
      await this.anymarket.updateOrderTransmissionStatus(api, order.marketPlaceId, {
        success: false,
        errorMessage: message,
        marketPlaceStatus: marketPlaceStatusOf(invoiceOf(order)),
      });
      await this.orders.addEvent({
        orderId: order.id,
        source: 'anymarket',
        action: 'transmissionStatus',
        outcome: 'ok',
        detail: `success: false (${message})`,
      });
    } catch (reportError) {
      const why = reportError instanceof Error ? reportError.message : String(reportError);
      await this.orders.addEvent({ orderId: order.id, source: 'anymarket', action: 'transmissionStatus', outcome: 'failed', detail: why });
    }
    await this.updates.reported(update, false, message, new Date());
    return { kind: 'done' };
  }
}
