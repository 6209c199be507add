import { toGlobalId, type MarketplacerFulfilment, type MarketplacerOrder } from '#marketplacer';
import { invoiceStatus } from './state/derived.js';
import type { VariantRecord } from './state/records.js';
import { AdaptersOnSimulator } from '#test-support/simulator/adapters-on-simulator';

/** The Fulfilment adapter (the library's Apollo adapter) against the simulated Marketplacer (same contract schema), over HTTP. */
describe('ApolloMarketplacerFulfilment against the simulator', () => {
  let marketplacer: AdaptersOnSimulator;
  let fulfilment: MarketplacerFulfilment;
  const state = () => marketplacer.state;
  const today = () => new Date().toISOString().slice(0, 10);
  const notes = ['from the connector'];
  const twoSellersVariants = () => marketplacer.variantsOfTwoSellers();
  const requestsOf = (operationName: string) => marketplacer.requestsOf(operationName);

  async function orderOf(quantity: number, variant: VariantRecord = twoSellersVariants()[0]): Promise<MarketplacerOrder> {
    return fulfilment.createOrder({
      order: { firstName: 'Ana' },
      lineItems: [{ variantId: toGlobalId('Variant', variant.legacyId), quantity, costCents: 1000 * quantity }],
    });
  }

  beforeAll(async () => {
    marketplacer = await AdaptersOnSimulator.start();
    fulfilment = marketplacer.fulfilment;
  });

  afterAll(async () => {
    await marketplacer?.stop();
  });

  beforeEach(async () => {
    await marketplacer.reset();
  });

  describe('listCarriers', () => {
    it('reads every page of shipmentCarriers', async () => {
      for (let n = 0; n < 600; n++) {
        const legacyId = state().nextId('ShipmentCarrier');
        state().carriers.set(legacyId, { kind: 'ShipmentCarrier', legacyId, name: `Carrier ${legacyId}`, trackingUrl: 'https://track.example/' });
      }

      const carriers = await fulfilment.listCarriers();

      expect(carriers).toEqual([...state().carriers.values()].map((c) => ({ id: toGlobalId('ShipmentCarrier', c.legacyId), name: c.name })));
      expect(carriers.length).toBeGreaterThan(600);
      expect(await requestsOf('ShipmentCarriers')).toBe(2);
    });
  });

  describe('orders', () => {
    it('creates an order split into one invoice per seller, found afterwards by its external id', async () => {
      const [a, b] = twoSellersVariants();
      const externalIds = [{ key: 'anymarket-order', value: 'AM-1' }];
      const order = await fulfilment.createOrder({
        order: {
          firstName: 'Ana',
          surname: 'Souza',
          emailAddress: 'ana@example.com',
          address: { address: '1 Main St', city: 'Melbourne', postcode: '3000', stateShort: 'VIC', countryCode: 'AU' },
          externalIds,
        },
        lineItems: [
          // A legacy id (as the portal shows it) and a global id.
          { variantId: String(a.legacyId), quantity: 2, costCents: 3001, postageCents: 500 },
          { variantId: toGlobalId('Variant', b.legacyId), quantity: 1, costCents: 1000 },
        ],
      });

      expect(order).toMatchObject({ id: toGlobalId('Order', order.legacyId!), status: 'COMPLETE' });
      expect(order.invoices.map((invoice) => invoice.lineItems.map((line) => [line.variantId, line.quantity]))).toEqual([
        [[toGlobalId('Variant', a.legacyId), 2]],
        [[toGlobalId('Variant', b.legacyId), 1]],
      ]);
      const record = state().orders.get(order.legacyId!)!;
      expect(record).toMatchObject({ firstName: 'Ana', externalIds, address: { city: 'Melbourne', stateShort: 'VIC', countryCode: 'AU' } });
      // Marketplacer's cost is the line total; an uneven total is rounded up to whole cents per unit.
      expect(state().lineItems.get(order.invoices[0].lineItems[0].legacyId)!.unitCents).toBe(1501);

      expect(await fulfilment.findOrdersByExternalId('anymarket-order', 'AM-1')).toEqual([order]);
      expect(await fulfilment.findOrdersByExternalId('anymarket-order', 'AM-2')).toEqual([]);
    });

    it('finds an order whose answer was lost by its external id, without having created a second one', async () => {
      const [a] = twoSellersVariants();
      const orders = state().orders.size;
      await marketplacer.setFaults({ loseNextAnswers: { count: 1, operationName: 'OrderCreate' } });

      const create = fulfilment.createOrder({
        order: { externalIds: [{ key: 'anymarket-order', value: 'AM-LOST' }] },
        lineItems: [{ variantId: toGlobalId('Variant', a.legacyId), quantity: 1, costCents: 1000 }],
      });

      await expect(create).rejects.toMatchObject({ code: expect.stringMatching(/^MARKETPLACER_(UNAVAILABLE|TIMEOUT)$/) });
      expect(state().orders.size).toBe(orders + 1);
      const found = await fulfilment.findOrdersByExternalId('anymarket-order', 'AM-LOST');
      expect(found.map((order) => order.invoices[0].lineItems[0].variantId)).toEqual([toGlobalId('Variant', a.legacyId)]);
    });

    it("refuses over-ordering with Marketplacer's message, and a non-integer amount before asking", async () => {
      const [a] = twoSellersVariants();
      const variantId = toGlobalId('Variant', a.legacyId);

      await expect(fulfilment.createOrder({ order: {}, lineItems: [{ variantId, quantity: a.countOnHand + 1, costCents: 100 }] })).rejects.toMatchObject({
        code: 'MARKETPLACER_VALIDATION_FAILED',
        details: [{ field: 'lineItems[0].quantity', messages: [`Not enough stock: ${a.countOnHand} on hand for variant ${variantId}`] }],
      });
      await expect(fulfilment.createOrder({ order: {}, lineItems: [{ variantId, quantity: 1, costCents: 10.5 }] })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        details: [{ field: 'lineItems[0].costCents' }],
      });
      await expect(fulfilment.createOrder({ order: {}, lineItems: [{ variantId: toGlobalId('Advert', 1), quantity: 1, costCents: 1 }] })).rejects.toMatchObject(
        {
          code: 'INVALID_INPUT',
          details: [{ field: 'lineItems[0].variantId' }],
        },
      );
      expect(await requestsOf('OrderCreate')).toBe(1);
    });

    it('updates the status of an order; refuses a status Marketplacer does not have, and reports an unknown order as not found', async () => {
      const order = await orderOf(1);

      const updated = await fulfilment.updateOrder({ orderId: order.id, status: 'PAYMENT_FAILED', paymentGatewayDetails: { ref: 'pay-1' } });

      expect(updated).toEqual({ ...order, status: 'PAYMENT_FAILED' });
      expect(state().orders.get(order.legacyId!)!.paymentGatewayDetails).toEqual({ ref: 'pay-1' });
      await expect(fulfilment.updateOrder({ orderId: order.id, status: 'PAID' })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        details: [{ field: 'status' }],
      });
      await expect(fulfilment.updateOrder({ orderId: '999999', status: 'COMPLETE' })).rejects.toMatchObject({
        code: 'MARKETPLACER_NOT_FOUND',
        details: [{ field: 'orderId', messages: [`No object found for orderId: ${toGlobalId('Order', 999999)}`] }],
      });
    });
  });

  describe('createShipment', () => {
    it('ships an invoice in split shipments until nothing is left, refusing more', async () => {
      const order = await orderOf(3);
      const invoice = order.invoices[0];
      const line = invoice.lineItems[0];
      const [carrier] = await fulfilment.listCarriers();
      const ship = (quantity: number, trackingNumber: string) =>
        fulfilment.createShipment({
          invoiceId: invoice.id,
          items: [{ lineItemId: line.id, quantity }],
          carrierId: carrier.id,
          dispatchedOn: today(),
          trackingNumber,
          note: 'first box',
        });

      const first = await ship(1, 'TRK-1');
      expect(invoiceStatus(state(), state().invoices.get(invoice.legacyId)!)).toBe('PARTIALLY_SENT');
      // By legacy ids, as the portal shows them.
      const second = await fulfilment.createShipment({
        invoiceId: String(invoice.legacyId),
        items: [{ lineItemId: String(line.legacyId), quantity: 2 }],
        carrierId: carrier.id,
        dispatchedOn: today(),
        trackingNumber: 'TRK-2',
      });

      expect(first).toEqual({
        id: expect.any(String),
        carrier: carrier.name,
        trackingNumber: 'TRK-1',
        trackingLink: expect.stringContaining('TRK-1'),
        dispatchedAt: expect.stringMatching(new RegExp(`^${today()}T`)),
        items: [{ lineItemId: line.id, quantity: 1 }],
      });
      expect(second.items).toEqual([{ lineItemId: line.id, quantity: 2 }]);
      expect(invoiceStatus(state(), state().invoices.get(invoice.legacyId)!)).toBe('SENT');
      await expect(ship(1, 'TRK-3')).rejects.toMatchObject({
        code: 'MARKETPLACER_VALIDATION_FAILED',
        details: [{ field: 'shippedItems[0].quantity', messages: ['exceeds the quantity left to ship (0)'] }],
      });
    });

    it("surfaces Marketplacer's refusals verbatim: another invoice's line, an unknown carrier, a dispatch before the order", async () => {
      const [a, b] = twoSellersVariants();
      const invoice = (await orderOf(1, a)).invoices[0];
      const foreignLine = (await orderOf(1, b)).invoices[0].lineItems[0];
      const [carrier] = await fulfilment.listCarriers();
      const shipment = {
        invoiceId: invoice.id,
        items: [{ lineItemId: invoice.lineItems[0].id, quantity: 1 }],
        carrierId: carrier.id,
        dispatchedOn: today(),
        trackingNumber: 'T',
      };
      const unknownCarrier = toGlobalId('ShipmentCarrier', 9999);

      await expect(fulfilment.createShipment({ ...shipment, items: [{ lineItemId: foreignLine.id, quantity: 1 }] })).rejects.toMatchObject({
        code: 'MARKETPLACER_VALIDATION_FAILED',
        details: [{ field: 'shippedItems[0].lineItemId', messages: ['line item must be part of the invoice being shipped'] }],
      });
      await expect(fulfilment.createShipment({ ...shipment, carrierId: unknownCarrier })).rejects.toMatchObject({
        code: 'MARKETPLACER_VALIDATION_FAILED',
        details: [{ field: 'postageCarrierId', messages: [`No object found for postageCarrierId: ${unknownCarrier}`] }],
      });
      await expect(fulfilment.createShipment({ ...shipment, dispatchedOn: '2024-12-31' })).rejects.toMatchObject({
        code: 'MARKETPLACER_VALIDATION_FAILED',
        message: expect.stringContaining('Dispatched at is before shipped items were ordered'),
        details: [{ field: 'dispatchedAt', messages: ['Dispatched at is before shipped items were ordered'] }],
      });
      await expect(fulfilment.createShipment({ ...shipment, invoiceId: '999999' })).rejects.toMatchObject({ code: 'MARKETPLACER_NOT_FOUND' });
      expect(state().invoices.get(invoice.legacyId)!.shipmentIds).toEqual([]);
    });

    it('refuses a dispatch day that is not a date, and a blank carrier, without asking Marketplacer', async () => {
      const invoice = (await orderOf(1)).invoices[0];
      const shipment = {
        invoiceId: invoice.id,
        items: [{ lineItemId: invoice.lineItems[0].id, quantity: 1 }],
        carrierId: 'x',
        dispatchedOn: today(),
        trackingNumber: 'T',
      };

      for (const dispatchedOn of ['2025-02-30', '2025-03-01T10:00:00Z', 'tomorrow']) {
        await expect(fulfilment.createShipment({ ...shipment, dispatchedOn })).rejects.toMatchObject({
          code: 'INVALID_INPUT',
          details: [{ field: 'dispatchedOn' }],
        });
      }
      await expect(fulfilment.createShipment({ ...shipment, carrierId: ' ' })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        details: [{ field: 'carrierId' }],
      });
      expect(await requestsOf('ShipmentCreate')).toBe(0);
    });
  });

  describe('refund requests', () => {
    it('creates a refund request with an external id and finds it by that id, and in the list of its invoice', async () => {
      const invoice = (await orderOf(2)).invoices[0];
      const line = invoice.lineItems[0];

      const created = await fulfilment.createRefundRequest({
        invoiceId: invoice.id,
        lines: [
          { lineItemId: line.id, quantity: 1, reason: 'Cancelled by the seller', dispatched: false },
          { custom: 'Freight', amountPerItemCents: 250, quantity: 1 },
        ],
        notes,
        externalIds: [{ key: 'anymarket-refund', value: 'AM-R-1' }],
      });

      expect(created).toMatchObject({
        status: 'AWAITING',
        invoice: { id: invoice.id, legacyId: invoice.legacyId },
        cashAmountCents: null,
        lineItems: [
          { status: 'PENDING_APPROVAL', quantity: 1, lineItemId: line.id, amountCents: 1000, reason: 'Cancelled by the seller' },
          { status: 'PENDING_APPROVAL', quantity: 1, lineItemId: null, amountCents: 250 },
        ],
      });
      expect(
        state()
          .refundRequests.get(created.legacyId!)!
          .notes.map((n) => n.note),
      ).toEqual(notes);
      expect(await fulfilment.findRefundRequestsByExternalId('anymarket-refund', 'AM-R-1')).toEqual([created]);
      expect(await fulfilment.findRefundRequestsByExternalId('anymarket-refund', 'AM-R-2')).toEqual([]);

      const sellerId = String(state().invoices.get(invoice.legacyId)!.sellerId);
      const page = await fulfilment.listRefundRequests({ sellerId, invoiceLegacyId: invoice.legacyId, statuses: ['AWAITING'], first: 10 });
      expect(page).toEqual({ nodes: [created], pageInfo: { hasNextPage: false, endCursor: expect.any(String) } });
    });

    it('finds a refund request whose answer was lost by its external id; the create was not repeated', async () => {
      const invoice = (await orderOf(2)).invoices[0];
      await marketplacer.setFaults({ loseNextAnswers: { count: 1, operationName: 'RefundRequestCreate' } });

      const create = fulfilment.createRefundRequest({
        invoiceId: invoice.id,
        lines: [{ lineItemId: invoice.lineItems[0].id, quantity: 1, reason: 'Damaged', dispatched: true }],
        notes,
        externalIds: [{ key: 'anymarket-refund', value: 'AM-R-LOST' }],
      });

      await expect(create).rejects.toMatchObject({ code: expect.stringMatching(/^MARKETPLACER_(UNAVAILABLE|TIMEOUT)$/) });
      expect(await requestsOf('RefundRequestCreate')).toBe(1);
      const found = await fulfilment.findRefundRequestsByExternalId('anymarket-refund', 'AM-R-LOST');
      expect(found).toEqual([expect.objectContaining({ status: 'AWAITING', invoice: { id: invoice.id, legacyId: invoice.legacyId } })]);
    });

    it("refuses a line of another invoice and more than is refundable, with Marketplacer's messages", async () => {
      const [a, b] = twoSellersVariants();
      const invoice = (await orderOf(1, a)).invoices[0];
      const foreign = (await orderOf(1, b)).invoices[0].lineItems[0];
      const refund = (lineItemId: string, quantity: number) =>
        fulfilment.createRefundRequest({ invoiceId: invoice.id, lines: [{ lineItemId, quantity, reason: 'r', dispatched: false }], notes });

      await expect(refund(foreign.id, 1)).rejects.toMatchObject({
        code: 'MARKETPLACER_VALIDATION_FAILED',
        details: [{ field: 'lineItems', messages: ['line items must be part of the same invoice for which you are raising a refund request.'] }],
      });
      await expect(refund(invoice.lineItems[0].id, 2)).rejects.toMatchObject({
        code: 'MARKETPLACER_VALIDATION_FAILED',
        details: [{ field: 'lineItems[0].quantity', messages: ['exceeds the refundable quantity (1)'] }],
      });
    });

    it('standard flow: return, then refund with the cash amount; a refund before the return and an unknown request are refused', async () => {
      const invoice = (await orderOf(2)).invoices[0];
      const create = () =>
        fulfilment.createRefundRequest({
          invoiceId: invoice.id,
          lines: [{ lineItemId: invoice.lineItems[0].id, quantity: 1, reason: 'Faulty', dispatched: true }],
          notes,
        });
      const request = await create();

      await expect(fulfilment.refundRefundRequest({ refundRequestId: request.id, notes })).rejects.toMatchObject({
        code: 'MARKETPLACER_VALIDATION_FAILED',
        details: [{ field: 'refundRequestId', messages: ['Can only mark a returned or processed RefundRequest as refunded'] }],
      });
      expect((await fulfilment.returnRefundRequest(request.id, ['back in store'])).status).toBe('RETURNED');
      const refunded = await fulfilment.refundRefundRequest({
        refundRequestId: String(request.legacyId),
        cashAmountCents: 900,
        recoveredAmountCents: 900,
        notes,
      });

      expect(refunded).toMatchObject({ id: request.id, status: 'REFUNDED', cashAmountCents: 900, lineItems: [{ status: 'REFUNDED' }] });
      const denied = await fulfilment.denyRefundRequest((await create()).id, ['not faulty']);
      expect(denied.status).toBe('DENIED');
      await expect(fulfilment.returnRefundRequest(toGlobalId('RefundRequest', 999999), notes)).rejects.toMatchObject({
        code: 'MARKETPLACER_NOT_FOUND',
        details: [{ field: 'refundRequestId' }],
      });
      await expect(fulfilment.denyRefundRequest(toGlobalId('Invoice', 1), notes)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    });

    it('advanced flow per line: accept, return, deny', async () => {
      const invoice = (await orderOf(3)).invoices[0];
      const request = await fulfilment.createRefundRequest({
        invoiceId: invoice.id,
        lines: [
          { lineItemId: invoice.lineItems[0].id, quantity: 1, reason: 'Faulty', dispatched: true },
          { lineItemId: invoice.lineItems[0].id, quantity: 1, reason: 'Wrong size', dispatched: true },
        ],
        notes,
      });
      const [kept, refused] = request.lineItems;

      expect(await fulfilment.acceptRefundLine(kept.id, notes)).toEqual({ id: kept.id, status: 'AWAITING_RETURN', reason: 'Faulty' });
      expect(await fulfilment.returnRefundLine(kept.id, notes)).toEqual({ id: kept.id, status: 'REFUND_ACCEPTED', reason: 'Faulty' });
      expect(await fulfilment.denyRefundLine(refused.id, 'Worn', notes)).toMatchObject({ id: refused.id, status: 'REFUND_DENIED' });
      expect(state().refundRequests.get(request.legacyId!)!.status).toBe('PROCESSED');
      await expect(fulfilment.acceptRefundLine(kept.id, notes)).rejects.toMatchObject({
        code: 'MARKETPLACER_VALIDATION_FAILED',
        details: [{ field: 'refundRequestLineItemId', messages: expect.arrayContaining(['Can only accept a line item that is pending approval']) }],
      });
      await expect(fulfilment.denyRefundLine(refused.id, ' ', notes)).rejects.toMatchObject({
        code: 'MARKETPLACER_VALIDATION_FAILED',
        details: [{ field: 'denyRefundReason', messages: ["can't be blank"] }],
      });
    });
  });
});
