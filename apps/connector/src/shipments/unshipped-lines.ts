import type { MarketplacerInvoice } from '#marketplacer';

/** Line statuses that leave nothing to ship (LineItemStatusEnum). */
const CLOSED_LINE_STATUSES = new Set(['REFUNDED', 'CANCELLED']);

/** The invoice's lines that are neither cancelled nor refunded. */
export function openLinesOf(invoice: MarketplacerInvoice): MarketplacerInvoice['lineItems'] {
  return invoice.lineItems.filter((line) => !CLOSED_LINE_STATUSES.has(line.status));
}

/** How many units of each line (by line item id) the invoice's shipments hold. */
export function shippedQuantitiesOf(invoice: MarketplacerInvoice): Map<string, number> {
  const shipped = new Map<string, number>();
  for (const shipment of invoice.shipments) {
    for (const item of shipment.items) shipped.set(item.lineItemId, (shipped.get(item.lineItemId) ?? 0) + item.quantity);
  }
  return shipped;
}

/** What is left to ship of each line of the invoice: ordered minus already in a shipment; cancelled and refunded lines excluded. */
export function unshippedItemsOf(invoice: MarketplacerInvoice): Array<{ lineItemId: string; quantity: number }> {
  const shipped = shippedQuantitiesOf(invoice);
  return openLinesOf(invoice)
    .map((line) => ({ lineItemId: line.id, quantity: line.quantity - (shipped.get(line.id) ?? 0) }))
    .filter((item) => item.quantity > 0);
}
