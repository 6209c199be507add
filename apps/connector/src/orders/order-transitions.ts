import type { AnymarketAccountContext, AnymarketMarketplaceApi, OrderStatus } from '#anymarket';
import type { MarketplacerInvoice } from '#marketplacer';
import { withOffset } from './order-post.mapper.js';
import { shippedTrackingOf } from './shipment-tracking.js';

/** One markAs* call, ready to send. */
export interface TransitionCall {
  /** e.g. `markAsShipped`, for the timeline. */
  name: string;
  body: object;
  send(api: AnymarketMarketplaceApi, account: AnymarketAccountContext, marketPlaceId: string): Promise<unknown>;
}

/**
 * The marketplace-API call that brings an order to `target` (ANYMARKET-NOTES §4), with its dates and
 * tracking from the invoice: paid → markAsPaid (payment time); shipped → markAsShipped (carrier,
 * tracking numbers, link and dispatch time of the invoice's shipments: `shippedTrackingOf`; a later change
 * of that tracking is sent by OrderTrackingUpdates); delivered → markAsDelivered; cancelled →
 * markAsCanceled. Marketplacer has no delivery or cancellation time on an invoice: the invoice's
 * last change stands for it (INFERRED).
 */
export function transitionCall(invoice: MarketplacerInvoice, target: OrderStatus): TransitionCall {
  const changedAt = withOffset(invoice.updatedAt);
  switch (target) {
    case 'PAID': {
      const body = { date: withOffset(invoice.paidAt ?? invoice.updatedAt) };
      return { name: 'markAsPaid', body, send: (api, account, id) => api.markAsPaid(account, id, body) };
    }
    case 'SHIPPED': {
      const body = shippedTrackingOf(invoice);
      return { name: 'markAsShipped', body, send: (api, account, id) => api.markAsShipped(account, id, body) };
    }
    case 'DELIVERED': {
      const body = { deliveredDate: changedAt };
      return { name: 'markAsDelivered', body, send: (api, account, id) => api.markAsDelivered(account, id, body) };
    }
    case 'CANCELED': {
      const body = { date: changedAt };
      return { name: 'markAsCanceled', body, send: (api, account, id) => api.markAsCanceled(account, id, body) };
    }
    default:
      throw new Error(`no marketplace-API transition leads to ${target}`);
  }
}
