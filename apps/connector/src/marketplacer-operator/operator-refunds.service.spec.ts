import { ConsoleLogger, Logger } from '@nestjs/common';
import { toGlobalId, type MarketplacerOrder } from '#marketplacer';
import { AdaptersOnSimulator } from '#test-support/simulator/adapters-on-simulator';
import type { VariantRecord } from '../../../simulator/src/marketplacer/state/records.js';
import type { CreateRefundRequestDto } from './dto/operator-refunds.dto.js';
import { OPERATOR_REFUND_REQUEST_KEY, OperatorRefundsService } from './operator-refunds.service.js';

type Invoice = MarketplacerOrder['invoices'][number];

function refundOf(requestId: string, invoice: Invoice): CreateRefundRequestDto {
  return {
    requestId,
    invoiceId: invoice.id,
    notes: ['Cliente desistiu'],
    lines: [
      { lineItemId: invoice.lineItems[0].id, quantity: 1, reason: 'Desistência', dispatched: false },
      { custom: 'Frete devolvido', amountPerItemCents: 1590, quantity: 1 },
    ],
  };
}

/** The instant `ms` as a clock three hours behind UTC writes it (`…-03:00`). */
function atMinusThree(ms: number): string {
  return new Date(ms - 3 * 3_600_000).toISOString().replace('Z', '-03:00');
}

/** The service on the real Marketplacer adapters, against the simulated Marketplacer in-process. */
describe('OperatorRefundsService', () => {
  let marketplacer: AdaptersOnSimulator;
  let service: OperatorRefundsService;
  /** Invoices of two sellers, each with a line of 3 units. */
  let invoiceA: Invoice;
  let invoiceB: Invoice;

  const refundRecord = (legacyId: number) => marketplacer.state.refundRequests.get(legacyId)!;
  const sellerOf = (invoice: Invoice) => marketplacer.state.invoices.get(invoice.legacyId)!.sellerId;
  /** The simulated refund requests carrying an operator's requestId, as global ids. */
  const operatorRefundIds = () =>
    [...marketplacer.state.refundRequests.values()]
      .filter((request) => request.externalIds.some((e) => e.key === OPERATOR_REFUND_REQUEST_KEY))
      .map((request) => toGlobalId('RefundRequest', request.legacyId));

  async function invoiceOf(variant: VariantRecord): Promise<Invoice> {
    const order = await marketplacer.fulfilment.createOrder({
      order: { firstName: 'Ana' },
      lineItems: [{ variantId: toGlobalId('Variant', variant.legacyId), quantity: 3, costCents: 5997 }],
    });
    return order.invoices[0];
  }

  beforeAll(async () => {
    Logger.overrideLogger(false);
    marketplacer = await AdaptersOnSimulator.start();
    service = new OperatorRefundsService(marketplacer.fulfilment, marketplacer.orders);
  });
  afterAll(async () => {
    await marketplacer?.stop();
    Logger.overrideLogger(new ConsoleLogger());
  });

  beforeEach(async () => {
    await marketplacer.reset();
    const [a, b] = marketplacer.variantsOfTwoSellers();
    invoiceA = await invoiceOf(a);
    invoiceB = await invoiceOf(b);
  });

  it('creates the refund request with the requestId as its external id, each line as Marketplacer takes it', async () => {
    const made = await service.create(refundOf('req-1', invoiceA));

    expect(made).toEqual({ record: expect.objectContaining({ status: 'AWAITING', invoice: { id: invoiceA.id, legacyId: invoiceA.legacyId } }), created: true });
    const record = refundRecord(made.record.legacyId!);
    expect(record.externalIds).toEqual([{ key: OPERATOR_REFUND_REQUEST_KEY, value: 'req-1' }]);
    expect(record.notes.map((note) => note.note)).toEqual(['Cliente desistiu']);
    expect(record.lineIds.map((id) => marketplacer.state.refundLines.get(id))).toEqual([
      expect.objectContaining({ lineItemId: invoiceA.lineItems[0].legacyId, custom: null, quantity: 1, reason: 'Desistência', dispatched: false }),
      expect.objectContaining({ lineItemId: null, custom: 'Frete devolvido', amountPerItemCents: 1590, quantity: 1 }),
    ]);
  });

  it('answers the refund request a requestId made before, lost answer or not, and makes one per requestId', async () => {
    await marketplacer.setFaults({ loseNextAnswers: { count: 1, operationName: 'RefundRequestCreate' } });

    const first = await service.create(refundOf('req-1', invoiceA));
    const repeated = await service.create(refundOf('req-1', invoiceA));
    const another = await service.create(refundOf('req-2', invoiceA));

    expect(first.created).toBe(true);
    expect(repeated).toEqual({ record: first.record, created: false });
    expect(another.created).toBe(true);
    expect(operatorRefundIds()).toEqual([first.record.id, another.record.id]);
    expect(await marketplacer.requestsOf('RefundRequestCreate')).toBe(2);
  });

  it('refuses a requestId that made a refund request of another invoice (409), naming it', async () => {
    const { record } = await service.create(refundOf('req-1', invoiceA));

    await expect(service.create(refundOf('req-1', invoiceB))).rejects.toMatchObject({
      code: 'REFUND_REQUEST_ID_REUSED',
      kind: 'conflict',
      message: expect.stringContaining(`${record.id}, of invoice ${invoiceA.legacyId}`),
    });
    expect(await marketplacer.requestsOf('RefundRequestCreate')).toBe(1);
    expect(operatorRefundIds()).toEqual([record.id]);
  });

  it('lists by seller, invoice, statuses and creation time (any offset), page by page', async () => {
    const made = [];
    for (const requestId of ['req-1', 'req-2', 'req-3']) made.push((await service.create(refundOf(requestId, invoiceA))).record);
    await service.create(refundOf('req-4', invoiceB));
    const query = {
      seller: String(sellerOf(invoiceA)),
      invoice: invoiceA.legacyId,
      statuses: ['AWAITING'],
      createdSince: atMinusThree(refundRecord(made[1].legacyId!).createdAt),
      limit: 1,
    };

    const first = await service.list(query);
    const second = await service.list({ ...query, after: first.nextCursor! });

    expect(first).toEqual({ items: [made[1]], nextCursor: expect.any(String) });
    expect(second).toEqual({ items: [made[2]], nextCursor: null });
    expect(await service.list({ ...query, after: undefined, seller: toGlobalId('Seller', sellerOf(invoiceB)) })).toEqual({ items: [], nextCursor: null });
    expect(await service.list({ ...query, statuses: ['DENIED'] })).toEqual({ items: [], nextCursor: null });
  });

  it('reads the change feed from the time given, and hands on its cursor while there are more pages', async () => {
    const made = [];
    for (const requestId of ['req-1', 'req-2', 'req-3']) made.push((await service.create(refundOf(requestId, invoiceA))).record);
    const updatedSince = atMinusThree(refundRecord(made[0].legacyId!).updatedAt);

    const first = await service.changes({ updatedSince, limit: 2 });
    const second = await service.changes({ updatedSince, limit: 2, after: first.nextCursor! });

    expect(first).toEqual({ items: [made[0], made[1]], nextCursor: expect.any(String) });
    expect(second).toEqual({ items: [made[2]], nextCursor: null });
  });
});
