import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { availableDatabases, createTestDatabase, eventually, type TestDatabase } from '#common/testing';
import { ListingsConnector, type ActivatedAccount } from './support/listings-connector.js';
import { ListingsSimulator } from './support/listings-simulator.js';
import { OrdersConnector, type OrderDetail } from './support/orders-connector.js';
import { OrdersSimulator, type SellableVariant, type SimulatedInvoice } from './support/orders-simulator.js';
import { startConnector, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';

/**
 * Issue 26 §3 end to end: shipments after the first. A second shipment of an invoice ANYMARKET has as
 * SHIPPED reaches ANYMARKET (a repeated markAsShipped, when the simulated ANYMARKET takes it as a tracking
 * update) or the order's timeline and `trackingNotDelivered` (when it refuses it, as its v2 table says);
 * a partial shipment names its shipped and unshipped lines on the timeline. The second shipment comes the
 * way it does in practice: part of the invoice shipped in Marketplacer, the rest by the seller in ANYMARKET.
 */
const databases = await availableDatabases();
const SLOW = 60_000;
const STATUS_REMOTE = '/order/updateOrderStatusInMarketPlace';

describe.each(databases)('shipments after the first on %s', (kind) => {
  let database: TestDatabase;
  let simulator: Listening;
  let connector: ConnectorUnderTest;
  let sim: OrdersSimulator;
  let orders: OrdersConnector;
  let main: ActivatedAccount;
  let variants: SellableVariant[];
  let nextVariant = 0;
  const env = {
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    ANYMARKET_RATE_LIMIT_PER_SECOND: '500',
    ORDER_RETRY_BASE_MS: '20',
    ORDER_MAX_ATTEMPTS: '3',
    SHIPMENT_CARRIER_MAP: JSON.stringify({ Jadlog: 'StarTrack' }),
  };

  beforeAll(async () => {
    simulator = await startSimulator({
      SIMULATOR_SEED_SELLERS: '4',
      SIMULATOR_SEED_ADVERTS: '60',
      SIMULATOR_SEED_INVOICES: '0',
      SIMULATOR_ANYMARKET_RATE_LIMIT_PER_SECOND: '1000',
    });
    sim = new OrdersSimulator(simulator.url);
    const listingsSim = new ListingsSimulator(simulator.url);
    database = await createTestDatabase(kind, tmpdir());
    connector = await startConnector(database.target, simulator.url, env);
    const app = new ListingsConnector(connector, listingsSim);
    orders = new OrdersConnector(connector, listingsSim);
    const stocked = await sim.stockedSellers(listingsSim, 3);
    if (stocked.length === 0) throw new Error('a seller with stock is needed');
    variants = stocked[0].variants;
    main = await app.activate(stocked[0].sellerId, '22449504.', 127, 'e2e-shipments-token-main', { initialDateForOrderImport: '2020-01-01' });
  }, SLOW);

  afterAll(async () => {
    await connector?.close();
    await simulator?.close();
    await database?.drop();
  });

  afterEach(async () => {
    await sim.repeatShippedUpdatesTracking(false);
  });

  /** A paid invoice of two lines (one unit each), imported into ANYMARKET as PAID. */
  async function importedOrder(): Promise<{ invoice: SimulatedInvoice; order: OrderDetail }> {
    const [invoice] = await sim.buy(Array.from({ length: 2 }, () => ({ variantId: variants[nextVariant++ % variants.length].id, quantity: 1 })));
    await orders.pollInvoices();
    const order = await orders.settled(invoice.legacyId);
    expect(order).toMatchObject({ state: 'synced', anymarketStatus: 'PAID' });
    return { invoice, order };
  }

  /** The first line shipped in Marketplacer with `trackingNumber`; the feed reads it. */
  async function firstLineShipped(invoice: SimulatedInvoice, trackingNumber: string): Promise<void> {
    await sim.ship(invoice, trackingNumber, [{ lineItemId: invoice.lineItems[0].id, quantity: 1 }]);
    await orders.pollInvoices();
  }

  /** The seller ships the rest in ANYMARKET (Jadlog `trackingNumber`); ANYMARKET calls the status remote; the connector ships it in Marketplacer. */
  async function restShippedInAnymarket(invoice: SimulatedInvoice, trackingNumber: string): Promise<void> {
    const marketPlaceId = String(invoice.legacyId);
    const { orderId, oldStatus } = await sim.sellerChange(marketPlaceId, {
      status: 'SHIPPED',
      tracking: { carrier: 'Jadlog', number: trackingNumber, url: `https://jadlog.example/${trackingNumber}`, shippedDate: '2026-11-26T09:00:00-03:00' },
    });
    const answer = await orders.remote('PUT', STATUS_REMOTE, main.oi, { orderId, idInMarketplace: marketPlaceId, oldStatus, currentStatus: 'SHIPPED' });
    expect(answer).toEqual({ status: 200, body: true });
    const acknowledged = await eventually(
      async () => (await sim.acknowledgements(marketPlaceId, orderId)).filter((call) => call.name === 'transmissionStatus'),
      (calls) => calls.length >= 1,
      `transmissionStatus of ${marketPlaceId}`,
    );
    expect(acknowledged[0].body).toMatchObject({ success: true });
    expect((await sim.invoice(invoice.id)).status).toBe('SENT');
  }

  /** The tracking numbers of a markAsShipped `number` (joined with ", "), sorted. */
  const numbersIn = (number: unknown): string[] =>
    String(number ?? '')
      .split(', ')
      .sort();
  const callsOf = async (invoice: SimulatedInvoice) => sim.orderCalls(String(invoice.legacyId));
  const violationsOf = async (invoice: SimulatedInvoice) => (await sim.violations()).filter((v) => v.marketPlaceId === String(invoice.legacyId));

  it(
    'a partial shipment names the shipped and unshipped lines on the timeline; ANYMARKET stays PAID; the rest ships it once with both numbers',
    async () => {
      const { invoice, order } = await importedOrder();
      const [shoes, bag] = invoice.lineItems.map((line) => line.variantSku);
      await firstLineShipped(invoice, `PART-${invoice.legacyId}-1`);

      const partial = await orders.detail(order.id);
      expect(partial).toMatchObject({ state: 'synced', anymarketStatus: 'PAID', targetStatus: 'PAID', invoiceStatus: 'PARTIALLY_SENT' });
      expect(partial.timeline.filter((event) => event.action === 'shipped lines').map((event) => event.detail)).toEqual([
        `shipped: ${shoes} × 1; not yet shipped: ${bag} × 1`,
      ]);
      expect((await callsOf(invoice)).map((call) => call.name)).toEqual(['POST /orders']);

      await sim.ship(invoice, `PART-${invoice.legacyId}-2`);
      await orders.pollInvoices();
      const sent = await orders.detail(order.id);
      expect(sent).toMatchObject({ state: 'synced', anymarketStatus: 'SHIPPED', trackingNotDelivered: null });
      expect(sent.timeline.filter((event) => event.action === 'shipped lines').map((event) => event.detail)).toEqual([
        `shipped: ${shoes} × 1; not yet shipped: ${bag} × 1`,
        `shipped: ${shoes} × 1, ${bag} × 1; every line shipped now`,
      ]);
      const calls = await callsOf(invoice);
      expect(calls.map((call) => call.name)).toEqual(['POST /orders', 'markAsShipped']);
      expect(calls[1].body).toMatchObject({ number: `PART-${invoice.legacyId}-1, PART-${invoice.legacyId}-2` });

      // Quiet polls send nothing more.
      await orders.pollInvoices();
      await orders.pollInvoices();
      expect(await callsOf(invoice)).toHaveLength(2);
      expect(await violationsOf(invoice)).toEqual([]);
    },
    SLOW,
  );

  it(
    'a second shipment after SHIPPED reaches ANYMARKET when it takes a repeated markAsShipped: its order shows both tracking numbers, once',
    async () => {
      await sim.repeatShippedUpdatesTracking(true);
      const { invoice, order } = await importedOrder();
      const marketplacers = `MP-${invoice.legacyId}`;
      const anymarkets = `JD-${invoice.legacyId}`;
      await firstLineShipped(invoice, marketplacers);
      await restShippedInAnymarket(invoice, anymarkets);

      await orders.pollInvoices();
      const detail = await orders.detail(order.id);
      expect(detail).toMatchObject({ state: 'synced', anymarketStatus: 'SHIPPED', trackingNotDelivered: null });
      const calls = await callsOf(invoice);
      expect(calls.map((call) => [call.name, call.status])).toEqual([
        ['POST /orders', 200],
        ['markAsShipped', 200],
      ]);
      // Every number, in dispatch order; the carrier and link of the newest shipment.
      const update = calls[1].body as { status: string; number: string; carrier: string };
      expect(update.status).toBe('SHIPPED');
      expect(numbersIn(update.number)).toEqual([anymarkets, marketplacers].sort());
      const shipments = (await sim.invoice(invoice.id)).shipments;
      expect(shipments.map((shipment) => shipment.carrier)).toContain(update.carrier);
      const held = await sim.heldOrder(String(invoice.legacyId));
      expect(held.order).toMatchObject({ status: 'SHIPPED', tracking: { number: update.number, carrier: update.carrier } });
      expect(detail.timeline).toContainEqual(
        expect.objectContaining({ action: 'markAsShipped', outcome: 'ok', detail: expect.stringContaining('tracking update (SHIPPED stays)') }),
      );

      // The feed after it, and a re-read of the invoice, send nothing more.
      await orders.pollInvoices();
      await orders.pollInvoices();
      expect(await callsOf(invoice)).toHaveLength(2);
      expect(await violationsOf(invoice)).toEqual([]);
    },
    SLOW,
  );

  it(
    "a second shipment ANYMARKET refuses (its v2 table has no SHIPPED → SHIPPED) is recorded on the order's timeline and flagged, and not retried",
    async () => {
      const { invoice, order } = await importedOrder();
      const marketplacers = `MP-${invoice.legacyId}`;
      const anymarkets = `JD-${invoice.legacyId}`;
      await firstLineShipped(invoice, marketplacers);
      await restShippedInAnymarket(invoice, anymarkets);

      await orders.pollInvoices();
      const detail = await orders.detail(order.id);
      expect(detail).toMatchObject({ state: 'synced', anymarketStatus: 'SHIPPED', trackingNotDelivered: { reason: expect.stringContaining('422') } });
      const refused = detail.trackingNotDelivered!.tracking;
      expect(numbersIn(refused.number)).toEqual([anymarkets, marketplacers].sort());
      const refusal = detail.timeline.find((event) => event.action === 'markAsShipped' && event.outcome === 'failed');
      expect(refusal?.detail).toMatch(/^ANYMARKET did not take the tracking update: .*422.*; tracking now: /);
      expect(refusal?.detail).toContain(`${refused.carrier}, tracking ${refused.number}`);
      expect((await orders.orderOf(invoice.legacyId))?.trackingNotDelivered).toMatchObject({ reason: expect.stringContaining('422') });
      // ANYMARKET keeps the seller's own tracking.
      expect((await sim.heldOrder(String(invoice.legacyId))).order.tracking).toMatchObject({ number: anymarkets });

      const calls = await callsOf(invoice);
      expect(calls.map((call) => [call.name, call.status])).toEqual([
        ['POST /orders', 200],
        ['markAsShipped', 422],
      ]);
      await orders.pollInvoices();
      await orders.pollInvoices();
      expect(await callsOf(invoice)).toHaveLength(2);
      expect(await violationsOf(invoice)).toEqual([]);
    },
    SLOW,
  );
});
