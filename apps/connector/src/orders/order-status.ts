import type { OrderStatus } from '#anymarket';
import type { MarketplacerInvoice } from '#marketplacer';

/**
 * How far along an order is, in ANYMARKET's marketplace-API words (ANYMARKET-NOTES §5). CANCELED is
 * apart: reachable from every other status, and final.
 */
const RANK: Record<Exclude<OrderStatus, 'CANCELED'>, number> = { PENDING: 0, PAID: 1, INVOICED: 2, SHIPPED: 3, DELIVERED: 4 };

/**
 * The status an invoice calls for in ANYMARKET. Cancelled, or refunded in full (by the invoice or by
 * approved refund requests covering every unit) → CANCELED; collected (click and collect, or marked
 * delivered) → DELIVERED; every line shipped → SHIPPED (partially shipped stays PAID: ANYMARKET has no
 * partial shipment); paid → PAID; else PENDING. INVOICED is never called for: the NF-e is the
 * seller's, made in ANYMARKET.
 */
export function targetStatusOf(invoice: MarketplacerInvoice, refundedInFull = false): OrderStatus {
  const flags = new Set(invoice.statusFlags);
  if (refundedInFull || invoice.status === 'CANCELLED' || invoice.status === 'REFUNDED' || flags.has('CANCELLED') || flags.has('REFUNDED')) return 'CANCELED';
  if (invoice.status === 'COLLECTED' || flags.has('COLLECTED')) return 'DELIVERED';
  if (invoice.status === 'SENT' || flags.has('SENT')) return 'SHIPPED';
  if (isPaid(invoice)) return 'PAID';
  return 'PENDING';
}

/** Paid in Marketplacer: a payment time, the PAID flag, or a status that only a paid invoice reaches. */
export function isPaid(invoice: MarketplacerInvoice): boolean {
  return invoice.paidAt !== null || invoice.statusFlags.includes('PAID') || ['PAID', 'SENT', 'PARTIALLY_SENT', 'READY', 'COLLECTED'].includes(invoice.status);
}

/**
 * Whether moving ANYMARKET's order from `known` to `target` is a step forward: never backwards, never
 * twice, nothing after CANCELED. Jumps (PAID → SHIPPED, PENDING → DELIVERED) are steps: ANYMARKET
 * allows them. A status ANYMARKET reached by itself (the seller shipped there) is `known`, so the
 * same status read back from Marketplacer is not sent again: a change never echoes back.
 */
export function isStepForward(known: OrderStatus, target: OrderStatus): boolean {
  if (known === 'CANCELED') return false;
  if (target === 'CANCELED') return true;
  return RANK[target] > RANK[known];
}

/** Statuses an order may be created with in ANYMARKET (a later one is reached with a transition right after). */
export function creationStatusOf(target: OrderStatus): 'PENDING' | 'PAID' {
  return target === 'PENDING' ? 'PENDING' : 'PAID';
}

const INVOICE_STATUS_TEXT: Record<string, string> = {
  AWAITING_PAYMENT: 'Aguardando pagamento',
  PAID: 'Pago',
  PAYMENT_UNDER_REVIEW: 'Pagamento em análise',
  PARTIALLY_SENT: 'Enviado parcialmente',
  SENT: 'Enviado',
  READY: 'Pronto para retirada',
  COLLECTED: 'Entregue',
  REFUNDED: 'Reembolsado',
  CANCELLED: 'Cancelado',
};

/**
 * `marketPlaceStatus`: the order's situation in Marketplacer as free text for the seller (ANYMARKET
 * shows it; "Pago", "Aguardando pagamento", …), with Marketplacer's own word, e.g. "Enviado
 * parcialmente (PARTIALLY_SENT)". A partial shipment has no ANYMARKET status: this is where it shows.
 */
export function marketPlaceStatusOf(invoice: MarketplacerInvoice): string {
  const text = INVOICE_STATUS_TEXT[invoice.status] ?? invoice.status;
  return text === invoice.status ? text : `${text} (${invoice.status})`;
}

/** ANYMARKET's API v2 word for a status, as `ApiOrder.status` (GET /order/{id}) uses them (ANYMARKET-NOTES §5). */
export function apiV2StatusOf(status: OrderStatus): 'PENDING' | 'PAID_WAITING_SHIP' | 'INVOICED' | 'PAID_WAITING_DELIVERY' | 'CONCLUDED' | 'CANCELED' {
  const words = {
    PENDING: 'PENDING',
    PAID: 'PAID_WAITING_SHIP',
    INVOICED: 'INVOICED',
    SHIPPED: 'PAID_WAITING_DELIVERY',
    DELIVERED: 'CONCLUDED',
    CANCELED: 'CANCELED',
  } as const;
  return words[status];
}
