import { globalId } from '../state/global-id.js';
import type { MarketplacerState } from '../state/marketplacer-state.js';
import type { InvoiceRecord } from '../state/records.js';
import { seedState } from '../state/seed.js';
import {
  acceptRefundLine,
  createRefundRequest,
  denyRefundLine,
  denyRefundRequest,
  refundRefundRequest,
  returnRefundLine,
  returnRefundRequest,
  revertRefundDenial,
} from './refunds.js';

describe('refund requests', () => {
  let state: MarketplacerState;
  let invoice: InvoiceRecord;
  const notes = [{ note: 'n' }];

  beforeEach(() => {
    state = seedState({ sellers: 5, adverts: 60, invoices: 8 });
    invoice = [...state.invoices.values()].find((i) => i.paidAt !== null && i.refundRequestIds.length === 0 && i.cancelledAt === null)!;
  });

  const create = (dispatched: boolean, quantity = 1) =>
    createRefundRequest(state, {
      invoiceId: globalId('Invoice', invoice.legacyId),
      lineItems: [{ lineItemId: globalId('LineItem', invoice.lineItemIds[0]), quantity, dispatched }],
      notes,
    }).refundRequest!;
  const id = (legacyId: number) => globalId('RefundRequest', legacyId);

  it('standard flow: AWAITING -> RETURNED -> REFUNDED, refusing a refund before the return', () => {
    const request = create(true);
    expect(request.status).toBe('AWAITING');
    expect(refundRefundRequest(state, { refundRequestId: id(request.legacyId), notes }).errors).toEqual([
      { field: 'refundRequestId', messages: ['Can only mark a returned or processed RefundRequest as refunded'] },
    ]);
    expect(returnRefundRequest(state, { refundRequestId: id(request.legacyId), notes }).refundRequest!.status).toBe('RETURNED');
    expect(returnRefundRequest(state, { refundRequestId: id(request.legacyId), notes }).errors[0].messages).toEqual([
      'Can only mark an awaiting RefundRequest as returned',
    ]);
    const refunded = refundRefundRequest(state, { refundRequestId: id(request.legacyId), notes }).refundRequest!;
    expect(refunded.status).toBe('REFUNDED');
    const line = state.lineItems.get(invoice.lineItemIds[0])!;
    expect(line.refundedQuantity).toBe(1);
    expect(refunded.cashAmountCents).toBe(line.unitCents);
  });

  it('advanced flow: accept (return) -> returned -> PROCESSED -> refunded; cancellations skip the return', () => {
    const request = create(true);
    const lineId = globalId('RefundRequestLineItem', request.lineIds[0]);
    expect(acceptRefundLine(state, { refundRequestLineItemId: lineId, notes }).refundRequestLineItem!.status).toBe('AWAITING_RETURN');
    expect(acceptRefundLine(state, { refundRequestLineItemId: lineId, notes }).errors[0].messages).toEqual([
      'Can only accept a line item that is pending approval',
    ]);
    expect(returnRefundLine(state, { refundRequestLineItemId: lineId, notes }).refundRequestLineItem!.status).toBe('REFUND_ACCEPTED');
    expect(state.refundRequests.get(request.legacyId)!.status).toBe('PROCESSED');
    expect(refundRefundRequest(state, { refundRequestId: id(request.legacyId), notes }).refundRequest!.status).toBe('REFUNDED');

    const cancellation = create(false);
    const cancelLine = globalId('RefundRequestLineItem', cancellation.lineIds[0]);
    expect(acceptRefundLine(state, { refundRequestLineItemId: cancelLine, notes }).refundRequestLineItem!.status).toBe('REFUND_ACCEPTED');
  });

  it('denials: a line denial needs a reason; a denied request can be reverted', () => {
    const request = create(true);
    const lineId = globalId('RefundRequestLineItem', request.lineIds[0]);
    expect(denyRefundLine(state, { refundRequestLineItemId: lineId, denyRefundReason: ' ', notes }).errors).toEqual([
      { field: 'denyRefundReason', messages: ["can't be blank"] },
    ]);
    expect(denyRefundLine(state, { refundRequestLineItemId: lineId, denyRefundReason: 'Used', notes }).refundRequestLineItem!.status).toBe('REFUND_DENIED');
    expect(state.refundRequests.get(request.legacyId)!.status).toBe('REFUND_DENIED');

    const other = create(true);
    expect(denyRefundRequest(state, { refundRequestId: id(other.legacyId), notes }).refundRequest!.status).toBe('DENIED');
    const reverted = revertRefundDenial(state, { refundRequestId: id(other.legacyId), notes }).refundRequest!;
    expect(reverted.status).toBe('AWAITING');
    expect(state.refundLines.get(reverted.lineIds[0])!.status).toBe('PENDING_APPROVAL');
  });

  it('keeps the external ids given at creation (none when none are given)', () => {
    const withIds = createRefundRequest(state, {
      invoiceId: globalId('Invoice', invoice.legacyId),
      lineItems: [{ lineItemId: globalId('LineItem', invoice.lineItemIds[0]), quantity: 1, dispatched: false }],
      notes,
      externalIds: [{ key: 'anymarket-refund', value: 'AM-7' }, { key: 'bare' }],
    }).refundRequest!;
    expect(state.refundRequests.get(withIds.legacyId)!.externalIds).toEqual([
      { key: 'anymarket-refund', value: 'AM-7' },
      { key: 'bare', value: null },
    ]);
    expect(create(false).externalIds).toEqual([]);
  });

  it('refuses more than the refundable quantity, other invoices and unknown ids', () => {
    const line = state.lineItems.get(invoice.lineItemIds[0])!;
    const tooMany = createRefundRequest(state, {
      invoiceId: globalId('Invoice', invoice.legacyId),
      lineItems: [{ lineItemId: globalId('LineItem', line.legacyId), quantity: line.quantity + 1 }],
      notes,
    });
    expect(tooMany.errors).toEqual([{ field: 'lineItems[0].quantity', messages: [`exceeds the refundable quantity (${line.quantity})`] }]);
    const foreign = [...state.lineItems.values()].find((l) => l.invoiceId !== invoice.legacyId)!;
    const wrong = createRefundRequest(state, {
      invoiceId: globalId('Invoice', invoice.legacyId),
      lineItems: [{ lineItemId: globalId('LineItem', foreign.legacyId), quantity: 1 }],
      notes,
    });
    expect(wrong.errors).toEqual([
      { field: 'lineItems', messages: ['line items must be part of the same invoice for which you are raising a refund request.'] },
    ]);
    expect(returnRefundRequest(state, { refundRequestId: 'UmVmdW5kUmVxdWVzdC05', notes })).toMatchObject({
      status: 404,
      errors: [{ field: 'refundRequestId', messages: ['No object found for refundRequestId: UmVmdW5kUmVxdWVzdC05'] }],
    });
  });
});
