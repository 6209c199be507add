import { GraphQLError } from 'graphql';
import { invoiceLines, invoiceStatus, shippedQuantity } from '../../state/derived.js';
import { legacyIdOf } from '../../state/global-id.js';
import type { MarketplacerState } from '../../state/marketplacer-state.js';
import type { InvoiceRecord, RefundRequestRecord } from '../../state/records.js';
import { byIdConnection, compareKeys, connection, type CursorKey, type PageArgs } from '../connection.js';
import type { Ctx } from './common.js';

export interface InvoiceFilters {
  createdSince?: number | null;
  createdUntil?: number | null;
  updatedSince?: number | null;
  updatedUntil?: number | null;
  paidSince?: number | null;
  paidUntil?: number | null;
  remittedSince?: number | null;
  remittedUntil?: number | null;
  statuses?: string[] | null;
  buyerEmailAddress?: string | null;
  externalId?: string | null;
  partialExternalId?: string | null;
  legacyId?: number | null;
  orderId?: number | null;
  buyerName?: string | null;
  notDispatched?: boolean | null;
}

/** graph-doc invoicesort / invoicesortfieldenum. */
type InvoiceSortField = 'CREATED_AT' | 'UPDATED_AT' | 'PAID_AT' | 'REMITTED_AT' | 'STATUS';
interface InvoiceSort {
  fields?: InvoiceSortField[] | null;
  ordering?: 'ASCENDING' | 'DESCENDING' | null;
}

const set = (value: unknown): boolean => value !== null && value !== undefined;

/** Inclusive time window check; an unset bound does not limit. */
function within(time: number | null, since: number | null | undefined, until: number | null | undefined): boolean {
  if (!set(since) && !set(until)) return true;
  if (time === null) return false;
  return (!set(since) || time >= since!) && (!set(until) || time <= until!);
}

function invoiceMatches(state: MarketplacerState, invoice: InvoiceRecord, f: InvoiceFilters): boolean {
  if (!within(invoice.createdAt, f.createdSince, f.createdUntil)) return false;
  if (!within(invoice.updatedAt, f.updatedSince, f.updatedUntil)) return false;
  if (!within(invoice.paidAt, f.paidSince, f.paidUntil)) return false;
  if (!within(invoice.remittedAt, f.remittedSince, f.remittedUntil)) return false;
  if (set(f.legacyId) && invoice.legacyId !== f.legacyId) return false;
  if (set(f.orderId) && invoice.orderId !== f.orderId) return false;
  if (f.statuses?.length && !f.statuses.includes(invoiceStatus(state, invoice))) return false;
  if (set(f.externalId) && !invoice.externalIds.some((e) => e.value === f.externalId)) return false;
  if (set(f.partialExternalId) && !invoice.externalIds.some((e) => (e.value ?? '').includes(f.partialExternalId!))) return false;
  const order = state.orders.get(invoice.orderId);
  if (set(f.buyerEmailAddress) && order?.emailAddress?.toLowerCase() !== f.buyerEmailAddress!.toLowerCase()) return false;
  if (set(f.buyerName)) {
    const name = `${order?.firstName ?? ''} ${order?.surname ?? ''}`.toLowerCase();
    if (!name.includes(f.buyerName!.toLowerCase())) return false;
  }
  if (f.notDispatched === true) {
    const open =
      invoice.paidAt !== null &&
      invoice.cancelledAt === null &&
      invoiceLines(state, invoice).some((l) => l.status !== 'CANCELLED' && shippedQuantity(state, l) < l.quantity - l.refundedQuantity);
    if (!open) return false;
  }
  return true;
}

/** Sort key: the requested fields (descending = negated; an invoice not yet paid or remitted sorts last), then the id. */
function invoiceKey(state: MarketplacerState, sort: InvoiceSort | null | undefined): (invoice: InvoiceRecord) => CursorKey {
  const fields = sort?.fields ?? [];
  const sign = sort?.ordering === 'DESCENDING' ? -1 : 1;
  const valueOf = (invoice: InvoiceRecord, field: InvoiceSortField): number => {
    switch (field) {
      case 'CREATED_AT':
        return invoice.createdAt;
      case 'UPDATED_AT':
        return invoice.updatedAt;
      case 'PAID_AT':
        return invoice.paidAt ?? Number.MAX_SAFE_INTEGER;
      case 'REMITTED_AT':
        return invoice.remittedAt ?? Number.MAX_SAFE_INTEGER;
      case 'STATUS':
        return INVOICE_STATUS_ORDER.indexOf(invoiceStatus(state, invoice));
    }
  };
  return (invoice) => [...fields.map((field) => sign * valueOf(invoice, field)), fields.length ? sign * invoice.legacyId : invoice.legacyId];
}

const INVOICE_STATUS_ORDER = ['AWAITING_PAYMENT', 'PAYMENT_UNDER_REVIEW', 'PAID', 'READY', 'PARTIALLY_SENT', 'SENT', 'COLLECTED', 'REFUNDED', 'CANCELLED'];

interface RefundRequestFilters {
  legacyId?: number | null;
  invoiceLegacyId?: number | null;
  buyerName?: string | null;
  buyerEmailAddress?: string | null;
  businessName?: string | null;
  statuses?: string[] | null;
  lineItemStatuses?: string[] | null;
  invoicePaidAt?: number | null;
  createdSince?: number | null;
  createdUntil?: number | null;
  refundedSince?: number | null;
  refundedUntil?: number | null;
}

function refundMatches(state: MarketplacerState, request: RefundRequestRecord, f: RefundRequestFilters, sellerId: number | undefined): boolean {
  const invoice = state.invoices.get(request.invoiceId);
  if (sellerId !== undefined && invoice?.sellerId !== sellerId) return false;
  if (set(f.legacyId) && request.legacyId !== f.legacyId) return false;
  if (set(f.invoiceLegacyId) && request.invoiceId !== f.invoiceLegacyId) return false;
  if (f.statuses?.length && !f.statuses.includes(request.status)) return false;
  if (f.lineItemStatuses?.length && !request.lineIds.some((id) => f.lineItemStatuses!.includes(state.refundLines.get(id)?.status ?? ''))) return false;
  if (!within(request.createdAt, f.createdSince, f.createdUntil)) return false;
  if (!within(request.refundedAt, f.refundedSince, f.refundedUntil)) return false;
  const order = invoice ? state.orders.get(invoice.orderId) : undefined;
  if (set(f.buyerEmailAddress) && order?.emailAddress?.toLowerCase() !== f.buyerEmailAddress!.toLowerCase()) return false;
  if (set(f.buyerName) && !`${order?.firstName ?? ''} ${order?.surname ?? ''}`.toLowerCase().includes(f.buyerName!.toLowerCase())) return false;
  if (set(f.businessName)) {
    const seller = invoice ? state.sellers.get(invoice.sellerId) : undefined;
    if (!seller?.businessName.toLowerCase().includes(f.businessName!.toLowerCase())) return false;
  }
  if (set(f.invoicePaidAt)) {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    if (invoice?.paidAt === null || invoice === undefined || day(invoice.paidAt) !== day(f.invoicePaidAt!)) return false;
  }
  return true;
}

export const orderQueries = {
  /** Invoices matching the filters (time windows inclusive), by id unless `sort` says otherwise. */
  invoices: (_: unknown, args: PageArgs & { filters?: InvoiceFilters | null; sort?: InvoiceSort | null }, { state }: Ctx) => {
    const filters = args.filters ?? {};
    const key = invoiceKey(state, args.sort);
    const list = [...state.invoices.values()].filter((invoice) => invoiceMatches(state, invoice, filters));
    if (args.sort?.fields?.length) list.sort((a, b) => compareKeys(key(a), key(b)));
    return connection(list, key, args);
  },

  order: (_: unknown, args: { orderId: string }, { state }: Ctx) => {
    const legacyId = legacyIdOf(args.orderId, 'Order');
    const order = legacyId === undefined ? undefined : state.orders.get(legacyId);
    if (!order) throw new GraphQLError(`No object found for orderId: ${args.orderId}`);
    return order;
  },

  shipmentCarriers: (_: unknown, args: PageArgs, { state }: Ctx) => byIdConnection([...state.carriers.values()], args),

  refundRequests: (_: unknown, args: PageArgs & { sellerId?: string | null; filters?: RefundRequestFilters | null }, { state }: Ctx) => {
    const sellerId = set(args.sellerId) ? (legacyIdOf(args.sellerId!, 'Seller') ?? -1) : undefined;
    const filters = args.filters ?? {};
    return byIdConnection(
      [...state.refundRequests.values()].filter((request) => refundMatches(state, request, filters, sellerId)),
      args,
    );
  },

  /** Refund requests updated at or after `updatedSince`, by ascending (updatedAt, id). */
  updatedRefundRequests: (_: unknown, args: PageArgs & { updatedSince?: number | null }, { state }: Ctx) => {
    const list = [...state.refundRequests.values()]
      .filter((request) => !set(args.updatedSince) || request.updatedAt >= args.updatedSince!)
      .sort((a, b) => a.updatedAt - b.updatedAt || a.legacyId - b.legacyId);
    return connection(list, (request) => [request.updatedAt, request.legacyId], args);
  },
};
