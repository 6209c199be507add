import type { OrderStatus } from '#anymarket';
import { apiV2StatusOf, creationStatusOf, isPaid, isStepForward, marketPlaceStatusOf, targetStatusOf } from './order-status.js';
import { invoice, unpaidInvoice } from '#test-support/connector/orders/invoice-fixture';

const STATUSES: OrderStatus[] = ['PENDING', 'PAID', 'INVOICED', 'SHIPPED', 'DELIVERED', 'CANCELED'];

describe('targetStatusOf', () => {
  describe('by invoice status (with the flags Marketplacer sets alongside)', () => {
    it.each([
      ['AWAITING_PAYMENT', [], null, 'PENDING'],
      ['PAYMENT_UNDER_REVIEW', [], null, 'PENDING'],
      ['PAID', ['PAID'], '2025-03-10T14:06:10-03:00', 'PAID'],
      ['PARTIALLY_SENT', ['PAID', 'PARTIALLY_SENT'], '2025-03-10T14:06:10-03:00', 'PAID'],
      ['READY', ['PAID'], '2025-03-10T14:06:10-03:00', 'PAID'],
      ['SENT', ['PAID', 'SENT'], '2025-03-10T14:06:10-03:00', 'SHIPPED'],
      ['COLLECTED', ['PAID', 'COLLECTED'], '2025-03-10T14:06:10-03:00', 'DELIVERED'],
      ['REFUNDED', ['PAID', 'REFUNDED'], '2025-03-10T14:06:10-03:00', 'CANCELED'],
      ['CANCELLED', ['CANCELLED'], null, 'CANCELED'],
      ['CANCELLED', ['PAID', 'CANCELLED'], '2025-03-10T14:06:10-03:00', 'CANCELED'],
    ])('%s %j (paid at %s) → %s', (status, statusFlags, paidAt, expected) => {
      expect(targetStatusOf(invoice(1, { status, statusFlags, paidAt }))).toBe(expected);
    });

    it('reads the status alone too (no flags, no payment time): a status only a paid invoice reaches counts as paid', () => {
      const bare = (status: string) => targetStatusOf(invoice(1, { status, statusFlags: [], paidAt: null }));
      expect(bare('PAID')).toBe('PAID');
      expect(bare('PARTIALLY_SENT')).toBe('PAID');
      expect(bare('READY')).toBe('PAID');
      expect(bare('SENT')).toBe('SHIPPED');
      expect(bare('COLLECTED')).toBe('DELIVERED');
      expect(bare('REFUNDED')).toBe('CANCELED');
      expect(bare('CANCELLED')).toBe('CANCELED');
    });

    it('keeps a status word it does not know, deciding by the payment', () => {
      expect(targetStatusOf(invoice(1, { status: 'ON_HOLD', statusFlags: [], paidAt: null }))).toBe('PENDING');
      expect(targetStatusOf(invoice(1, { status: 'ON_HOLD', statusFlags: [], paidAt: '2025-03-10T14:06:10-03:00' }))).toBe('PAID');
    });
  });

  describe('by flag, whatever the status says', () => {
    it.each([
      [['PAID'], 'PAID'],
      [['SENT'], 'SHIPPED'],
      [['COLLECTED'], 'DELIVERED'],
      [['REFUNDED'], 'CANCELED'],
      [['CANCELLED'], 'CANCELED'],
      [['PAID', 'PARTIALLY_SENT'], 'PAID'],
    ])('%j on an AWAITING_PAYMENT invoice → %s', (statusFlags, expected) => {
      expect(targetStatusOf(unpaidInvoice(1, { statusFlags }))).toBe(expected);
    });

    it('takes the furthest: cancelled or refunded over collected over sent over paid', () => {
      expect(targetStatusOf(invoice(1, { status: 'COLLECTED', statusFlags: ['PAID', 'SENT', 'COLLECTED', 'CANCELLED'] }))).toBe('CANCELED');
      expect(targetStatusOf(invoice(1, { status: 'SENT', statusFlags: ['PAID', 'SENT', 'REFUNDED'] }))).toBe('CANCELED');
      expect(targetStatusOf(invoice(1, { status: 'SENT', statusFlags: ['PAID', 'SENT', 'COLLECTED'] }))).toBe('DELIVERED');
      expect(targetStatusOf(invoice(1, { status: 'PARTIALLY_SENT', statusFlags: ['PAID', 'PARTIALLY_SENT', 'SENT'] }))).toBe('SHIPPED');
    });
  });

  it('a partial shipment stays PAID: ANYMARKET has no partial shipment', () => {
    expect(targetStatusOf(invoice(1, { status: 'PARTIALLY_SENT', statusFlags: ['PAID', 'PARTIALLY_SENT'] }))).toBe('PAID');
  });

  it('refunded in full (by approved refund requests) → CANCELED, from any status', () => {
    expect(targetStatusOf(invoice(1), true)).toBe('CANCELED');
    expect(targetStatusOf(invoice(1, { status: 'SENT', statusFlags: ['PAID', 'SENT'] }), true)).toBe('CANCELED');
    expect(targetStatusOf(invoice(1, { status: 'COLLECTED', statusFlags: ['PAID', 'COLLECTED'] }), true)).toBe('CANCELED');
    expect(targetStatusOf(invoice(1), false)).toBe('PAID');
  });

  it('never calls for INVOICED: the NF-e is the seller’s, made in ANYMARKET', () => {
    const words = ['AWAITING_PAYMENT', 'PAID', 'PAYMENT_UNDER_REVIEW', 'PARTIALLY_SENT', 'SENT', 'READY', 'COLLECTED', 'REFUNDED', 'CANCELLED'];
    const targets = words.flatMap((status) => [targetStatusOf(invoice(1, { status })), targetStatusOf(unpaidInvoice(1, { status }))]);
    expect(targets).not.toContain('INVOICED');
  });
});

describe('isPaid', () => {
  it('is paid with a payment time, the PAID flag, or a status only a paid invoice reaches', () => {
    expect(isPaid(unpaidInvoice(1, { paidAt: '2025-03-10T14:06:10-03:00' }))).toBe(true);
    expect(isPaid(unpaidInvoice(1, { statusFlags: ['PAID'] }))).toBe(true);
    for (const status of ['PAID', 'SENT', 'PARTIALLY_SENT', 'READY', 'COLLECTED']) expect(isPaid(unpaidInvoice(1, { status }))).toBe(true);
  });

  it('is not paid while awaiting payment or under review, nor when cancelled unpaid', () => {
    for (const status of ['AWAITING_PAYMENT', 'PAYMENT_UNDER_REVIEW', 'CANCELLED', 'REFUNDED']) expect(isPaid(unpaidInvoice(1, { status }))).toBe(false);
  });
});

describe('isStepForward', () => {
  // Rows: what ANYMARKET has (known); columns: what the invoice calls for (target), in STATUSES' order.
  const TABLE: Record<OrderStatus, [boolean, boolean, boolean, boolean, boolean, boolean]> = {
    //         PENDING PAID   INVOICED SHIPPED DELIVERED CANCELED
    PENDING: [false, true, true, true, true, true],
    PAID: [false, false, true, true, true, true],
    INVOICED: [false, false, false, true, true, true],
    SHIPPED: [false, false, false, false, true, true],
    DELIVERED: [false, false, false, false, false, true],
    CANCELED: [false, false, false, false, false, false],
  };

  it.each(STATUSES.flatMap((known) => STATUSES.map((target, column) => [known, target, TABLE[known][column]] as const)))(
    '%s → %s: %s',
    (known, target, expected) => {
      expect(isStepForward(known, target)).toBe(expected);
    },
  );

  it('never twice, never backwards, nothing after CANCELED', () => {
    for (const status of STATUSES) expect(isStepForward(status, status)).toBe(false);
    expect(isStepForward('DELIVERED', 'SHIPPED')).toBe(false);
    expect(isStepForward('SHIPPED', 'PAID')).toBe(false);
    for (const target of STATUSES) expect(isStepForward('CANCELED', target)).toBe(false);
  });

  it('allows jumps, which ANYMARKET allows', () => {
    expect(isStepForward('PAID', 'SHIPPED')).toBe(true);
    expect(isStepForward('PENDING', 'DELIVERED')).toBe(true);
    expect(isStepForward('PAID', 'DELIVERED')).toBe(true);
  });

  it('cancels from every status but CANCELED, delivered included', () => {
    for (const known of STATUSES.filter((status) => status !== 'CANCELED')) expect(isStepForward(known, 'CANCELED')).toBe(true);
  });
});

describe('creationStatusOf', () => {
  it('creates PENDING orders as PENDING and every other one as PAID (a later status follows with a transition)', () => {
    expect(STATUSES.map(creationStatusOf)).toEqual(['PENDING', 'PAID', 'PAID', 'PAID', 'PAID', 'PAID']);
  });
});

describe('marketPlaceStatusOf', () => {
  it('says the situation in Portuguese with Marketplacer’s own word', () => {
    expect(marketPlaceStatusOf(invoice(1))).toBe('Pago (PAID)');
    expect(marketPlaceStatusOf(unpaidInvoice(1))).toBe('Aguardando pagamento (AWAITING_PAYMENT)');
    expect(marketPlaceStatusOf(invoice(1, { status: 'PARTIALLY_SENT' }))).toBe('Enviado parcialmente (PARTIALLY_SENT)');
    expect(marketPlaceStatusOf(invoice(1, { status: 'READY' }))).toBe('Pronto para retirada (READY)');
    expect(marketPlaceStatusOf(invoice(1, { status: 'COLLECTED' }))).toBe('Entregue (COLLECTED)');
    expect(marketPlaceStatusOf(invoice(1, { status: 'CANCELLED' }))).toBe('Cancelado (CANCELLED)');
  });

  it('shows an unknown word as it is', () => {
    expect(marketPlaceStatusOf(invoice(1, { status: 'ON_HOLD' }))).toBe('ON_HOLD');
  });
});

describe('apiV2StatusOf', () => {
  it('speaks API v2 (ApiOrder.status of remote_pt.yaml, ANYMARKET-NOTES §5)', () => {
    expect(STATUSES.map(apiV2StatusOf)).toEqual(['PENDING', 'PAID_WAITING_SHIP', 'INVOICED', 'PAID_WAITING_DELIVERY', 'CONCLUDED', 'CANCELED']);
  });
});
