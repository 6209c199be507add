import type { MarketplacerKeyValue } from './marketplacer-catalog.port.js';
import type { MarketplacerRefundRequest, MarketplacerShipment } from './marketplacer-orders.port.js';
import type { PageOf, PageRequest } from './paging.js';

/** `shipmentCarriers` node: a carrier a shipment can name (`postageCarrierId`). */
export interface MarketplacerCarrier {
  id: string;
  name: string;
}

/** `shipmentCreate` input (OPERATOR-API-NOTES §7.2). Split shipments are allowed. */
export interface ShipmentCreate {
  invoiceId: string;
  items: Array<{ lineItemId: string; quantity: number }>;
  carrierId: string;
  /** ISO 8601 date (`YYYY-MM-DD`): the contract's type is ISO8601Date. */
  dispatchedOn: string;
  trackingNumber: string;
  note?: string;
}

/** A note on a refund request (`RefundRequestNoteInput.note`). */
export type RefundNotes = string[];

/** One line of `refundRequestCreate`: an invoice line (`dispatched: false` = a cancellation, `true` = a return) or a custom amount. */
export type RefundLineInput =
  | { lineItemId: string; quantity: number; reason: string; dispatched: boolean }
  | { custom: string; amountPerItemCents: number; quantity: number; onlyRemittance?: boolean };

/** `refundRequestCreate` input; `externalIds` let a retry after a lost answer find what was made. */
export interface RefundRequestCreate {
  invoiceId: string;
  lines: RefundLineInput[];
  notes: RefundNotes;
  externalIds?: MarketplacerKeyValue[];
}

/** `refundRequests(sellerId, filters)` */
export interface RefundRequestsQuery extends PageRequest {
  sellerId?: string;
  invoiceLegacyId?: number;
  statuses?: string[];
  createdSince?: string;
}

/** `refundRequestRefund` input (operator only; the request must be RETURNED or PROCESSED). */
export interface RefundRequestRefund {
  refundRequestId: string;
  cashAmountCents?: number;
  recoveredAmountCents?: number;
  notes: RefundNotes;
}

/** A refund request line as the per-line mutations return it. */
export interface MarketplacerRefundLine {
  id: string;
  status: string | null;
  reason: string | null;
}

/** `orderCreate` input: the buyer, and line items Marketplacer splits into invoices (per seller, per delivery type). */
export interface MarketplacerOrderCreate {
  order: {
    firstName?: string;
    surname?: string;
    phone?: string;
    emailAddress?: string;
    address?: { address?: string; city?: string; postcode?: string; stateShort?: string; countryCode?: string };
    purchaseOrderNumber?: string;
    externalIds?: MarketplacerKeyValue[];
  };
  lineItems: Array<{ variantId: string; quantity: number; costCents: number; postageCents?: number }>;
}

/** `orderUpdate` input: `status` must be sent on every call (COMPLETE | PAYMENT_FAILED | PAYMENT_IN_PROGRESS in 2020). */
export interface MarketplacerOrderUpdate {
  orderId: string;
  status: string;
  paymentGatewayDetails?: Record<string, unknown>;
}

/** An order as `orderCreate`/`orderUpdate`/the external-id look-up return it. */
export interface MarketplacerOrder {
  id: string;
  legacyId: number | null;
  status: string | null;
  invoices: Array<{ id: string; legacyId: number; lineItems: Array<{ id: string; legacyId: number; variantId: string | null; quantity: number }> }>;
}

/**
 * Port: what the connector writes into Marketplacer's orders (OPERATOR-API-NOTES §7.2, §7.3):
 * shipments, refund requests and their steps, and orders made outside Marketplacer. Every refusal is a
 * `MarketplacerError` carrying Marketplacer's messages verbatim (`MARKETPLACER_VALIDATION_FAILED`,
 * `MARKETPLACER_NOT_FOUND`). Creates are only retried where Marketplacer cannot have acted; callers
 * find what a lost answer made by its external id (refund requests, orders) or by reading the invoice (shipments).
 */
export abstract class MarketplacerFulfilment {
  /** Every page of `shipmentCarriers`. */
  abstract listCarriers(): Promise<MarketplacerCarrier[]>;

  abstract createShipment(input: ShipmentCreate): Promise<MarketplacerShipment>;

  abstract createRefundRequest(input: RefundRequestCreate): Promise<MarketplacerRefundRequest>;

  /** Refund requests carrying the external id `key` = `value` (`externalIds(ownerType: "RefundRequest")`). */
  abstract findRefundRequestsByExternalId(key: string, value: string): Promise<MarketplacerRefundRequest[]>;

  abstract listRefundRequests(query: RefundRequestsQuery): Promise<PageOf<MarketplacerRefundRequest>>;

  abstract returnRefundRequest(refundRequestId: string, notes: RefundNotes): Promise<MarketplacerRefundRequest>;

  abstract refundRefundRequest(input: RefundRequestRefund): Promise<MarketplacerRefundRequest>;

  abstract denyRefundRequest(refundRequestId: string, notes: RefundNotes): Promise<MarketplacerRefundRequest>;

  abstract acceptRefundLine(refundRequestLineItemId: string, notes: RefundNotes): Promise<MarketplacerRefundLine>;

  abstract returnRefundLine(refundRequestLineItemId: string, notes: RefundNotes): Promise<MarketplacerRefundLine>;

  abstract denyRefundLine(refundRequestLineItemId: string, reason: string, notes: RefundNotes): Promise<MarketplacerRefundLine>;

  abstract createOrder(input: MarketplacerOrderCreate): Promise<MarketplacerOrder>;

  /** Orders carrying the external id `key` = `value` (`externalIds(ownerType: "Order")`). */
  abstract findOrdersByExternalId(key: string, value: string): Promise<MarketplacerOrder[]>;

  abstract updateOrder(input: MarketplacerOrderUpdate): Promise<MarketplacerOrder>;
}
