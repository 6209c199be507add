import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { availableDatabases, createTestDatabase, eventually, until, type TestDatabase } from '#common/testing';
import { ListingsConnector, type ActivatedAccount } from './support/listings-connector.js';
import { ListingsSimulator } from './support/listings-simulator.js';
import { OrdersSimulator, type HeldOrder, type SellableVariant } from './support/orders-simulator.js';
import {
  activateBeforeTheCrash,
  forceImportOrders,
  forceOrder,
  holdOrderRow,
  orderOfInvoice,
  ordersOf,
  startConnectorProcess,
  timelineOf,
  type ConnectorProcess,
  type OrderView,
} from './support/orders-processes.js';
import { http, startConnector, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';

/**
 * Exactly one ANYMARKET order per Marketplacer invoice when connector processes die or run side by
 * side. The processes are the built connector (`dist/`), killed with SIGKILL (no shutdown, no drain).
 * A create whose answer never reached the database is sent again by whoever picks the order up, and
 * ANYMARKET's "Já existe um pedido com id" makes the repeat adopt the order instead of making a second.
 */
const databases = await availableDatabases();
const SLOW = 120_000;
/** How long the simulated ANYMARKET keeps the doomed create waiting before serving it. */
const CREATE_DELAY_MS = 3_000;
const SIMULATOR_ENV = { SIMULATOR_SEED_SELLERS: '4', SIMULATOR_SEED_ADVERTS: '40', SIMULATOR_SEED_INVOICES: '0' };

interface AnymarketCall {
  at: string;
  method: string;
  path: string;
  body: { marketPlaceId?: string } | null;
  status?: number;
}

/** The simulated ANYMARKET's creates of one order (`POST /orders` with that marketPlaceId), oldest first. */
async function createsOf(sim: OrdersSimulator, marketPlaceId: string): Promise<AnymarketCall[]> {
  const calls = (await sim.anymarketCalls()) as AnymarketCall[];
  return calls.filter((call) => call.method === 'POST' && call.path.endsWith('/orders') && call.body?.marketPlaceId === marketPlaceId);
}

const succeeded = (call: AnymarketCall) => call.status !== undefined && call.status >= 200 && call.status < 300;

async function heldWith(sim: OrdersSimulator, marketPlaceId: string): Promise<HeldOrder[]> {
  return (await sim.anymarketOrders()).filter((held) => held.order.marketPlaceId === marketPlaceId);
}

async function violations(sim: OrdersSimulator): Promise<unknown[]> {
  return (await sim.control<{ violations: unknown[] }>('GET', '/_control/anymarket/violations')).violations;
}

/** Runs the invoices poll now (admin trigger) and waits for it to end; the order work it queued goes on in the background. */
async function runInvoicesPoll(connector: Pick<ConnectorProcess, 'url' | 'admin'>): Promise<void> {
  const ran = await http<{ outcome: string }>(`${connector.url}/admin/sync/jobs/invoices/run?wait=true`, {
    method: 'POST',
    headers: connector.admin,
  });
  expect(ran).toMatchObject({ status: 200, body: { outcome: 'succeeded' } });
}

describe.each(databases)('a connector killed between the create and its commit, on %s', (kind) => {
  let database: TestDatabase;
  let simulator: Listening;
  let sim: OrdersSimulator;
  let account: ActivatedAccount;
  let variants: SellableVariant[];
  let dying: ConnectorProcess | undefined;
  let survivor: ConnectorUnderTest | undefined;
  const env = {
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    SYNC_ENABLED: 'false',
    ORDER_RETRY_BASE_MS: '20',
    ORDER_RUN_EXPIRY_MS: '3000',
    WORK_MAINTENANCE_INTERVAL_MS: '1000',
    WORK_POLL_INTERVAL_MS: '500',
  };

  beforeAll(async () => {
    simulator = await startSimulator(SIMULATOR_ENV);
    sim = new OrdersSimulator(simulator.url);
    const listings = new ListingsSimulator(simulator.url);
    database = await createTestDatabase(kind, tmpdir());
    const [seller] = await sim.stockedSellers(listings, 2);
    variants = seller.variants;
    account = await activateBeforeTheCrash(database.target, simulator.url, env, listings, {
      sellerId: seller.sellerId,
      oi: '22449599.',
      idAccount: 902,
      token: 'e2e-orders-crash-token',
    });
  }, SLOW);

  afterEach(async () => {
    await dying?.kill();
    await survivor?.close();
    dying = undefined;
    survivor = undefined;
  }, SLOW);

  afterAll(async () => {
    await simulator?.close();
    await database?.drop();
  });

  /** Buys one unit of `variant` (a paid invoice), arms the delay on the next create, and starts a process that polls it. */
  async function aCreateInFlight(variant: SellableVariant): Promise<{ marketPlaceId: string; order: OrderView }> {
    const [invoice] = await sim.buy([{ variantId: variant.id, quantity: 1 }]);
    const marketPlaceId = String(invoice.legacyId);
    await sim.control('POST', '/_control/anymarket/faults', { count: 1, method: 'POST', pathPattern: '^/orders$', delayMs: CREATE_DELAY_MS });
    dying = await startConnectorProcess(database.target, simulator.url, env, SLOW);
    // The poll ends before the hold below is taken: only the order's own writes are ever held.
    await runInvoicesPoll(dying);
    const order = await orderOfInvoice(dying, account.id, marketPlaceId);
    await until(async () => (await createsOf(sim, marketPlaceId)).length === 1, `the create of ${marketPlaceId} to reach ANYMARKET`);
    return { marketPlaceId, order };
  }

  /** Another connector on the same database (SQLite: the same file) picks the order up; resolves with it settled. */
  async function survivorSettles(marketPlaceId: string): Promise<OrderView> {
    survivor = await startConnector(database.target, simulator.url, env);
    const connector = survivor;
    const settled = await eventually(
      async () => (await ordersOf(connector, account.id)).find((order) => order.marketPlaceId === marketPlaceId),
      (order) => order !== undefined && order.state !== 'pending',
      `order ${marketPlaceId} settled by the survivor`,
      60_000,
    );
    return settled!;
  }

  it(
    'ANYMARKET made the order and answered, the process died before committing: the next process adopts it, one order',
    async () => {
      const { marketPlaceId, order } = await aCreateInFlight(variants[0]);
      // The order's next write waits behind this hold: the create's answer can arrive, but not be committed.
      const hold = await holdOrderRow(database.target, order.id);
      try {
        await until(async () => (await createsOf(sim, marketPlaceId)).some(succeeded), `ANYMARKET to serve the create of ${marketPlaceId}`);
        if (kind === 'postgres') await until(async () => (await hold.waiting())! > 0, 'the connector to be writing the answer');
        await dying!.kill();
        expect(await heldWith(sim, marketPlaceId)).toHaveLength(1);
        expect(await hold.read()).toMatchObject({ state: 'pending', anymarketOrderId: null, anymarketStatus: null });
      } finally {
        await hold.release();
      }

      const settled = await survivorSettles(marketPlaceId);

      const held = await heldWith(sim, marketPlaceId);
      expect(held).toHaveLength(1);
      expect(settled).toMatchObject({ state: 'synced', anymarketStatus: 'PAID', anymarketOrderId: String(held[0].order.id) });
      const creates = await createsOf(sim, marketPlaceId);
      expect(creates.filter(succeeded)).toHaveLength(1);
      expect(creates.length).toBeGreaterThanOrEqual(2);
      expect(await timelineOf(survivor!, settled.id)).toContainEqual(
        expect.objectContaining({ action: 'POST /orders', outcome: 'ok', detail: expect.stringContaining('adopted') }),
      );
      expect(await violations(sim)).toEqual([]);
    },
    SLOW,
  );

  it(
    'the process died while its create waited in ANYMARKET: the next process makes the order, one order',
    async () => {
      const { marketPlaceId } = await aCreateInFlight(variants[1]);
      // The simulator drops a delayed call whose caller hung up, so this create is never carried out.
      await dying!.kill();

      const settled = await survivorSettles(marketPlaceId);

      const held = await heldWith(sim, marketPlaceId);
      expect(held).toHaveLength(1);
      expect(settled).toMatchObject({ state: 'synced', anymarketStatus: 'PAID', anymarketOrderId: String(held[0].order.id) });
      expect((await createsOf(sim, marketPlaceId)).filter(succeeded)).toHaveLength(1);
      expect(await violations(sim)).toEqual([]);
    },
    SLOW,
  );
});

/** Paid invoices made at once, each polled by two processes while a force and an import ask for them too. */
const INVOICES = 30;

(databases.includes('postgres') ? describe : describe.skip)('two connector processes on one Postgres racing for the same invoices', () => {
  let database: TestDatabase;
  let simulator: Listening;
  let sim: OrdersSimulator;
  const processes: ConnectorProcess[] = [];
  const env = {
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    SYNC_ENABLED: 'true',
    SYNC_INVOICES_INTERVAL_MS: '1000',
    WORK_MAINTENANCE_INTERVAL_MS: '1000',
    WORK_POLL_INTERVAL_MS: '500',
  };

  beforeAll(async () => {
    // ANYMARKET's own limit on both sides (10 a second per token): the two processes share one budget.
    simulator = await startSimulator({ ...SIMULATOR_ENV, SIMULATOR_ANYMARKET_RATE_LIMIT_PER_SECOND: '10' });
    sim = new OrdersSimulator(simulator.url);
    database = await createTestDatabase('postgres', tmpdir());
    const started = await Promise.all(
      [0, 1].map(() => startConnectorProcess(database.target, simulator.url, { ...env, ANYMARKET_RATE_LIMIT_PER_SECOND: '10' }, SLOW)),
    );
    processes.push(...started);
  }, SLOW);

  afterAll(async () => {
    await Promise.all(processes.splice(0).map((connector) => connector.stop()));
    await simulator?.close();
    await database?.drop();
  }, SLOW);

  it(
    'turns each invoice into exactly one ANYMARKET order, waits out any 429, and breaks no contract',
    async () => {
      const [first, second] = processes;
      const listings = new ListingsSimulator(simulator.url);
      const [seller] = await sim.stockedSellers(listings, 1);
      const [variant] = seller.variants;
      // Stock for every order (the seed has at most 39 of a variant).
      await listings.editVariant(variant.id, { countOnHand: 10 * INVOICES });
      const account = await new ListingsConnector(first as unknown as ConnectorUnderTest, listings).activate(
        seller.sellerId,
        '22449598.',
        903,
        'e2e-orders-replicas-token',
        { initialDateForOrderImport: '2020-01-01' },
      );

      const made = await sim.control<{ orders: Array<{ invoices: Array<{ legacyId: number }> }> }>('POST', '/_control/marketplacer/orders', {
        lines: [{ variantId: variant.id, quantity: 1 }],
        count: INVOICES,
      });
      const marketPlaceIds = made.orders.flatMap((order) => order.invoices.map((invoice) => String(invoice.legacyId)));
      expect(marketPlaceIds).toHaveLength(INVOICES);
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      // Both feeds poll every second; ANYMARKET forces one order on one process and imports all on the other.
      const [forced, imported] = await Promise.all([forceOrder(second, account, marketPlaceIds[0]), forceImportOrders(first, account, yesterday)]);
      expect(forced).toEqual({ status: 200, body: true });
      expect(imported).toEqual({ status: 200, body: true });

      const ours = new Set(marketPlaceIds);
      const orders = await eventually(
        async () => (await ordersOf(second, account.id)).filter((order) => ours.has(order.marketPlaceId)),
        (found) => found.length === INVOICES && found.every((order) => order.state === 'synced'),
        `all ${INVOICES} orders synced`,
        90_000,
      );
      await workIdle(database, ['orders', 'order-imports']);

      const held = (await sim.anymarketOrders()).filter((order) => ours.has(order.order.marketPlaceId));
      expect(held).toHaveLength(INVOICES);
      expect(new Set(held.map((order) => order.order.marketPlaceId)).size).toBe(INVOICES);
      const anymarketIds = new Map(held.map((order) => [order.order.marketPlaceId, String(order.order.id)]));
      expect(orders.filter((order) => order.anymarketOrderId !== anymarketIds.get(order.marketPlaceId))).toEqual([]);
      const calls = (await sim.anymarketCalls()) as AnymarketCall[];
      const creates = calls.filter((call) => call.method === 'POST' && call.path.endsWith('/orders') && succeeded(call));
      expect(creates.map((call) => call.body?.marketPlaceId).sort()).toEqual([...marketPlaceIds].sort());
      // A 429 may happen when a busy machine delays one request past the budget's 50 ms margin and
      // the next is sent on time (ANYMARKET counts arrivals): what must hold is that it was waited out
      // and sent again, so each refused create is one of the creates above. The budget's bound itself
      // is proven without time (budget-plan.spec.ts) and measured with it (`npm run bench -- orders`).
      const refused = calls.filter((call) => call.method === 'POST' && call.path.endsWith('/orders') && call.status === 429);
      expect(refused.filter((call) => !creates.some((create) => create.body?.marketPlaceId === call.body?.marketPlaceId && create.at > call.at))).toEqual([]);
      expect(await violations(sim)).toEqual([]);
      // The force and the import did take part.
      const forcedOrder = orders.find((order) => order.marketPlaceId === marketPlaceIds[0])!;
      expect(await timelineOf(first, forcedOrder.id)).toContainEqual(expect.objectContaining({ source: 'remote', action: 'force' }));
      expect(await completedJobs(database, 'order-imports')).toBe(1);
    },
    SLOW,
  );
});

/** Waits until pg-boss holds no waiting, due or running job on `queues`. */
async function workIdle(database: TestDatabase, queues: string[]): Promise<void> {
  await until(async () => (await pgbossCount(database, `name = ANY($1) AND state < 'completed'`, [queues])) === 0, `no ${queues.join('/')} work left`, 60_000);
}

async function completedJobs(database: TestDatabase, queue: string): Promise<number> {
  return pgbossCount(database, `name = $1 AND state = 'completed'`, [queue]);
}

async function pgbossCount(database: TestDatabase, where: string, params: unknown[]): Promise<number> {
  if (database.target.type !== 'postgres') throw new Error('pg-boss runs on Postgres only');
  const client = new pg.Client({ connectionString: database.target.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(`SELECT count(*) AS count FROM pgboss.job WHERE ${where}`, params);
    return Number(rows[0].count);
  } finally {
    await client.end();
  }
}
