import { DEMO_MARKETPLACER_API_KEY } from '../marketplacer-simulator.config.js';
import { SimulatedMarketplacer } from '../simulated-marketplacer.js';
import { isDisplayable } from '../state/derived.js';
import { globalId } from '../state/global-id.js';
import type { VariantRecord } from '../state/records.js';
import { SimulatorHarness } from '#test-support/simulator/simulator-harness';

const KEY = { 'MARKETPLACER-API-KEY': DEMO_MARKETPLACER_API_KEY };

/** The control API's quick orders and invoice collection, over HTTP. */
describe('Marketplacer control: orders and collection', () => {
  let sim: SimulatorHarness;
  const state = () => sim.app.get(SimulatedMarketplacer).state;
  /** Sellable variants with finite stock, of two different sellers. */
  const twoSellersVariants = (): [VariantRecord, VariantRecord] => {
    const sellable = [...state().variants.values()].filter((v) => isDisplayable(v.advert) && v.published && !v.infiniteQuantity && v.countOnHand >= 5);
    const other = sellable.find((v) => v.advert.sellerId !== sellable[0].advert.sellerId)!;
    return [sellable[0], other];
  };

  beforeAll(async () => {
    sim = await SimulatorHarness.start();
  });
  afterAll(async () => {
    await sim?.stop();
  });
  beforeEach(async () => {
    expect((await sim.control('POST', '/reset', {})).status).toBe(200);
  });

  it('makes `count` orders by database or global variant id, one invoice per seller, answering their ids', async () => {
    const [a, b] = twoSellersVariants();
    const stock = a.countOnHand;
    const orders = state().orders.size;
    const made = await sim.control('POST', '/orders', {
      lines: [
        { variantId: a.legacyId, quantity: 2 },
        { variantId: globalId('Variant', b.legacyId), quantity: 1 },
      ],
      count: 2,
      buyer: { firstName: 'Bruno', address: { city: 'Perth', state: 'WA' } },
    });
    expect(made.status).toBe(201);
    expect(made.body.orders).toHaveLength(2);
    const [first] = made.body.orders;
    expect(first).toEqual({
      id: globalId('Order', first.legacyId),
      legacyId: expect.any(Number),
      invoices: [
        { id: globalId('Invoice', first.invoices[0].legacyId), legacyId: expect.any(Number), sellerId: globalId('Seller', a.advert.sellerId), status: 'PAID' },
        { id: globalId('Invoice', first.invoices[1].legacyId), legacyId: expect.any(Number), sellerId: globalId('Seller', b.advert.sellerId), status: 'PAID' },
      ],
    });
    expect(state().orders.size).toBe(orders + 2);
    expect(a.countOnHand).toBe(stock - 4);

    const invoice = (await sim.graphql(`{ node(id: "${first.invoices[0].id}") { ... on Invoice { status buyerFirstName order { id } } } }`, {}, KEY)).body;
    expect(invoice.data?.node).toEqual({ status: 'PAID', buyerFirstName: 'Bruno', order: { id: first.id } });
    const order = state().orders.get(first.legacyId)!;
    expect(order).toMatchObject({ firstName: 'Bruno', surname: 'Souza', address: { city: 'Perth', stateShort: 'WA', postcode: '3000' } });
  });

  it('leaves the invoices AWAITING_PAYMENT with paid: false', async () => {
    const [a] = twoSellersVariants();
    const made = await sim.control('POST', '/orders', { lines: [{ variantId: String(a.legacyId), quantity: 1 }], paid: false });
    expect(made.body.orders[0].invoices[0].status).toBe('AWAITING_PAYMENT');
    const id = encodeURIComponent(made.body.orders[0].invoices[0].id);
    expect((await sim.control('POST', `/invoices/${id}/paid`)).body).toMatchObject({ status: 'PAID' });
  });

  it('refuses the whole call, making no order, when the stock does not cover every order', async () => {
    const [a] = twoSellersVariants();
    const orders = state().orders.size;
    const refused = await sim.control('POST', '/orders', { lines: [{ variantId: a.legacyId, quantity: 1 }], count: a.countOnHand + 1 });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('Not enough stock');
    expect(state().orders.size).toBe(orders);
    expect((await sim.control('POST', '/orders', { lines: [{ variantId: 'VmFyaWFudC05OTk5OTk5', quantity: 1 }] })).status).toBe(422);
    expect((await sim.control('POST', '/orders', { lines: [] })).status).toBe(400);
    expect((await sim.control('POST', '/orders', { lines: [{ variantId: a.legacyId, quantity: 0 }] })).status).toBe(400);
    expect((await sim.control('POST', '/orders', { lines: [{ variantId: a.legacyId, quantity: 1 }], count: 10_001 })).status).toBe(400);
  });

  it('collects a sent invoice (COLLECTED), and refuses one not sent yet', async () => {
    const [a] = twoSellersVariants();
    const made = await sim.control('POST', '/orders', { lines: [{ variantId: a.legacyId, quantity: 1 }] });
    const id = encodeURIComponent(made.body.orders[0].invoices[0].id);
    const early = await sim.control('POST', `/invoices/${id}/collected`);
    expect(early.status).toBe(422);
    expect(JSON.stringify(early.body)).toContain('sent in full');
    await sim.control('POST', `/invoices/${id}/shipped`, {});
    expect((await sim.control('POST', `/invoices/${id}/collected`)).body).toMatchObject({ status: 'COLLECTED', statusFlags: ['PAID', 'SENT', 'COLLECTED'] });
    const listed = await sim.graphql('{ invoices(filters: { statuses: [COLLECTED] }, first: 5) { nodes { id statusFlags } } }', {}, KEY);
    expect(listed.body.data?.invoices.nodes).toEqual([{ id: made.body.orders[0].invoices[0].id, statusFlags: ['PAID', 'SENT', 'COLLECTED'] }]);
  });

  it('ships only the given lines (PARTIALLY_SENT), then the rest; refuses more than is left, as shipmentCreate does', async () => {
    const [a] = twoSellersVariants();
    const sameSeller = [...state().variants.values()].find(
      (v) => v !== a && v.advert.sellerId === a.advert.sellerId && isDisplayable(v.advert) && v.published && !v.infiniteQuantity && v.countOnHand >= 5,
    )!;
    const made = await sim.control('POST', '/orders', {
      lines: [
        { variantId: a.legacyId, quantity: 2 },
        { variantId: sameSeller.legacyId, quantity: 1 },
      ],
    });
    const invoiceId = made.body.orders[0].invoices[0].id as string;
    const id = encodeURIComponent(invoiceId);
    const lines = (await sim.graphql(`{ node(id: "${invoiceId}") { ... on Invoice { lineItems { id quantity } } } }`, {}, KEY)).body.data?.node
      .lineItems as Array<{
      id: string;
      quantity: number;
    }>;
    const partial = await sim.control('POST', `/invoices/${id}/shipped`, { trackingNumber: 'PART-1', lines: [{ lineItemId: lines[0].id, quantity: 1 }] });
    expect(partial.body).toMatchObject({ status: 'PARTIALLY_SENT', statusFlags: ['PAID', 'PARTIALLY_SENT'] });
    const tooMany = await sim.control('POST', `/invoices/${id}/shipped`, { lines: [{ lineItemId: lines[0].id, quantity: 2 }] });
    expect(tooMany.status).toBe(422);
    expect(JSON.stringify(tooMany.body)).toContain('exceeds the quantity left to ship (1)');
    expect((await sim.control('POST', `/invoices/${id}/shipped`, { lines: [] })).status).toBe(400);
    expect((await sim.control('POST', `/invoices/${id}/shipped`, { trackingNumber: 'PART-2' })).body).toMatchObject({ status: 'SENT' });
    const shipments = (await sim.graphql(`{ node(id: "${invoiceId}") { ... on Invoice { shipments { trackingNumber shippedItems { quantity } } } } }`, {}, KEY))
      .body.data?.node.shipments as Array<{ trackingNumber: string; shippedItems: Array<{ quantity: number }> }>;
    expect(shipments.map((shipment) => shipment.trackingNumber)).toEqual(['PART-1', 'PART-2']);
  });
});
