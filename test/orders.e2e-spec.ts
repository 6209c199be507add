import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { availableDatabases, createTestDatabase, eventually, type TestDatabase } from '#common/testing';
import { ListingsConnector, type ActivatedAccount } from './support/listings-connector.js';
import { ListingsSimulator } from './support/listings-simulator.js';
import { OrdersSimulator, type SellableVariant } from './support/orders-simulator.js';
import { http, startConnector, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';

/**
 * Issue 10 end to end: Marketplacer invoices of a linked seller become ANYMARKET orders and are kept
 * in step, with the real connector and the real simulator (both halves) over HTTP.
 */
const databases = await availableDatabases();
const SLOW = 60_000;

interface OrderView {
  id: number;
  state: string;
  anymarketStatus: string | null;
  targetStatus: string;
  marketPlaceId: string;
  anymarketOrderId: string | null;
  lastError: string | null;
  unlinkedSkus: string[];
}

describe.each(databases)('orders end to end on %s', (kind) => {
  let database: TestDatabase;
  let simulator: Listening;
  let connector: ConnectorUnderTest;
  let sim: OrdersSimulator;
  let app: ListingsConnector;
  let main: ActivatedAccount;
  let variants: SellableVariant[];
  const env = { ENCRYPTION_KEY: randomBytes(32).toString('hex'), ANYMARKET_RATE_LIMIT_PER_SECOND: '500', ORDER_RETRY_BASE_MS: '20', ORDER_MAX_ATTEMPTS: '3' };

  beforeAll(async () => {
    simulator = await startSimulator({
      SIMULATOR_SEED_SELLERS: '4',
      SIMULATOR_SEED_ADVERTS: '40',
      SIMULATOR_SEED_INVOICES: '0',
      SIMULATOR_ANYMARKET_RATE_LIMIT_PER_SECOND: '1000',
    });
    sim = new OrdersSimulator(simulator.url);
    const listingsSim = new ListingsSimulator(simulator.url);
    database = await createTestDatabase(kind, tmpdir());
    connector = await startConnector(database.target, simulator.url, env);
    app = new ListingsConnector(connector, listingsSim);
    const sellers = await listingsSim.sellersWithoutVetting();
    const seller = (await Promise.all(sellers.map(async (s) => ({ s, v: await sim.sellableVariants(s.id) })))).find(({ v }) => v.length >= 3)!;
    variants = seller.v;
    main = await app.activate(seller.s.id, '22449504.', 127, 'e2e-orders-token-main', { initialDateForOrderImport: '2020-01-01' });
  }, SLOW);

  afterAll(async () => {
    await connector?.close();
    await simulator?.close();
    await database?.drop();
  });

  async function pollInvoices(): Promise<void> {
    const started = await http<{ id: number }>(`${connector.url}/admin/sync/jobs/invoices/accounts/marketplace/run`, {
      method: 'POST',
      headers: connector.admin,
    });
    expect(started.status).toBe(202);
    await app.runEnded(started.body.id);
  }

  async function settledOrder(marketPlaceId: string): Promise<OrderView> {
    return eventually(
      async () =>
        (await http<OrderView[]>(`${connector.url}/admin/orders?accountId=${main.id}&limit=200`, { headers: connector.admin })).body.find(
          (o) => o.marketPlaceId === marketPlaceId,
        ),
      (order) => order !== undefined && order.state !== 'pending',
      `order ${marketPlaceId} settled`,
    ) as Promise<OrderView>;
  }

  it(
    'turns a paid invoice into one PAID order in ANYMARKET whose amounts match the invoice',
    async () => {
      const [invoice] = await sim.buy(
        [
          { variantId: variants[0].id, quantity: 2 },
          { variantId: variants[1].id, quantity: 1 },
        ],
        1590,
      );
      await pollInvoices();
      const order = await settledOrder(String(invoice.legacyId));
      expect(order).toMatchObject({ state: 'synced', anymarketStatus: 'PAID' });
      const held = (await sim.anymarketOrders()).filter((held) => held.order.marketPlaceId === String(invoice.legacyId));
      expect(held).toHaveLength(1);
      expect(held[0].order.status).toBe('PAID');
      expect(Math.round(held[0].order.total! * 100)).toBe(invoice.totalCents);
      expect(Math.round(held[0].order.freight! * 100)).toBe(invoice.postageCents ?? 0);
      expect(held[0].order.payments?.[0].value).toBe(held[0].order.total);
    },
    SLOW,
  );
});
