import type { MarketplacerInvoice, MarketplacerRefundRequest } from '#marketplacer';

/** A refund request of an order's invoice, as kept on the order (for the cancel rule and for admins). */
export interface OrderRefund {
  id: string;
  status: string;
  updatedAt: string;
  cashAmountCents: number | null;
  lines: Array<{ lineItemId: string | null; quantity: number | null; status: string | null; amountCents: number }>;
}

/** Refund request statuses that mean the money goes back to the buyer. */
const APPROVED = new Set(['REFUND_ACCEPTED', 'REFUNDED']);
const DENIED = new Set(['REFUND_DENIED', 'DENIED']);

export function toOrderRefund(request: MarketplacerRefundRequest): OrderRefund {
  return {
    id: request.id,
    status: request.status,
    updatedAt: request.updatedAt,
    cashAmountCents: request.cashAmountCents,
    lines: request.lineItems.map((line) => ({ lineItemId: line.lineItemId, quantity: line.quantity, status: line.status, amountCents: line.amountCents })),
  };
}

/** The refunds with this one added or replaced (an older read of a request never replaces a newer one). */
export function withRefund(refunds: OrderRefund[], refund: OrderRefund): OrderRefund[] {
  const current = refunds.find((kept) => kept.id === refund.id);
  if (current && Date.parse(current.updatedAt) > Date.parse(refund.updatedAt)) return refunds;
  return [...refunds.filter((kept) => kept.id !== refund.id), refund];
}

/**
 * Whether approved refund requests give back every unit of every line of the invoice: then the sale is
 * undone and the order is cancelled in ANYMARKET (which has no partial refund). A line counts when the
 * request is approved (REFUND_ACCEPTED, REFUNDED) and the line itself was not denied.
 */
export function refundedInFull(invoice: MarketplacerInvoice, refunds: OrderRefund[]): boolean {
  const lines = invoice.lineItems.filter((line) => line.status !== 'CANCELLED');
  if (lines.length === 0 || refunds.length === 0) return false;
  const refunded = new Map<string, number>();
  for (const refund of refunds) {
    if (!APPROVED.has(refund.status)) continue;
    for (const line of refund.lines) {
      if (line.lineItemId === null || (line.status !== null && DENIED.has(line.status))) continue;
      refunded.set(line.lineItemId, (refunded.get(line.lineItemId) ?? 0) + (line.quantity ?? 0));
    }
  }
  return lines.every((line) => (refunded.get(line.id) ?? 0) >= line.quantity);
}

/** For admins: what the refunds amount to, short of a whole-invoice refund (which cancels the order). */
export function refundStanding(invoice: MarketplacerInvoice, refunds: OrderRefund[]): 'none' | 'requested' | 'partial' | 'full' | 'denied' {
  if (refunds.length === 0) return 'none';
  if (refundedInFull(invoice, refunds)) return 'full';
  if (refunds.some((refund) => APPROVED.has(refund.status))) return 'partial';
  if (refunds.every((refund) => DENIED.has(refund.status))) return 'denied';
  return 'requested';
}
