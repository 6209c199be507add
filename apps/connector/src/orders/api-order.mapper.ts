import type { OrderPost, OrderStatus } from '#anymarket';
import type { MarketplacerInvoice } from '#marketplacer';
import { centsToDecimal } from './money.js';
import { apiV2StatusOf } from './order-status.js';
import { billableLines, withOffset } from './order-post.mapper.js';

/** What the connector knows of the order on ANYMARKET's side. */
export interface KnownOrder {
  anymarketOrderId: string | null;
  /** The status ANYMARKET has, or what it would be created with. */
  status: OrderStatus;
  transmissionOk: boolean;
}

/**
 * `ApiOrder` of remote_pt.yaml (the answer of `GET /order/{idInMarketPlace}`): the order as the
 * marketplace has it now, for ANYMARKET to retry a criticised order or take a forced one. The fields
 * of `OrderPost` come from the same invoice; the rest from the invoice's shipments and state. Status
 * words are API v2's (PAID_WAITING_SHIP, …). The schema marks every field required; where Marketplacer
 * has no value (no payment yet, no cancellation, no invoice document, no tracking) dates and texts are
 * the empty string, as the schema's own example shows (`paymentDate: ""`). `cancellationCode` is
 * required and has no "none": it is `OTHER` (Marketplacer records no cancellation reason), on open
 * orders too, as ANYMARKET's own example of a PENDING order carries one (marketplace_pt.yaml, the
 * answer of POST /orders); only `status` and `cancelDate` say whether the order is cancelled.
 */
export function buildApiOrder(post: OrderPost, invoice: MarketplacerInvoice, known: KnownOrder): Record<string, unknown> {
  const shipments = [...invoice.shipments].sort((a, b) => Date.parse(a.dispatchedAt) - Date.parse(b.dispatchedAt));
  const newest = shipments.at(-1);
  const cancelled = known.status === 'CANCELED';
  const lines = billableLines(invoice);
  const grossCents = lines.reduce((sum, line) => sum + line.totalCents, 0);
  return {
    id: known.anymarketOrderId === null ? 0 : Number(known.anymarketOrderId),
    marketPlaceId: post.marketPlaceId,
    marketPlaceNumber: post.marketPlaceNumber ?? post.marketPlaceId,
    marketPlace: 'MARKETPLACER',
    partnerId: post.marketPlaceId,
    createdAt: post.createdAt ?? withOffset(invoice.createdAt),
    paymentDate: invoice.paidAt ? withOffset(invoice.paidAt) : '',
    cancelDate: cancelled ? withOffset(invoice.updatedAt) : '',
    cancellationCode: 'OTHER',
    transmissionStatus: known.transmissionOk ? 'OK' : 'ERROR',
    status: apiV2StatusOf(known.status),
    marketPlaceUrl: post.marketPlaceUrl ?? '',
    marketPlaceShipmentStatus: invoice.status === 'PARTIALLY_SENT' ? 'PARTIALLY_SENT' : newest ? 'SENT' : '',
    invoice: {},
    marketPlaceStatus: post.marketPlaceStatus ?? '',
    marketPlaceStatusComplement: post.marketPlaceStatusComplement ?? '',
    discount: post.discount ?? 0,
    freight: post.freight ?? 0,
    productGross: centsToDecimal(grossCents),
    productNet: post.productNet ?? 0,
    total: post.total ?? 0,
    interestValue: post.interestValue ?? 0,
    shipping: post.shipping ?? {},
    billingAddress: post.billingAddress ?? {},
    buyer: post.buyer ?? {},
    tracking: newest
      ? {
          url: newest.trackingLink ?? '',
          number: [...new Set(shipments.map((shipment) => shipment.trackingNumber).filter((number) => number.trim()))].join(', '),
          carrier: newest.carrier,
          shippedDate: withOffset(newest.dispatchedAt),
          date: withOffset(newest.dispatchedAt),
          ...(known.status === 'DELIVERED' ? { deliveredDate: withOffset(invoice.updatedAt) } : {}),
        }
      : {},
    payments: post.payments ?? [],
    items: (post.items ?? []).map((item, index) => {
      const line = lines[index];
      return {
        partnerId: item.sku.partnerId,
        amount: item.amount,
        unit: item.unit,
        gross: item.gross,
        total: item.total,
        discount: item.discount ?? 0,
        shippings: [],
        ...(line ? { marketPlaceId: line.id, orderItemId: line.legacyId } : {}),
      };
    }),
    deliveryStatus: known.status === 'DELIVERED' ? 'DELIVERED' : known.status === 'SHIPPED' ? 'IN_TRANSIT' : 'UNKNOWN',
    observation: post.observation ?? '',
    anymarketAddress: {},
    idAccount: post.idAccount,
    accountName: post.accountName ?? '',
    shipmentExceptionDate: '',
    shipmentExceptionDescription: '',
  };
}
