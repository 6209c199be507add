import type { ErrorDetail } from '#common';
import { createValidationPipe, ValidationFailedError } from '#common';
import { toGlobalId } from '#marketplacer';
import { CreateOperatorOrderDto, UpdateOperatorOrderDto } from './operator-orders.dto.js';
import { CreateRefundRequestDto, ListRefundRequestsQuery, RefundNotesDto } from './operator-refunds.dto.js';

const pipe = createValidationPipe();

async function accepted<T>(type: new () => T, value: unknown, as: 'body' | 'query' = 'body'): Promise<T> {
  return (await pipe.transform(value, { type: as, metatype: type, data: '' })) as T;
}

/** The offending fields of a refused value. */
async function refused(type: new () => unknown, value: unknown, as: 'body' | 'query' = 'body'): Promise<string[]> {
  try {
    await pipe.transform(value, { type: as, metatype: type, data: '' });
  } catch (error) {
    if (error instanceof ValidationFailedError) return error.details.map((detail: ErrorDetail) => detail.field);
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(value)}`);
}

describe('operator DTOs', () => {
  const refund = { requestId: 'req-1', invoiceId: '10363', lines: [{ lineItemId: '52', quantity: 1, reason: 'Desistência', dispatched: false }] };

  it('turns the ids of a refund request into global ids and defaults its notes to none', async () => {
    const body = await accepted(CreateRefundRequestDto, refund);
    expect(body).toMatchObject({ invoiceId: toGlobalId('Invoice', 10363), lines: [{ lineItemId: toGlobalId('LineItem', 52) }], notes: [] });
    expect((await accepted(RefundNotesDto, {})).notes).toEqual([]);
  });

  it('wants each refund line to be an invoice line (with reason and dispatched) or a custom amount, not both', async () => {
    expect(await refused(CreateRefundRequestDto, { ...refund, lines: [{ quantity: 1 }] })).toEqual(['lines[0].lineItemId', 'lines[0].custom']);
    expect(await refused(CreateRefundRequestDto, { ...refund, lines: [{ lineItemId: '52', quantity: 1 }] })).toEqual([
      'lines[0].reason',
      'lines[0].dispatched',
    ]);
    expect(await refused(CreateRefundRequestDto, { ...refund, lines: [{ ...refund.lines[0], custom: 'Frete' }] })).toEqual([
      'lines[0].reason',
      'lines[0].dispatched',
      'lines[0].custom',
      'lines[0].amountPerItemCents',
    ]);
    expect(await refused(CreateRefundRequestDto, { ...refund, lines: [{ custom: 'Frete', quantity: 1 }] })).toEqual(['lines[0].amountPerItemCents']);
    // What the other kind of line takes is refused, not dropped.
    expect(await refused(CreateRefundRequestDto, { ...refund, lines: [{ ...refund.lines[0], amountPerItemCents: 100, onlyRemittance: true }] })).toEqual([
      'lines[0].amountPerItemCents',
      'lines[0].onlyRemittance',
    ]);
    expect(
      await refused(CreateRefundRequestDto, { ...refund, lines: [{ custom: 'Frete', amountPerItemCents: 1, quantity: 1, reason: 'x', dispatched: true }] }),
    ).toEqual(['lines[0].reason', 'lines[0].dispatched']);
    await expect(accepted(CreateRefundRequestDto, { ...refund, lines: [{ custom: 'Frete', amountPerItemCents: 1590, quantity: 1 }] })).resolves.toBeDefined();
  });

  it('refuses a requestId that is not a plain token, no lines, and notes that are not short texts', async () => {
    expect(await refused(CreateRefundRequestDto, { ...refund, requestId: 'with space' })).toEqual(['requestId']);
    expect(await refused(CreateRefundRequestDto, { ...refund, lines: [] })).toEqual(['lines']);
    expect(await refused(CreateRefundRequestDto, { ...refund, notes: null })).toEqual(['notes']);
    expect(await refused(RefundNotesDto, { notes: ['x'.repeat(1001)] })).toEqual(['notes']);
  });

  it('takes statuses repeated or comma-separated, and refuses an invoice filter without a legacy id', async () => {
    expect((await accepted(ListRefundRequestsQuery, { statuses: 'AWAITING,RETURNED', invoice: '10363' }, 'query')).statuses).toEqual(['AWAITING', 'RETURNED']);
    expect((await accepted(ListRefundRequestsQuery, { statuses: ['AWAITING'], invoice: 'SW52b2ljZS0xMDM2Mw==' }, 'query')).invoice).toBe(10363);
    expect(await refused(ListRefundRequestsQuery, { statuses: 'AWAITING,LOST', invoice: 'bm90LWEtZ2xvYmFsLWlk', after: 'not a cursor' }, 'query')).toEqual([
      'invoice',
      'statuses',
      'after',
    ]);
  });

  it('refuses an order line whose total does not divide into whole cents per unit (Marketplacer would round it up)', async () => {
    const order = {
      externalId: 'LOJA-1',
      buyer: { firstName: 'Ana', surname: 'Compradora' },
      address: { address: 'Rua Teste, 100', city: 'Maringá', postcode: '87020-035' },
      lineItems: [{ variantId: '101', quantity: 4, lineTotalCents: 10832 }],
    };
    expect((await accepted(CreateOperatorOrderDto, order)).lineItems[0].variantId).toBe(toGlobalId('Variant', 101));
    expect(await refused(CreateOperatorOrderDto, { ...order, lineItems: [{ variantId: '101', quantity: 4, lineTotalCents: 10830 }] })).toEqual([
      'lineItems[0].lineTotalCents',
    ]);
    expect(await refused(CreateOperatorOrderDto, { ...order, lineItems: [{ variantId: '101', quantity: 1, lineTotalCents: 2 ** 31 }] })).toEqual([
      'lineItems[0].lineTotalCents',
    ]);
  });

  it('refuses null where a field may only be left out, and a missing or null nested object the mapper reads', async () => {
    const order = {
      externalId: 'LOJA-2',
      buyer: { firstName: 'Ana', surname: 'Compradora' },
      address: { address: 'Rua Teste, 100', city: 'Maringá', postcode: '87020-035', countryCode: 'BR' },
      lineItems: [{ variantId: '101', quantity: 1, lineTotalCents: 100 }],
    };
    expect(await refused(CreateOperatorOrderDto, { ...order, address: { ...order.address, countryCode: null } })).toEqual(['address.countryCode']);
    expect(await refused(CreateOperatorOrderDto, { ...order, buyer: { ...order.buyer, emailAddress: null } })).toEqual(['buyer.emailAddress']);
    expect(await refused(CreateOperatorOrderDto, { ...order, buyer: undefined })).toEqual(['buyer']);
    expect(await refused(CreateOperatorOrderDto, { ...order, address: null })).toEqual(['address']);
    expect(await refused(CreateOperatorOrderDto, { ...order, lineItems: [null] })).toContain('lineItems[0]');
    const { countryCode: _left, ...withoutCountry } = order.address;
    expect((await accepted(CreateOperatorOrderDto, { ...order, address: withoutCountry })).address.countryCode).toBeUndefined();
  });

  it('wants an order status on every update, and payment details as a small object', async () => {
    expect(await refused(UpdateOperatorOrderDto, { paymentGatewayDetails: { id: 'tr_1' } })).toEqual(['status']);
    expect(await refused(UpdateOperatorOrderDto, { status: 'COMPLETE', paymentGatewayDetails: { note: 'x'.repeat(5000) } })).toEqual(['paymentGatewayDetails']);
    await expect(accepted(UpdateOperatorOrderDto, { status: 'COMPLETE', paymentGatewayDetails: { id: 'tr_1' } })).resolves.toBeDefined();
  });
});
