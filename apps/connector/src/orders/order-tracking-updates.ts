import { Injectable } from '@nestjs/common';
import { AnymarketError, AnymarketMarketplaceApi, type AnymarketAccountContext } from '#anymarket';
import type { MarketplacerInvoice } from '#marketplacer';
import type { OrderEntity } from './entities/order.entity.js';
import { knownTrackingOf, OrderStore, trackingNotDeliveredOf } from './order.store.js';
import { describeTracking, knownFromSent, trackingDecisionOf, type ShippedTracking } from './shipment-tracking.js';

/**
 * Shipments after the first: when the invoice's tracking changed since ANYMARKET got it (a second
 * shipment, a corrected number, a new carrier or link) on an order ANYMARKET has as SHIPPED, the whole
 * current tracking goes again in a markAsShipped. INFERRED: ANYMARKET takes a repeated markAsShipped on a
 * SHIPPED order as a tracking update; marketplace_pt.yaml does not say, its v2 transition table lists no
 * SHIPPED → SHIPPED, and it has no other call for tracking. A refusal is not retried: it is recorded on the
 * order's timeline and kept on the order (`trackingNotDelivered`) for operators, until the tracking
 * changes again or the order is re-pushed. A DELIVERED order is never shipped again (recorded the same way).
 */
@Injectable()
export class OrderTrackingUpdates {
  constructor(
    private readonly store: OrderStore,
    private readonly anymarket: AnymarketMarketplaceApi,
  ) {}

  /** Sends the tracking again when it changed; transient failures are thrown (the run retries). */
  async bringUp(orderId: number, invoice: MarketplacerInvoice, api: AnymarketAccountContext): Promise<void> {
    const order = await this.store.get(orderId);
    if (!order) return;
    const decision = trackingDecisionOf(order.anymarketStatus, knownTrackingOf(order), trackingNotDeliveredOf(order), invoice);
    if (decision.kind === 'baseline') return this.store.keepTracking(order.id, decision.known, new Date());
    if (decision.kind !== 'send') return;
    if (order.anymarketStatus === 'DELIVERED') {
      const reason = 'ANYMARKET has the order as DELIVERED, and a delivered order is not shipped again';
      return this.notDelivered(order, decision.body, reason, `tracking update not sent: ${reason}`, 'info');
    }
    try {
      await this.anymarket.markAsShipped(api, order.marketPlaceId, decision.body);
    } catch (error) {
      if (!(error instanceof AnymarketError) || error.code !== 'ANYMARKET_REJECTED') throw error;
      return this.notDelivered(order, decision.body, error.message, `ANYMARKET did not take the tracking update: ${error.message}`, 'failed');
    }
    await this.store.keepTracking(order.id, knownFromSent(decision.body), new Date());
    await this.store.addEvent({
      orderId: order.id,
      source: 'anymarket',
      action: 'markAsShipped',
      outcome: 'ok',
      detail: `tracking update (SHIPPED stays): ${JSON.stringify(decision.body)}`,
    });
  }

  private async notDelivered(order: OrderEntity, tracking: ShippedTracking, reason: string, said: string, outcome: 'failed' | 'info'): Promise<void> {
    const now = new Date();
    await this.store.keepTrackingNotDelivered(order.id, { reason, tracking, at: now.toISOString() }, now);
    await this.store.addEvent({
      orderId: order.id,
      source: 'anymarket',
      action: 'markAsShipped',
      outcome,
      detail: `${said}; tracking now: ${describeTracking(tracking)}`,
      at: now,
    });
  }
}
