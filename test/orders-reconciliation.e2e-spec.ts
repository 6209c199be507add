import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { availableDatabases, createTestDatabase, type TestDatabase } from '#common/testing';
import { ListingsConnector, type ActivatedAccount } from './support/listings-connector.js';
import { ListingsSimulator } from './support/listings-simulator.js';
import { OrdersConnector } from './support/orders-connector.js';
import { OrdersSimulator, type SellableVariant, type SimulatedInvoice } from './support/orders-simulator.js';
import { http, startConnector, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';

/**
 * Issue 26 §2 end to end: the `orders-reconciliation` sync job compares the account's orders with the
 * simulated ANYMARKET's `GET /orders`. An order ANYMARKET has that the connector does not know is
 * reported; an order whose ANYMARKET status was left behind is moved forward; a second run sends
 * ANYMARKET nothing but the list reads.
 */
const databases = await availableDatabases();
const SLOW = 60_000;
const ANYMARKET_API = '/anymarket/marketplace/api';

interface Finding {
  kind: string;
  marketPlaceId: string;
  anymarketOrderId: string | null;
  orderId: number | null;
  anymarketStatus: string | null;
  repair: string | null;
}

interface Reconciliation {
  accountId: number;
  lastRun: { outcome: string; ordersCompared: number; findings: Record<string, number>; repairs: Record<string, number> } | null;
  findings: Finding[];
}

describe.each(databases)('orders reconciliation with ANYMARKET on %s', (kind) => {
  let database: TestDatabase;
  let simulator: Listening;
  let connector: ConnectorUnderTest;
  let sim: OrdersSimulator;
  let orders: OrdersConnector;
  let main: ActivatedAccount;
  let variants: SellableVariant[];

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
    connector = await startConnector(database.target, simulator.url, {
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      ANYMARKET_RATE_LIMIT_PER_SECOND: '500',
      ORDER_RETRY_BASE_MS: '20',
      ORDER_MAX_ATTEMPTS: '3',
    });
    orders = new OrdersConnector(connector, listingsSim);
    const stocked = await sim.stockedSellers(listingsSim, 2);
    if (stocked.length === 0) throw new Error('a seller with stock is needed');
    variants = stocked[0].variants;
    main = await new ListingsConnector(connector, listingsSim).activate(stocked[0].sellerId, '22449504.', 127, 'e2e-reconciliation-token', {
      initialDateForOrderImport: '2020-01-01',
    });
  }, SLOW);

  afterAll(async () => {
    await connector?.close();
    await simulator?.close();
    await database?.drop();
  });

  const admin = <T>(method: 'GET' | 'POST', path: string) => http<T>(`${connector.url}${path}`, { method, headers: connector.admin });

  /** The calls the connector made to the simulated ANYMARKET with the account's token, after the first `from`. */
  async function callsSince(from: number) {
    return (await sim.anymarketCalls()).slice(from).filter((call) => call.tokenHint === `…${main.token.slice(-4)}`);
  }

  it(
    'reports an order it does not know, moves a status left behind forward, and a second run only reads the list',
    async () => {
      // An order of the connector, imported into ANYMARKET as PAID.
      const [invoice]: SimulatedInvoice[] = await sim.buy([{ variantId: variants[0].id, quantity: 1 }]);
      await orders.pollInvoices();
      const ours = await orders.settled(invoice.legacyId);
      expect(ours).toMatchObject({ state: 'synced', anymarketStatus: 'PAID' });

      // An order made in the seller's ANYMARKET by someone else with the seller's token: the connector does not know it.
      const foreign = await sim.createOrderAsMarketplace(main.token, { marketPlaceId: 'FOREIGN-1', status: 'PAID', idAccount: 127 });
      // markAsPaid lost: ANYMARKET has the connector's order back at PENDING (the seller's side; no marketplace rules).
      await sim.sellerChange(String(invoice.legacyId), { status: 'PENDING' });

      await orders.reconcileOrders();

      const first = await admin<Reconciliation>('GET', `/admin/orders/reconciliation/${main.id}`);
      expect(first.status).toBe(200);
      expect(first.body.findings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'unknown', marketPlaceId: 'FOREIGN-1', anymarketOrderId: String(foreign.id), orderId: null, repair: null }),
          expect.objectContaining({
            kind: 'behind',
            marketPlaceId: String(invoice.legacyId),
            orderId: ours.id,
            anymarketStatus: 'PENDING',
            repair: 'moved-forward',
          }),
        ]),
      );
      expect(first.body.lastRun).toMatchObject({
        outcome: 'complete',
        ordersCompared: 2,
        findings: { unknown: 1, behind: 1, ahead: 0, missing: 0 },
        repairs: { movedForward: 1, pushedAgain: 0 },
      });
      // Moved forward through the order's own transition; the unknown order is left as it is.
      expect((await sim.heldOrder(String(invoice.legacyId))).order.status).toBe('PAID');
      expect((await sim.orderCalls(String(invoice.legacyId))).map((call) => call.name)).toEqual(['POST /orders', 'markAsPaid']);
      expect(await sim.orderCalls('FOREIGN-1')).toEqual([expect.objectContaining({ name: 'POST /orders' })]);
      expect((await orders.orderOf('FOREIGN-1')) ?? null).toBeNull();
      const timeline = (await orders.detail(ours.id)).timeline.filter((event) => event.source === 'reconciliation');
      expect(timeline.map((event) => event.detail).join('\n')).toMatch(/ANYMARKET has PENDING .* moved forward/);

      const list = await admin<Array<{ accountId: number }>>('GET', '/admin/orders/reconciliation');
      expect(list.status).toBe(200);
      expect(list.body.map((run) => run.accountId)).toContain(main.id);

      // Again, on demand: nothing differs but the unknown order; ANYMARKET gets the list reads only.
      const before = (await sim.anymarketCalls()).length;
      const again = await admin<Reconciliation>('POST', `/admin/orders/reconciliation/${main.id}/run`);
      expect(again.status).toBe(200);
      await orders.noOrderPending();
      const calls = await callsSince(before);
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.every((call) => call.method === 'GET' && call.path === `${ANYMARKET_API}/orders`)).toBe(true);
      expect(again.body.lastRun).toMatchObject({ outcome: 'complete', findings: { unknown: 1, behind: 0 }, repairs: { movedForward: 0, pushedAgain: 0 } });
      expect(again.body.findings.map((finding) => [finding.kind, finding.marketPlaceId])).toEqual([['unknown', 'FOREIGN-1']]);
      expect(await sim.violations()).toEqual([]);
    },
    SLOW,
  );

  it('refuses bad input and unknown accounts with 4xx', async () => {
    expect((await admin('GET', '/admin/orders/reconciliation/999999')).status).toBe(404);
    expect((await admin('POST', '/admin/orders/reconciliation/999999/run')).status).toBe(404);
    expect((await admin('POST', '/admin/orders/reconciliation/abc/run')).status).toBe(400);
    expect((await admin('GET', '/admin/orders/reconciliation?limit=0')).status).toBe(400);
    expect((await admin('GET', `/admin/orders/reconciliation/${main.id}?kind=sideways`)).status).toBe(400);
  });
});
