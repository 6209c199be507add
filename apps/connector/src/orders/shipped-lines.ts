import type { MarketplacerInvoice } from '#marketplacer';
import { openLinesOf, shippedQuantitiesOf } from '../shipments/index.js';

/** One open line of an invoice: what it is called, and how many units are shipped and still to ship. */
export interface LineShipping {
  lineItemId: string;
  label: string;
  shipped: number;
  left: number;
}

/**
 * How far each open line (neither cancelled nor refunded) is shipped, by the invoice's shipments.
 * A line is named by its SKU (else its variant's name, else its id).
 */
export function lineShippingOf(invoice: MarketplacerInvoice): LineShipping[] {
  const shipped = shippedQuantitiesOf(invoice);
  return openLinesOf(invoice).map((line) => {
    const done = Math.min(line.quantity, shipped.get(line.id) ?? 0);
    return { lineItemId: line.id, label: line.variantSku ?? line.variantName ?? `line ${line.legacyId}`, shipped: done, left: line.quantity - done };
  });
}

/**
 * The timeline's word on a partial shipment: which lines (SKU × quantity) are shipped and which are not
 * yet, each time that changes between the version kept (`previous`; null for a new order) and this one.
 * Said while the invoice is partly shipped, and once more when the last lines of a partly shipped one go
 * out. An invoice shipped whole at once has nothing to say here (its markAsShipped says it). ANYMARKET
 * has no per-line shipment (marketplace_pt.yaml's markAsShipped has no line field): this is where it shows.
 */
export function shippedLinesNote(previous: MarketplacerInvoice | null, invoice: MarketplacerInvoice): string | null {
  const now = lineShippingOf(invoice);
  const before = previous ? lineShippingOf(previous) : [];
  const shippedBefore = new Map(before.map((line) => [line.lineItemId, line.shipped]));
  const changed = now.some((line) => line.shipped !== (shippedBefore.get(line.lineItemId) ?? 0));
  if (!changed) return null;
  const shipped = now.filter((line) => line.shipped > 0);
  const left = now.filter((line) => line.left > 0);
  if (shipped.length === 0) return null;
  const wasPartial = before.some((line) => line.shipped > 0);
  if (left.length === 0 && !wasPartial) return null;
  const list = (lines: LineShipping[], count: (line: LineShipping) => number) => lines.map((line) => `${line.label} × ${count(line)}`).join(', ');
  const notYet = left.length ? `not yet shipped: ${list(left, (line) => line.left)}` : 'every line shipped now';
  return `shipped: ${list(shipped, (line) => line.shipped)}; ${notYet}`;
}
