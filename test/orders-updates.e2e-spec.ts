import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { ANYMARKET_TOKEN_HEADER, signAnymarketToken } from '#anymarket';
import { availableDatabases, createTestDatabase, eventually, type TestDatabase } from '#common/testing';
import { NFE_PROC_SPEC_EXAMPLE } from '#test-support/connector/orders/nfe-samples';
import { ListingsConnector, type ActivatedAccount } from './support/listings-connector.js';
import { ListingsSimulator } from './support/listings-simulator.js';
import { OrdersConnector, type OrderDetail } from './support/orders-connector.js';
import { OrdersSimulator, type SellableVariant, type SimulatedInvoice } from './support/orders-simulator.js';
import { startConnector, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';

/**
 * Issue 11 end to end: the seller changes an order in ANYMARKET (the simulator's seller side), ANYMARKET
 * calls the connector's updateOrderStatusInMarketPlace / invoice document remotes, and the connector
 * reads the order back, applies it in the simulated Marketplacer and acknowledges with transmissionStatus.
 */
const databases = await availableDatabases();
const SLOW = 60_000;
const STATUS_REMOTE = '/order/updateOrderStatusInMarketPlace';

interface Acknowledgement {
  success: boolean;
  errorMessage?: string;
  marketPlaceStatus: string;
}

describe.each(databases)('orders back from ANYMARKET on %s', (kind) => {
  let database: TestDatabase;
  let simulator: Listening;
  let connector: ConnectorUnderTest;
  let sim: OrdersSimulator;
  let orders: OrdersConnector;
  let listingsSim: ListingsSimulator;
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
    listingsSim = new ListingsSimulator(simulator.url);
    database = await createTestDatabase(kind, tmpdir());
    connector = await startConnector(database.target, simulator.url, env);
    const app = new ListingsConnector(connector, listingsSim);
    orders = new OrdersConnector(connector, listingsSim);
    const stocked = await sim.stockedSellers(listingsSim, 3);
    if (stocked.length === 0) throw new Error('a seller with stock is needed');
    variants = stocked[0].variants;
    main = await app.activate(stocked[0].sellerId, '22449504.', 127, 'e2e-updates-token-main', { initialDateForOrderImport: '2020-01-01' });
  }, SLOW);

  afterAll(async () => {
    await connector?.close();
    await simulator?.close();
    await database?.drop();
  });

  /** The connector's order id of each invoice imported here. */
  const ids = new Map<number, number>();
  const orderIdOf = (invoice: SimulatedInvoice) => ids.get(invoice.legacyId)!;

  /** A paid invoice of `lineCount` lines, imported into ANYMARKET (PAID). */
  async function importedOrder(lineCount = 2): Promise<{ invoice: SimulatedInvoice; order: OrderDetail }> {
    const [invoice] = await sim.buy(Array.from({ length: lineCount }, () => ({ variantId: variants[nextVariant++ % variants.length].id, quantity: 1 })));
    await orders.pollInvoices();
    const order = await orders.settled(invoice.legacyId);
    expect(order).toMatchObject({ state: 'synced', anymarketStatus: 'PAID' });
    ids.set(invoice.legacyId, order.id);
    return { invoice, order };
  }

  /** The seller changes the order in ANYMARKET, which then calls the status remote; answers the remote's answer. */
  async function sellerChanges(invoice: SimulatedInvoice, change: Record<string, unknown>) {
    const { orderId, oldStatus } = await sim.sellerChange(String(invoice.legacyId), change);
    return orders.remote('PUT', STATUS_REMOTE, main.oi, { orderId, idInMarketplace: String(invoice.legacyId), oldStatus, currentStatus: change.status });
  }

  /** Waits for the `count`-th transmissionStatus of the order and answers it. */
  async function acknowledgement(invoice: SimulatedInvoice, count = 1): Promise<Acknowledgement> {
    const held = await sim.heldOrder(String(invoice.legacyId));
    const calls = await eventually(
      async () => (await sim.acknowledgements(String(invoice.legacyId), held.order.id)).filter((call) => call.name === 'transmissionStatus'),
      (found) => found.length >= count,
      `transmissionStatus #${count} of ${invoice.legacyId}`,
    );
    await eventually(
      () => orders.detail(orderIdOf(invoice)),
      (detail) => detail.anymarketUpdate?.state === 'reported',
      'update reported',
    );
    return calls[count - 1].body as Acknowledgement;
  }

  async function shipped(invoice: SimulatedInvoice, trackingNumber: string) {
    return sellerChanges(invoice, {
      status: 'SHIPPED',
      invoice: { number: '1234', series: '1', accessKey: '41190908328657000194550015624654251041433087', date: '2026-11-20T10:00:00-03:00' },
      tracking: { carrier: 'Jadlog', number: trackingNumber, url: `https://jadlog.example/${trackingNumber}`, shippedDate: '2026-11-26T09:00:00-03:00' },
    });
  }

  const violationsOf = async (invoice: SimulatedInvoice) => (await sim.violations()).filter((v) => v.marketPlaceId === String(invoice.legacyId));

  it(
    'SHIPPED in ANYMARKET → one shipment in Marketplacer with the mapped carrier, acknowledged; the same remote twice → still one; nothing echoes back',
    async () => {
      const { invoice, order } = await importedOrder(2);

      expect(await shipped(invoice, 'JD-100')).toEqual({ status: 200, body: true });
      expect(await acknowledgement(invoice)).toMatchObject({ success: true });
      const after = await sim.invoice(invoice.id);
      expect(after.shipments).toHaveLength(1);
      expect(after.shipments[0]).toMatchObject({ carrier: 'StarTrack', trackingNumber: 'JD-100' });
      expect(after.status).toBe('SENT');

      // ANYMARKET sends the same remote again: nothing new in Marketplacer, acknowledged again.
      const held = await sim.heldOrder(String(invoice.legacyId));
      expect(
        await orders.remote('PUT', STATUS_REMOTE, main.oi, {
          orderId: held.order.id,
          idInMarketplace: String(invoice.legacyId),
          oldStatus: 'PAID',
          currentStatus: 'SHIPPED',
        }),
      ).toEqual({
        status: 200,
        body: true,
      });
      expect(await acknowledgement(invoice, 2)).toMatchObject({ success: true });
      expect((await sim.invoice(invoice.id)).shipments).toHaveLength(1);

      // The invoices feed sees the shipment the connector made: ANYMARKET has SHIPPED already, nothing is sent back.
      await orders.pollInvoices();
      await orders.noOrderPending();
      expect((await sim.orderCalls(String(invoice.legacyId))).map((call) => call.name)).toEqual(['POST /orders']);
      const detail = await orders.detail(order.id);
      expect(detail).toMatchObject({ anymarketStatus: 'SHIPPED', targetStatus: 'SHIPPED', state: 'synced' });
      expect(detail.shipments).toEqual([expect.objectContaining({ origin: 'anymarket', carrier: 'StarTrack', trackingNumber: 'JD-100' })]);
      expect(await violationsOf(invoice)).toEqual([]);
    },
    SLOW,
  );

  it(
    'an unmapped carrier → success: false naming the carrier, and no shipment',
    async () => {
      const { invoice } = await importedOrder(1);
      await sellerChanges(invoice, {
        status: 'SHIPPED',
        tracking: { carrier: 'Transportadora Nenhuma', number: 'TN-1', shippedDate: '2026-11-26T09:00:00-03:00' },
      });
      const ack = await acknowledgement(invoice);
      expect(ack.success).toBe(false);
      expect(ack.errorMessage).toContain('Transportadora Nenhuma');
      expect((await sim.invoice(invoice.id)).shipments).toHaveLength(0);
      expect((await sim.heldOrder(String(invoice.legacyId))).order.transmissionStatus).toBe('ERROR');
      expect(await violationsOf(invoice)).toEqual([]);
    },
    SLOW,
  );

  it(
    'INVOICED by JSON with no data is refused, then the NF-e XML makes it succeed',
    async () => {
      const { invoice, order } = await importedOrder(1);
      await sellerChanges(invoice, { status: 'INVOICED' });
      const refused = await acknowledgement(invoice);
      expect(refused.success).toBe(false);
      expect(refused.errorMessage).toMatch(/invoice data/);

      const answer = await putDocument(invoice, NFE_PROC_SPEC_EXAMPLE);
      expect(answer).toEqual({ status: 200, body: true });
      expect(await acknowledgement(invoice, 2)).toMatchObject({ success: true });
      const detail = await orders.detail(order.id);
      expect(detail.anymarketUpdate?.invoiceDocument).toMatchObject({
        accessKey: '41190908328657000194550015624654251041433087',
        number: '562465425',
        series: '1',
        totalCents: 16000,
        // The buyer's CPF in the XML (dest) is not kept.
        recipientDocument: null,
      });
    },
    SLOW,
  );

  it(
    'the NF-e XML first, then INVOICED by JSON: both succeed; the data comes with the shipment later',
    async () => {
      const { invoice, order } = await importedOrder(1);
      expect(await putDocument(invoice, NFE_PROC_SPEC_EXAMPLE)).toEqual({ status: 200, body: true });
      expect(await acknowledgement(invoice)).toMatchObject({ success: true });
      await sellerChanges(invoice, { status: 'INVOICED' });
      expect(await acknowledgement(invoice, 2)).toMatchObject({ success: true });
      expect((await orders.detail(order.id)).anymarketStatus).toBe('INVOICED');
    },
    SLOW,
  );

  it(
    'CANCELED in ANYMARKET → one refund request for the unshipped lines (dispatched: false), acknowledged; repeated → still one',
    async () => {
      const { invoice } = await importedOrder(2);
      await sellerChanges(invoice, { status: 'CANCELED', cancellationCode: 'BUYER_CANCELED' });
      expect(await acknowledgement(invoice)).toMatchObject({ success: true });
      const requests = await sim.refundRequestsOf(invoice);
      expect(requests).toHaveLength(1);
      expect(requests[0].lineItems.map((line) => line.lineItem?.id).sort()).toEqual(invoice.lineItems.map((line) => line.id).sort());

      const held = await sim.heldOrder(String(invoice.legacyId));
      await orders.remote('PUT', STATUS_REMOTE, main.oi, {
        orderId: held.order.id,
        idInMarketplace: String(invoice.legacyId),
        oldStatus: 'PAID',
        currentStatus: 'CANCELED',
      });
      expect(await acknowledgement(invoice, 2)).toMatchObject({ success: true });
      expect(await sim.refundRequestsOf(invoice)).toHaveLength(1);

      await orders.pollRefunds();
      await orders.pollInvoices();
      await orders.noOrderPending();
      expect((await sim.orderCalls(String(invoice.legacyId))).map((call) => call.name)).toEqual(['POST /orders']);
    },
    SLOW,
  );

  it(
    'an admin maps a carrier; a PAID → DELIVERED jump ships with it; a lost shipmentCreate answer still makes one shipment',
    async () => {
      const admin = (path: string, method: string, body?: unknown) =>
        fetch(`${connector.url}/admin/shipments/${path}`, {
          method,
          headers: { ...connector.admin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      expect((await admin('carrier-map', 'PUT', { anymarketCarrier: 'Braspress', marketplacerCarrier: 'Nenhuma Transportadora' })).status).toBe(400);
      expect((await admin('carrier-map', 'PUT', { anymarketCarrier: 'Braspress', marketplacerCarrier: 'FedEx' })).status).toBe(200);
      const map = (await (await admin('carrier-map', 'GET')).json()) as Array<{ anymarketCarrier: string; marketplacerCarrierName: string; source: string }>;
      expect(map).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ anymarketCarrier: 'Braspress', marketplacerCarrierName: 'FedEx', source: 'admin' }),
          expect.objectContaining({ anymarketCarrier: 'Jadlog', marketplacerCarrierName: 'StarTrack', source: 'SHIPMENT_CARRIER_MAP' }),
        ]),
      );

      const { invoice, order } = await importedOrder(2);
      await listingsSim.loseNextAnswerOf('ShipmentCreate');
      await sellerChanges(invoice, {
        status: 'DELIVERED',
        tracking: { carrier: 'braspress', number: 'BP-9', shippedDate: '2026-11-25T08:00:00-03:00', deliveredDate: '2026-11-26T15:00:00-03:00' },
      });
      // shippedDate names a day before the order (time zones, or a typo): shipped on the order's own day.
      expect(await acknowledgement(invoice)).toMatchObject({ success: true });
      const after = await sim.invoice(invoice.id);
      expect(after.shipments).toEqual([expect.objectContaining({ carrier: 'FedEx', trackingNumber: 'BP-9' })]);
      const detail = await orders.detail(order.id);
      expect(detail.anymarketStatus).toBe('DELIVERED');
      // The first shipmentCreate was made but its answer lost: the retry found it by its tracking number.
      expect(detail.timeline).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'apply ANYMARKET change', outcome: 'failed' })]));

      // The alternative path of the intro table, in another letter case, is the same remote.
      const held = await sim.heldOrder(String(invoice.legacyId));
      expect(
        await orders.remote('PUT', '/UpdateOrderStatusInMarketplace', main.oi, {
          orderId: held.order.id,
          idInMarketplace: String(invoice.legacyId),
          currentStatus: 'DELIVERED',
        }),
      ).toEqual({ status: 200, body: true });
      expect(await acknowledgement(invoice, 2)).toMatchObject({ success: true });
      expect((await sim.invoice(invoice.id)).shipments).toHaveLength(1);
      expect((await admin('carrier-map/Braspress', 'DELETE')).status).toBe(204);
      expect((await admin('carrier-map/Braspress', 'DELETE')).status).toBe(404);
      expect(await violationsOf(invoice)).toEqual([]);
    },
    SLOW,
  );

  it(
    'refuses malformed and oversized NF-e XML with 400, and unknown orders with 404, changing nothing',
    async () => {
      const { invoice, order } = await importedOrder(1);
      const truncated = await putDocument(invoice, NFE_PROC_SPEC_EXAMPLE.slice(0, 500));
      expect(truncated.status).toBe(400);
      const oversized = await putDocument(invoice, `<nfeProc>${'x'.repeat(1_100_000)}</nfeProc>`);
      expect(oversized.status).toBe(400);
      expect((await putDocument({ ...invoice, legacyId: 999_999_999 }, NFE_PROC_SPEC_EXAMPLE)).status).toBe(404);
      expect(
        (await orders.remote('PUT', STATUS_REMOTE, main.oi, { orderId: 1, idInMarketplace: '999999999', oldStatus: 'PAID', currentStatus: 'SHIPPED' })).status,
      ).toBe(404);
      expect(
        (await orders.remote('PUT', STATUS_REMOTE, main.oi, { orderId: 1, idInMarketplace: String(invoice.legacyId), currentStatus: 'SENT' })).status,
      ).toBe(400);
      expect((await orders.detail(order.id)).anymarketUpdate).toBeNull();
    },
    SLOW,
  );

  /** The invoice/document remote, with an XML body as ANYMARKET sends it. */
  async function putDocument(invoice: Pick<SimulatedInvoice, 'legacyId'>, xml: string): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${connector.url}/order/${invoice.legacyId}/invoice/document?idAccount=${main.idAccount}`, {
      method: 'PUT',
      headers: { [ANYMARKET_TOKEN_HEADER]: signAnymarketToken({ oi: main.oi }), 'content-type': 'application/xml' },
      body: xml,
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }
});

describe('orders cancelled in ANYMARKET with ORDER_CANCEL_REFUND=refund', () => {
  let database: TestDatabase;
  let simulator: Listening;
  let connector: ConnectorUnderTest;
  let sim: OrdersSimulator;
  let orders: OrdersConnector;
  let main: ActivatedAccount;

  beforeAll(async () => {
    simulator = await startSimulator({
      SIMULATOR_SEED_SELLERS: '4',
      SIMULATOR_SEED_ADVERTS: '60',
      SIMULATOR_SEED_INVOICES: '0',
      SIMULATOR_ANYMARKET_RATE_LIMIT_PER_SECOND: '1000',
    });
    sim = new OrdersSimulator(simulator.url);
    const listingsSim = new ListingsSimulator(simulator.url);
    database = await createTestDatabase(databases[0], tmpdir());
    connector = await startConnector(database.target, simulator.url, {
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      ANYMARKET_RATE_LIMIT_PER_SECOND: '500',
      ORDER_RETRY_BASE_MS: '20',
      ORDER_CANCEL_REFUND: 'refund',
    });
    orders = new OrdersConnector(connector, listingsSim);
    const [stocked] = await sim.stockedSellers(listingsSim, 2);
    if (!stocked) throw new Error('a seller with stock is needed');
    main = await new ListingsConnector(connector, listingsSim).activate(stocked.sellerId, '22449504.', 127, 'e2e-cancel-refund-token', {
      initialDateForOrderImport: '2020-01-01',
    });
    const [invoice] = await sim.buy(stocked.variants.slice(0, 2).map((variant) => ({ variantId: variant.id, quantity: 1 })));
    await orders.pollInvoices();
    cancelled = invoice;
    orderId = (await orders.settled(invoice.legacyId)).id;
  }, SLOW);

  let cancelled: SimulatedInvoice;
  let orderId: number;

  afterAll(async () => {
    await connector?.close();
    await simulator?.close();
    await database?.drop();
  });

  it(
    'refunds the cancellation in Marketplacer at once, and the refunds feed sends nothing back',
    async () => {
      const { orderId: anymarketOrderId, oldStatus } = await sim.sellerChange(String(cancelled.legacyId), { status: 'CANCELED' });
      await orders.remote('PUT', STATUS_REMOTE, main.oi, {
        orderId: anymarketOrderId,
        idInMarketplace: String(cancelled.legacyId),
        oldStatus,
        currentStatus: 'CANCELED',
      });
      await eventually(
        () => orders.detail(orderId),
        (detail) => detail.anymarketUpdate?.state === 'reported',
        'cancellation reported',
      );
      expect((await orders.detail(orderId)).anymarketUpdate).toMatchObject({ reportedSuccess: true });
      const [request] = await sim.refundRequestsOf(cancelled);
      expect(request.status).toBe('REFUNDED');
      await orders.pollRefunds();
      await orders.pollInvoices();
      await orders.noOrderPending();
      expect((await sim.orderCalls(String(cancelled.legacyId))).map((call) => call.name)).toEqual(['POST /orders']);
    },
    SLOW,
  );
});
