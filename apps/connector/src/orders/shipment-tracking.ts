import type { OrderShipment, OrderStatus, OrderTracking } from '#anymarket';
import type { MarketplacerInvoice } from '#marketplacer';
import { withOffset } from './order-post.mapper.js';

/** A markAsShipped body as the connector sends it (marketplace_pt.yaml `markAsShipped`). */
export type ShippedTracking = OrderShipment & { status: 'SHIPPED' };

/**
 * The tracking ANYMARKET has for an order, as far as the connector knows (`anymarket_order.anymarket_tracking`):
 * - `connector`: the markAsShipped body it sent last (or, for an order shipped before this was kept, the
 *   invoice's tracking as first seen after, taken as sent: nothing is sent for it);
 * - `anymarket`: ANYMARKET's own tracking, read back when the seller shipped there (its numbers gathered).
 */
export interface KnownTracking {
  origin: 'connector' | 'anymarket';
  carrier?: string;
  number?: string;
  url?: string;
  shippedDate?: string;
}

/** A tracking update ANYMARKET did not take (`anymarket_order.tracking_not_delivered`), shown to operators. */
export interface TrackingNotDelivered {
  reason: string;
  tracking: ShippedTracking;
  at: string;
}

/** What the invoice's tracking asks of ANYMARKET's order. */
export type TrackingDecision =
  | { kind: 'none' }
  /** Nothing known yet for an order ANYMARKET has shipped: the invoice's tracking is kept as known, nothing sent. */
  | { kind: 'baseline'; known: KnownTracking }
  /** The tracking changed (a second shipment, a corrected number, a new carrier or link): send it all again. */
  | { kind: 'send'; body: ShippedTracking };

/**
 * The markAsShipped body of an invoice: the newest shipment's carrier, link and dispatch time, and every
 * tracking number in dispatch order (ANYMARKET takes one `number`; several are joined with ", ").
 * Without a shipment: the invoice's last change stands for the dispatch time.
 */
export function shippedTrackingOf(invoice: MarketplacerInvoice): ShippedTracking {
  const shipments = [...invoice.shipments].sort((a, b) => Date.parse(a.dispatchedAt) - Date.parse(b.dispatchedAt));
  const newest = shipments.at(-1);
  if (!newest) return { status: 'SHIPPED', shippedDate: withOffset(invoice.updatedAt) };
  const numbers = [...new Set(shipments.map((shipment) => shipment.trackingNumber).filter((number) => number))];
  return {
    status: 'SHIPPED',
    shippedDate: withOffset(newest.dispatchedAt),
    ...(newest.carrier ? { carrier: newest.carrier } : {}),
    ...(numbers.length ? { number: numbers.join(', ') } : {}),
    ...(newest.trackingLink ? { url: newest.trackingLink } : {}),
  };
}

/**
 * Whether the invoice's tracking must go to ANYMARKET again, for an order ANYMARKET has as `status`.
 * Only a SHIPPED or DELIVERED order with shipments in Marketplacer is considered (an order not shipped
 * yet gets its tracking with the markAsShipped that ships it). Against what was sent, any change of
 * carrier, numbers, link or dispatch time counts; against ANYMARKET's own tracking only a number it does
 * not have (its carrier name is ANYMARKET's, not Marketplacer's: comparing it would echo the seller's
 * change back). A tracking already refused, unchanged since, is not sent again.
 */
export function trackingDecisionOf(
  status: OrderStatus | null,
  known: KnownTracking | null,
  notDelivered: TrackingNotDelivered | null,
  invoice: MarketplacerInvoice,
): TrackingDecision {
  if ((status !== 'SHIPPED' && status !== 'DELIVERED') || invoice.shipments.length === 0) return { kind: 'none' };
  const body = shippedTrackingOf(invoice);
  if (known === null) return { kind: 'baseline', known: knownFromSent(body) };
  const changed = known.origin === 'anymarket' ? !isSubset(numbersOf(body.number), numbersOf(known.number)) : !sameTracking(known, body);
  if (!changed) return { kind: 'none' };
  if (notDelivered && sameTracking(notDelivered.tracking, body)) return { kind: 'none' };
  return { kind: 'send', body };
}

/** What ANYMARKET has once it took this markAsShipped body. */
export function knownFromSent(body: ShippedTracking): KnownTracking {
  return { origin: 'connector', ...pick(body) };
}

/**
 * What ANYMARKET has after the seller shipped there: its tracking, with the numbers known before kept
 * (a number the connector sent, or the seller's earlier one, is not news when Marketplacer shows it).
 * Without a number and nothing known before: ANYMARKET's tracking without one (so any number in
 * Marketplacer is news to it).
 */
export function knownFromAnymarket(previous: KnownTracking | null, tracking: OrderTracking | undefined): KnownTracking {
  if (!tracking?.number?.trim()) return previous ?? { origin: 'anymarket', ...pick(tracking ?? {}) };
  const numbers = [...new Set([...numbersOf(previous?.number), ...numbersOf(tracking.number)])];
  return { origin: 'anymarket', ...pick({ ...tracking, number: numbers.join(', ') }) };
}

/** The tracking as one line for the timeline: carrier, numbers, link, dispatch time. */
export function describeTracking(tracking: Pick<KnownTracking, 'carrier' | 'number' | 'url' | 'shippedDate'>): string {
  const parts = [
    tracking.carrier ?? 'no carrier',
    tracking.number ? `tracking ${tracking.number}` : 'no tracking number',
    ...(tracking.url ? [tracking.url] : []),
    ...(tracking.shippedDate ? [`shipped ${tracking.shippedDate}`] : []),
  ];
  return parts.join(', ');
}

/** The tracking numbers in a markAsShipped `number` (several joined with commas). */
export function numbersOf(number: string | undefined): string[] {
  return (number ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

function sameTracking(
  a: Pick<KnownTracking, 'carrier' | 'number' | 'url' | 'shippedDate'>,
  b: Pick<KnownTracking, 'carrier' | 'number' | 'url' | 'shippedDate'>,
): boolean {
  const numbersA = numbersOf(a.number);
  const numbersB = numbersOf(b.number);
  return (
    (a.carrier ?? '') === (b.carrier ?? '') &&
    (a.url ?? '') === (b.url ?? '') &&
    sameInstant(a.shippedDate, b.shippedDate) &&
    numbersA.length === numbersB.length &&
    isSubset(numbersA, numbersB)
  );
}

function sameInstant(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return Date.parse(a) === Date.parse(b) || a === b;
}

function isSubset(some: string[], all: string[]): boolean {
  const known = new Set(all);
  return some.every((number) => known.has(number));
}

function pick(tracking: { carrier?: string; number?: string; url?: string; shippedDate?: string }): Omit<KnownTracking, 'origin'> {
  return {
    ...(tracking.carrier ? { carrier: tracking.carrier } : {}),
    ...(tracking.number ? { number: tracking.number } : {}),
    ...(tracking.url ? { url: tracking.url } : {}),
    ...(tracking.shippedDate ? { shippedDate: tracking.shippedDate } : {}),
  };
}
