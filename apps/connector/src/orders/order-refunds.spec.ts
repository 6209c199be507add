import type { MarketplacerRefundRequest } from '#marketplacer';
import { refundedInFull, refundStanding, toOrderRefund, withRefund, type OrderRefund } from './order-refunds.js';
import { invoice, lineItem } from '#test-support/connector/orders/invoice-fixture';

// Invoice 5001: 3 × 19.90 (line 500101) and 1 × 120.00 (line 500102), 15.00 postage.
const SHOES = lineItem(500101, 3, 1990);
const BAG = lineItem(500102, 1, 12000);
const INVOICE = invoice(5001, { lineItems: [SHOES, BAG] });

let nextId = 1;
/** A refund request of invoice 5001 with these lines, each `[line, quantity, line status?]`. */
function refund(status: string, lines: Array<[typeof SHOES, number, string?]>, updatedAt = '2025-03-12T10:00:00-03:00'): OrderRefund {
  return {
    id: `UmVmdW5kUmVxdWVzdC0${nextId++}`,
    status,
    updatedAt,
    cashAmountCents: status === 'REFUNDED' ? lines.reduce((sum, [line, quantity]) => sum + (line.totalCents / line.quantity) * quantity, 0) : null,
    lines: lines.map(([line, quantity, lineStatus]) => ({
      lineItemId: line.id,
      quantity,
      status: lineStatus ?? status,
      amountCents: (line.totalCents / line.quantity) * quantity,
    })),
  };
}

describe('refundedInFull', () => {
  it('is true when approved requests give back every unit of every line', () => {
    expect(
      refundedInFull(INVOICE, [
        refund('REFUND_ACCEPTED', [
          [SHOES, 3],
          [BAG, 1],
        ]),
      ]),
    ).toBe(true);
    expect(
      refundedInFull(INVOICE, [
        refund('REFUNDED', [
          [SHOES, 3],
          [BAG, 1],
        ]),
      ]),
    ).toBe(true);
  });

  it('is false for a partial refund: a line short of units, or a line left out', () => {
    expect(
      refundedInFull(INVOICE, [
        refund('REFUNDED', [
          [SHOES, 2],
          [BAG, 1],
        ]),
      ]),
    ).toBe(false);
    expect(refundedInFull(INVOICE, [refund('REFUNDED', [[SHOES, 3]])])).toBe(false);
  });

  it('adds several requests up, line by line', () => {
    const first = refund('REFUNDED', [[SHOES, 1]], '2025-03-12T10:00:00-03:00');
    const second = refund('REFUND_ACCEPTED', [[SHOES, 2]], '2025-03-13T10:00:00-03:00');
    const third = refund('REFUNDED', [[BAG, 1]], '2025-03-14T10:00:00-03:00');
    expect(refundedInFull(INVOICE, [first, second])).toBe(false);
    expect(refundedInFull(INVOICE, [first, second, third])).toBe(true);
  });

  it('counts only approved requests (not awaiting, returned, processed or denied ones)', () => {
    for (const status of ['AWAITING', 'RETURNED', 'PROCESSED', 'REFUND_DENIED', 'DENIED']) {
      expect(
        refundedInFull(INVOICE, [
          refund(status, [
            [SHOES, 3],
            [BAG, 1],
          ]),
        ]),
      ).toBe(false);
    }
  });

  it('leaves out a denied line of an approved request', () => {
    const shoesDenied = refund('REFUND_ACCEPTED', [
      [SHOES, 3, 'REFUND_DENIED'],
      [BAG, 1, 'REFUND_ACCEPTED'],
    ]);
    expect(refundedInFull(INVOICE, [shoesDenied])).toBe(false);
    const lineStatusUnknown: OrderRefund = {
      ...refund('REFUNDED', [
        [SHOES, 3],
        [BAG, 1],
      ]),
    };
    lineStatusUnknown.lines = lineStatusUnknown.lines.map((line) => ({ ...line, status: null }));
    expect(refundedInFull(INVOICE, [lineStatusUnknown])).toBe(true);
  });

  it('ignores custom refund lines (no invoice line) and lines without a quantity', () => {
    const custom = refund('REFUNDED', [[BAG, 1]]);
    custom.lines.push({ lineItemId: null, quantity: 3, status: 'REFUNDED', amountCents: 5970 });
    expect(refundedInFull(INVOICE, [custom])).toBe(false);
    const noQuantity = refund('REFUNDED', [
      [SHOES, 3],
      [BAG, 1],
    ]);
    noQuantity.lines[0] = { ...noQuantity.lines[0], quantity: null };
    expect(refundedInFull(INVOICE, [noQuantity])).toBe(false);
  });

  it('needs no refund for a cancelled line, and is false with nothing to refund or no refunds', () => {
    const withCancelledLine = invoice(5001, { lineItems: [SHOES, { ...BAG, status: 'CANCELLED' }] });
    expect(refundedInFull(withCancelledLine, [refund('REFUNDED', [[SHOES, 3]])])).toBe(true);
    expect(refundedInFull(INVOICE, [])).toBe(false);
    const allCancelled = invoice(5001, { lineItems: [{ ...SHOES, status: 'CANCELLED' }] });
    expect(refundedInFull(allCancelled, [refund('REFUNDED', [[SHOES, 3]])])).toBe(false);
  });
});

describe('refundStanding', () => {
  it('tells admins how far the refunds go', () => {
    expect(refundStanding(INVOICE, [])).toBe('none');
    expect(refundStanding(INVOICE, [refund('AWAITING', [[SHOES, 1]])])).toBe('requested');
    expect(refundStanding(INVOICE, [refund('REFUNDED', [[SHOES, 1]]), refund('AWAITING', [[BAG, 1]])])).toBe('partial');
    expect(refundStanding(INVOICE, [refund('REFUND_DENIED', [[SHOES, 1]]), refund('DENIED', [[BAG, 1]])])).toBe('denied');
    expect(refundStanding(INVOICE, [refund('REFUND_DENIED', [[SHOES, 1]]), refund('AWAITING', [[BAG, 1]])])).toBe('requested');
    expect(
      refundStanding(INVOICE, [
        refund('REFUNDED', [
          [SHOES, 3],
          [BAG, 1],
        ]),
      ]),
    ).toBe('full');
  });
});

describe('withRefund', () => {
  it('adds a new request and replaces an older read of the same one', () => {
    const first = refund('AWAITING', [[SHOES, 1]], '2025-03-12T10:00:00-03:00');
    const newer = { ...first, status: 'REFUNDED', updatedAt: '2025-03-12T15:00:00-03:00' };
    const other = refund('AWAITING', [[BAG, 1]]);
    expect(withRefund([], first)).toEqual([first]);
    expect(withRefund([first, other], newer)).toEqual([other, newer]);
  });

  it('never lets an older read replace a newer one (instants compared, offsets included)', () => {
    const kept = refund('REFUNDED', [[SHOES, 1]], '2025-03-12T15:00:00-03:00');
    // 17:00Z is 14:00 in São Paulo: an hour before what is kept.
    const older = { ...kept, status: 'AWAITING', updatedAt: '2025-03-12T17:00:00Z' };
    expect(withRefund([kept], older)).toEqual([kept]);
  });
});

describe('toOrderRefund', () => {
  it('keeps what the cancel rule and admins read of a refund request', () => {
    const request: MarketplacerRefundRequest = {
      id: 'UmVmdW5kUmVxdWVzdC05MQ==',
      legacyId: 91,
      status: 'REFUNDED',
      invoice: { id: INVOICE.id, legacyId: INVOICE.legacyId },
      updatedAt: '2025-03-12T10:00:00-03:00',
      cashAmountCents: 1990,
      lineItems: [
        { id: 'UmVmdW5kUmVxdWVzdExpbmVJdGVtLTkxMA==', status: 'REFUNDED', quantity: 1, lineItemId: SHOES.id, amountCents: 1990, reason: 'Tamanho errado' },
      ],
    };
    expect(toOrderRefund(request)).toEqual({
      id: 'UmVmdW5kUmVxdWVzdC05MQ==',
      status: 'REFUNDED',
      updatedAt: '2025-03-12T10:00:00-03:00',
      cashAmountCents: 1990,
      lines: [{ lineItemId: SHOES.id, quantity: 1, status: 'REFUNDED', amountCents: 1990 }],
    });
  });
});
