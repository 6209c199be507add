import { MARK_AS_SHIPPED, schemaViolations } from '#anymarket';
import {
  describeTracking,
  knownFromAnymarket,
  knownFromSent,
  numbersOf,
  shippedTrackingOf,
  trackingDecisionOf,
  type KnownTracking,
} from './shipment-tracking.js';
import { invoice, lineItem, shipment } from '#test-support/connector/orders/invoice-fixture';

const SHOES = lineItem(700101, 2, 1990);
const BAG = lineItem(700102, 1, 12000);
const FIRST = shipment(81, '2025-03-11T08:15:00-03:00', [SHOES]);
const SECOND = shipment(82, '2025-03-12T10:00:00-03:00', [BAG], { carrier: 'Jadlog', trackingNumber: 'JD82', trackingLink: 'https://jadlog.example/JD82' });

const sent = (shipments = [FIRST, SECOND]) => invoice(7001, { status: 'SENT', statusFlags: ['PAID', 'SENT'], lineItems: [SHOES, BAG], shipments });
/** What the connector told ANYMARKET when only the first shipment was there. */
const SENT_FIRST: KnownTracking = knownFromSent(shippedTrackingOf(sent([FIRST])));

describe('trackingDecisionOf', () => {
  it('sends the whole tracking again when a second shipment came after SHIPPED: every number, the newest carrier, link and time', () => {
    const decision = trackingDecisionOf('SHIPPED', SENT_FIRST, null, sent());
    expect(decision).toEqual({
      kind: 'send',
      body: { status: 'SHIPPED', shippedDate: '2025-03-12T10:00:00-03:00', carrier: 'Jadlog', number: 'BR81SP, JD82', url: 'https://jadlog.example/JD82' },
    });
    expect(schemaViolations(MARK_AS_SHIPPED, decision.kind === 'send' ? decision.body : {})).toEqual([]);
  });

  it('sends a corrected tracking number', () => {
    const corrected = sent([{ ...FIRST, trackingNumber: 'BR81SP-FIXED' }]);
    expect(trackingDecisionOf('SHIPPED', SENT_FIRST, null, corrected)).toMatchObject({ kind: 'send', body: { number: 'BR81SP-FIXED' } });
  });

  it('sends nothing when the tracking is what was sent (another change of the invoice, a quiet poll)', () => {
    expect(trackingDecisionOf('SHIPPED', SENT_FIRST, null, sent([FIRST]))).toEqual({ kind: 'none' });
    // The same instant written with another offset is the same dispatch time.
    expect(trackingDecisionOf('SHIPPED', { ...SENT_FIRST, shippedDate: '2025-03-11T11:15:00Z' }, null, sent([FIRST]))).toEqual({ kind: 'none' });
  });

  it('considers only orders ANYMARKET has as SHIPPED or DELIVERED, with shipments in Marketplacer', () => {
    for (const status of ['PENDING', 'PAID', 'INVOICED', 'CANCELED', null] as const)
      expect(trackingDecisionOf(status, SENT_FIRST, null, sent())).toEqual({ kind: 'none' });
    expect(trackingDecisionOf('SHIPPED', SENT_FIRST, null, sent([]))).toEqual({ kind: 'none' });
    // DELIVERED: the decision is to send; the run records instead of sending (a delivered order is not shipped again).
    expect(trackingDecisionOf('DELIVERED', SENT_FIRST, null, sent())).toMatchObject({ kind: 'send' });
  });

  it('takes the tracking as known, sending nothing, for a shipped order with nothing kept (shipped before tracking was kept)', () => {
    expect(trackingDecisionOf('SHIPPED', null, null, sent())).toEqual({
      kind: 'baseline',
      known: { origin: 'connector', shippedDate: '2025-03-12T10:00:00-03:00', carrier: 'Jadlog', number: 'BR81SP, JD82', url: 'https://jadlog.example/JD82' },
    });
  });

  it("against ANYMARKET's own tracking, only a number it lacks counts (Marketplacer's carrier name differs from ANYMARKET's: no echo)", () => {
    const anymarkets = knownFromAnymarket(null, {
      carrier: 'Correios SEDEX',
      number: 'BR81SP',
      url: 'https://t.example',
      shippedDate: '2025-03-11T08:00:00-03:00',
    });
    expect(trackingDecisionOf('SHIPPED', anymarkets, null, sent([FIRST]))).toEqual({ kind: 'none' });
    expect(trackingDecisionOf('SHIPPED', anymarkets, null, sent())).toMatchObject({ kind: 'send', body: { number: 'BR81SP, JD82' } });
  });

  it('does not send again a tracking ANYMARKET refused, until it changes', () => {
    const body = shippedTrackingOf(sent());
    const refused = { reason: 'ANYMARKET answered markAsShipped with 422', tracking: body, at: '2025-03-12T13:00:00.000Z' };
    expect(trackingDecisionOf('SHIPPED', SENT_FIRST, refused, sent())).toEqual({ kind: 'none' });
    const third = shipment(83, '2025-03-13T10:00:00-03:00', [BAG], { trackingNumber: 'BR83SP' });
    expect(trackingDecisionOf('SHIPPED', SENT_FIRST, refused, sent([FIRST, SECOND, third]))).toMatchObject({
      kind: 'send',
      body: { number: 'BR81SP, JD82, BR83SP' },
    });
  });
});

describe('knownFromAnymarket', () => {
  it("gathers ANYMARKET's numbers with those known before", () => {
    expect(knownFromAnymarket(SENT_FIRST, { carrier: 'Jadlog', number: 'JD90' })).toEqual({ origin: 'anymarket', carrier: 'Jadlog', number: 'BR81SP, JD90' });
  });

  it('keeps what was known when ANYMARKET has no number; without anything known, ANYMARKET has none', () => {
    expect(knownFromAnymarket(SENT_FIRST, { carrier: 'Jadlog' })).toBe(SENT_FIRST);
    expect(knownFromAnymarket(null, undefined)).toEqual({ origin: 'anymarket' });
    expect(trackingDecisionOf('SHIPPED', { origin: 'anymarket' }, null, sent([FIRST]))).toMatchObject({ kind: 'send', body: { number: 'BR81SP' } });
  });
});

describe('tracking text', () => {
  it('splits joined numbers and describes a tracking for the timeline', () => {
    expect(numbersOf(' A1, B2 ,,')).toEqual(['A1', 'B2']);
    expect(numbersOf(undefined)).toEqual([]);
    expect(describeTracking({ carrier: 'Jadlog', number: 'A1, B2', url: 'https://t.example', shippedDate: '2025-03-12T10:00:00-03:00' })).toBe(
      'Jadlog, tracking A1, B2, https://t.example, shipped 2025-03-12T10:00:00-03:00',
    );
    expect(describeTracking({})).toBe('no carrier, no tracking number');
  });
});
