import type { MarketplacerKeyValue } from './marketplacer-catalog.port.js';
import type { PageOf, PageRequest } from './paging.js';

/** `InvoiceStatusEnum` (2020 values; the current schema may add more, so unknown words are kept as text). */
export type MarketplacerInvoiceStatus =
  'AWAITING_PAYMENT' | 'PAID' | 'PAYMENT_UNDER_REVIEW' | 'SENT' | 'PARTIALLY_SENT' | 'READY' | 'COLLECTED' | 'REFUNDED' | 'CANCELLED' | (string & {});

/** A postal address as Marketplacer returns it (Address type). */
export interface MarketplacerAddress {
  address: string;
  subaddress: string | null;
  city: string;
  postcode: string;
  stateShort: string | null;
  stateName: string | null;
  countryCode: string | null;
  countryName: string | null;
}

/** One line of an invoice, with the values Marketplacer copied when the invoice was made. */
export interface MarketplacerLineItem {
  id: string;
  legacyId: number;
  quantity: number;
  /** `LineItemStatusEnum`: NEW, ALLOCATED, REFUNDED, CANCELLED. */
  status: string;
  variantId: string | null;
  variantSku: string | null;
  variantBarcode: string | null;
  variantName: string | null;
  advertId: string | null;
  advertTitle: string | null;
  /** The line's goods: unit price (LineItem.itemAmountCents) × quantity, in integer cents, before the discount, without postage. */
  totalCents: number;
  /** Discount on the line in integer cents (0 when none). */
  discountCents: number;
}

export interface MarketplacerShipment {
  id: string;
  /** The carrier's name. */
  carrier: string;
  trackingNumber: string;
  trackingLink: string | null;
  /** ISO 8601. */
  dispatchedAt: string;
  items: Array<{ lineItemId: string; quantity: number }>;
}

/**
 * A Marketplacer invoice: one seller's part of a buyer's order, the unit that becomes one ANYMARKET
 * order. Money in integer cents (see the adapter for which fields they come from).
 */
export interface MarketplacerInvoice {
  id: string;
  legacyId: number;
  /** ISO 8601 with offset. */
  createdAt: string;
  /** When it last changed (the change feed's clock); falls back to createdAt where not exposed. */
  updatedAt: string;
  paidAt: string | null;
  status: MarketplacerInvoiceStatus;
  /** `InvoiceStatusFlagEnum` values: PAID, SENT, PARTIALLY_SENT, REFUNDED, CANCELLED, COLLECTED, … */
  statusFlags: string[];
  buyer: { firstName: string | null; surname: string | null; emailAddress: string | null; phone: string | null };
  buyerMessageToSeller: string | null;
  shippingAddress: MarketplacerAddress | null;
  billingAddress: MarketplacerAddress | null;
  seller: { id: string; legacyId: number; businessName: string } | null;
  /** The buyer's order this invoice is part of (operator-only field). */
  order: { id: string; legacyId: number | null } | null;
  /** Goods plus postage, in cents. */
  totalCents: number;
  /** Postage (freight) of the invoice, in cents. */
  postageCents: number;
  lineItems: MarketplacerLineItem[];
  shipments: MarketplacerShipment[];
  externalIds: MarketplacerKeyValue[];
}

/** `RefundRequestStatusEnum`. */
export type MarketplacerRefundStatus = 'AWAITING' | 'RETURNED' | 'REFUND_ACCEPTED' | 'REFUND_DENIED' | 'REFUNDED' | 'DENIED' | 'PROCESSED' | (string & {});

export interface MarketplacerRefundRequest {
  id: string;
  legacyId: number | null;
  status: MarketplacerRefundStatus;
  invoice: { id: string; legacyId: number };
  /** ISO 8601; the feed's clock. */
  updatedAt: string;
  /** Refunded in cash, in cents (null until refunded). */
  cashAmountCents: number | null;
  lineItems: Array<{
    id: string;
    /** `RefundRequestLineItemStatusEnum`: PENDING_APPROVAL, AWAITING_RETURN, REFUND_ACCEPTED, REFUND_DENIED, REFUNDED. */
    status: string | null;
    quantity: number | null;
    /** The invoice line refunded (null for a custom refund line). */
    lineItemId: string | null;
    amountCents: number;
    reason: string | null;
  }>;
}

/** Changes at or after `updatedSince` (inclusive), marketplace-wide. */
export interface ChangesQuery extends PageRequest {
  updatedSince: string;
}

/** Invoices by creation time and status (forceImportOrders): Marketplacer cannot filter by seller. */
export interface InvoiceSearch extends PageRequest {
  createdSince?: string;
  statuses?: MarketplacerInvoiceStatus[];
}

/**
 * Port: Marketplacer's invoices and refund requests as the Orders context reads them. DI token is
 * the class; MarketplacerModule binds the Apollo adapter.
 */
export abstract class MarketplacerOrders {
  /** `invoices(filters: {updatedSince})`: the marketplace's invoice changes (every seller). */
  abstract listInvoicesUpdatedSince(query: ChangesQuery): Promise<PageOf<MarketplacerInvoice>>;

  /** `invoices(filters: {createdSince, statuses})`, every seller. */
  abstract searchInvoices(search: InvoiceSearch): Promise<PageOf<MarketplacerInvoice>>;

  /** One invoice by global id (`SW52b2ljZS0xMDM2Mw==`) or legacy id (`10363`); null when there is none. */
  abstract findInvoice(reference: string): Promise<MarketplacerInvoice | null>;

  /**
   * An optional detail: each line's total including its share of the postage (InvoiceLineTotals). Answers
   * `available: false` with the reason, never an error, when the live schema refuses the document; the
   * refusal is recorded once in MarketplacerContractStatus (and reported by the live contract check).
   */
  abstract findInvoiceLineTotals(invoiceId: string): Promise<InvoiceLineTotals>;

  /** `updatedRefundRequests(updatedSince)`: the marketplace's refund request changes. */
  abstract listRefundRequestsUpdatedSince(query: ChangesQuery): Promise<PageOf<MarketplacerRefundRequest>>;

  /** One refund request by global id; null when there is none. */
  abstract findRefundRequest(id: string): Promise<MarketplacerRefundRequest | null>;

  /** The invoice a shipment (global id) belongs to, in full; null when there is no such shipment. */
  abstract findInvoiceOfShipment(shipmentId: string): Promise<MarketplacerInvoice | null>;
}

/** A line's total including its postage, and that postage, in integer cents (LineItem.totalCents/postageCents). */
export interface MarketplacerLineTotal {
  lineItemId: string;
  totalCents: number;
  postageCents: number;
}

export type InvoiceLineTotals = { available: true; lines: MarketplacerLineTotal[] } | { available: false; reason: string };
