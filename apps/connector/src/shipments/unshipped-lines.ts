import type { MarketplacerInvoice } from '#marketplacer';

/** Line statuses that leave nothing to ship (LineItemStatusEnum). */
const CLOSED_LINE_STATUSES = new Set(['REFUNDED', 'CANCELLED']);

/** What is left to ship of each line of the invoice: ordered minus already in a shipment; cancelled and refunded lines excluded. */
export function unshippedItemsOf(invoice: MarketplacerInvoice): Array<{ lineItemId: string; quantity: number }> {
  const shipped = new Map<string, number>();
  for (const shipment of invoice.shipments) {
    for (const item of shipment.items) shipped.set(item.lineItemId, (shipped.get(item.lineItemId) ?? 0) + item.quantity);
  }
  return invoice.lineItems
    .filter((line) => !CLOSED_LINE_STATUSES.has(line.status))
    .map((line) => ({ lineItemId: line.id, quantity: line.quantity - (shipped.get(line.id) ?? 0) }))
    .filter((item) => item.quantity > 0);
}
