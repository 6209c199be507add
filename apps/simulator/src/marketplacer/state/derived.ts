import type { MarketplacerState } from './marketplacer-state.js';
import type { AdvertRecord, InvoiceRecord, LineItemRecord, SellerRecord, TaxonRecord, VariantRecord } from './records.js';

export type InvoiceStatus = 'AWAITING_PAYMENT' | 'PAID' | 'PAYMENT_UNDER_REVIEW' | 'SENT' | 'PARTIALLY_SENT' | 'READY' | 'COLLECTED' | 'REFUNDED' | 'CANCELLED';

/** Lowest effective (sale if any) and original prices over the advert's variants, in cents. */
export function advertPrices(advert: AdvertRecord): { lowest: number | null; lowestOriginal: number | null } {
  let lowest: number | null = null;
  let lowestOriginal: number | null = null;
  for (const variant of advert.variants) {
    const effective = effectivePriceCents(variant);
    if (lowest === null || effective < lowest) lowest = effective;
    if (lowestOriginal === null || variant.priceCents < lowestOriginal) lowestOriginal = variant.priceCents;
  }
  return { lowest, lowestOriginal };
}

export function effectivePriceCents(variant: VariantRecord): number {
  return variant.salePriceCents !== null && variant.salePriceCents < variant.priceCents ? variant.salePriceCents : variant.priceCents;
}

export function isVetted(advert: AdvertRecord): boolean {
  return advert.vetting === 'APPROVED';
}

/**
 * "Whether to display the given advert": published, not deleted, vetted. INFERRED: how Marketplacer
 * combines these states is not documented.
 */
export function isDisplayable(advert: AdvertRecord): boolean {
  return advert.published && advert.deletedAt === null && isVetted(advert);
}

/** Displayable and sold by a seller that is online. INFERRED (see isDisplayable). */
export function isOnline(state: MarketplacerState, advert: AdvertRecord): boolean {
  const seller = state.sellers.get(advert.sellerId);
  return isDisplayable(advert) && seller !== undefined && seller.online && seller.deletedAt === null;
}

export function hasStock(advert: AdvertRecord): boolean {
  return advert.variants.some((variant) => variant.infiniteQuantity || variant.countOnHand > 0);
}

/** "size / M" style label of a variant; falls back to the SKU, then the id (as Marketplacer documents). */
export function variantLabel(state: MarketplacerState, variant: VariantRecord): string {
  const parts = variant.options.map((option) => {
    const type = state.optionTypes.get(option.optionTypeId);
    const value = option.optionValueId === null ? option.textValue : (state.optionValues.get(option.optionValueId)?.displayName ?? null);
    return type && value ? `${type.displayName.toLowerCase()} / ${value}` : null;
  });
  const label = parts.filter((part) => part !== null).join(', ');
  return label || variant.sku || String(variant.legacyId);
}

export function taxonTreeName(state: MarketplacerState, taxon: TaxonRecord): string {
  const names: string[] = [];
  let current: TaxonRecord | undefined = taxon;
  for (let depth = 0; current && depth < 20; depth++) {
    names.unshift(current.displayName);
    current = current.parentId === null ? undefined : state.taxons.get(current.parentId);
  }
  return names.join(' > ');
}

export function isTradingRetailer(seller: SellerRecord): boolean {
  return seller.accountType === 'RETAILER' && seller.online && seller.deletedAt === null;
}

export function lineTotalCents(line: LineItemRecord): number {
  return line.unitCents * line.quantity;
}

export function invoiceLines(state: MarketplacerState, invoice: InvoiceRecord): LineItemRecord[] {
  return invoice.lineItemIds.map((id) => state.lineItems.get(id)).filter((line): line is LineItemRecord => line !== undefined);
}

export function invoiceTotalCents(state: MarketplacerState, invoice: InvoiceRecord): number {
  return invoiceLines(state, invoice).reduce((sum, line) => sum + lineTotalCents(line), 0) + invoice.postageCents;
}

export function invoiceCommissionCents(state: MarketplacerState, invoice: InvoiceRecord): number {
  const goods = invoiceLines(state, invoice).reduce((sum, line) => sum + lineTotalCents(line), 0);
  return Math.round(goods * invoice.commissionRate);
}

/** Units of a line item already in a shipment. */
export function shippedQuantity(state: MarketplacerState, line: LineItemRecord): number {
  const invoice = state.invoices.get(line.invoiceId);
  let shipped = 0;
  for (const shipmentId of invoice?.shipmentIds ?? []) {
    for (const item of state.shipments.get(shipmentId)?.items ?? []) if (item.lineItemId === line.legacyId) shipped += item.quantity;
  }
  return shipped;
}

function shippingProgress(state: MarketplacerState, invoice: InvoiceRecord): 'none' | 'partial' | 'all' {
  const lines = invoiceLines(state, invoice).filter((line) => line.status !== 'CANCELLED');
  if (lines.length === 0) return 'none';
  let anyShipped = false;
  let allShipped = true;
  for (const line of lines) {
    const shipped = shippedQuantity(state, line);
    if (shipped > 0) anyShipped = true;
    if (shipped < line.quantity - line.refundedQuantity) allShipped = false;
  }
  if (allShipped && anyShipped) return 'all';
  return anyShipped ? 'partial' : 'none';
}

function fullyRefunded(state: MarketplacerState, invoice: InvoiceRecord): boolean {
  const lines = invoiceLines(state, invoice);
  return lines.length > 0 && lines.every((line) => line.status === 'REFUNDED');
}

/** The invoice status, derived from payment, cancellation, shipments, collection and refunds. */
export function invoiceStatus(state: MarketplacerState, invoice: InvoiceRecord): InvoiceStatus {
  if (invoice.cancelledAt !== null) return 'CANCELLED';
  if (fullyRefunded(state, invoice)) return 'REFUNDED';
  if (invoice.paidAt === null) return 'AWAITING_PAYMENT';
  const shipping = shippingProgress(state, invoice);
  if (shipping === 'all') return isCollected(invoice) ? 'COLLECTED' : 'SENT';
  if (shipping === 'partial') return 'PARTIALLY_SENT';
  return 'PAID';
}

/**
 * Collected: the buyer has the goods (picked up, or the delivery confirmed). Only once every line is
 * shipped (INFERRED: Marketplacer documents COLLECTED as a status and a flag but not when it applies;
 * the simulator uses it for "delivery done").
 */
function isCollected(invoice: InvoiceRecord): boolean {
  return invoice.collectedAt !== undefined && invoice.collectedAt !== null;
}

export function invoiceStatusFlags(state: MarketplacerState, invoice: InvoiceRecord): string[] {
  const flags: string[] = [];
  if (invoice.paidAt !== null) flags.push('PAID');
  const shipping = shippingProgress(state, invoice);
  if (shipping === 'all') flags.push('SENT');
  // INFERRED: a collected invoice keeps its SENT flag (flags accumulate, like PAID does).
  if (shipping === 'all' && isCollected(invoice)) flags.push('COLLECTED');
  if (shipping === 'partial') flags.push('PARTIALLY_SENT');
  const refunds = invoice.refundRequestIds.map((id) => state.refundRequests.get(id)).filter((r) => r !== undefined);
  if (refunds.some((r) => r.status === 'AWAITING' && r.lineIds.some((id) => state.refundLines.get(id)?.dispatched))) flags.push('AWAITING_RETURN');
  if (refunds.some((r) => r.status === 'RETURNED' || r.status === 'PROCESSED')) flags.push('AWAITING_REFUND');
  if (fullyRefunded(state, invoice)) flags.push('REFUNDED');
  if (invoice.cancelledAt !== null) flags.push('CANCELLED');
  if (invoice.remittedAt !== null) flags.push('REMITTED');
  return flags;
}
