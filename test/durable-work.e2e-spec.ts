import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseTarget } from '#common';
import { availableDatabases, createTestDatabase, eventually, until, type TestDatabase } from '#common/testing';
import { ANYMARKET_TOKEN_HEADER, signAnymarketToken } from '#anymarket';
import { NFE_PROC_SPEC_EXAMPLE } from '#test-support/connector/orders/nfe-samples';
import type { ActivatedAccount } from './support/listings-connector.js';
import { ListingsSimulator } from './support/listings-simulator.js';
import { OrdersSimulator, type SellableVariant } from './support/orders-simulator.js';
import { activateBeforeTheCrash, forceImportOrders, forceOrder, ordersOf, startConnectorProcess, type ConnectorProcess } from './support/orders-processes.js';
import type { OrderDetail } from './support/orders-connector.js';
import { http, startSimulator, type Listening } from './support/stack.js';
import { webhookEvents, WebhooksSimulator, type WebhookEventView } from './support/webhooks-simulator.js';

/**
 * Nothing a remote answered as accepted is lost by a crash (ADR 0015): each accepted call is made to
 * the built connector (`dist/`), the remote its work needs fails so that the work is in retry, the
 * process is killed with SIGKILL (no shutdown, no drain), and another process on the same database
 * (SQLite: the same file) does the work, once, as the simulator counts it.
 */
const databases = await availableDatabases();
const SLOW = 120_000;
const SIMULATOR_ENV = { SIMULATOR_SEED_SELLERS: '4', SIMULATOR_SEED_ADVERTS: '40', SIMULATOR_SEED_INVOICES: '0' };
/** The key Marketplacer signs its webhooks with, here. */
const WEBHOOK_KEY = 'e2e-durable-webhook-key';
/** The Marketplacer query an Invoice webhook's processing reads the invoice with. */
const INVOICE_READ = 'InvoiceById';
/** The Marketplacer query `/forceImportOrders` reads invoices with. */
const INVOICE_SEARCH = 'InvoicesWhere';

/** Whether a job of `queue` waits for a retry in the database (SQLite: a `work_job` row past its first attempt; Postgres: pg-boss's `retry` state). */
async function aJobInRetry(database: DatabaseTarget, queue: string): Promise<boolean> {
  if (database.type === 'postgres') {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT 1 FROM pgboss.job WHERE name = $1 AND state = 'retry'", [queue]);
      return rows.length > 0;
    } finally {
      await client.end();
    }
  }
  const db = new Database(database.path!, { readonly: true });
  try {
    return db.prepare("SELECT 1 FROM work_job WHERE queue = ? AND state = 'pending' AND attempt > 1").get(queue) !== undefined;
  } finally {
    db.close();
  }
}

/** The state of pg-boss's job `id` (Postgres), or undefined when it has no such job. */
async function pgBossJobState(url: string, id: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ state: string }>('SELECT state FROM pgboss.job WHERE id = $1', [id]);
    return rows[0]?.state;
  } finally {
    await client.end();
  }
}

let simulator: Listening;
let sim: OrdersSimulator;
let listings: ListingsSimulator;
let hooks: WebhooksSimulator;

beforeAll(async () => {
  simulator = await startSimulator(SIMULATOR_ENV);
  sim = new OrdersSimulator(simulator.url);
  listings = new ListingsSimulator(simulator.url);
  hooks = new WebhooksSimulator(simulator.url);
}, SLOW);

afterAll(async () => {
  await simulator?.close();
});

describe.each(databases)('accepted work after a SIGKILL right after the answer, on %s', (kind) => {
  let database: TestDatabase;
  let account: ActivatedAccount;
  let variants: SellableVariant[];
  let dying: ConnectorProcess | undefined;
  let survivor: ConnectorProcess | undefined;
  const env = {
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    SYNC_ENABLED: 'false',
    // Slow enough that the retry a test waits for is still ahead when the process is killed.
    ORDER_RETRY_BASE_MS: '2000',
    ORDER_RUN_EXPIRY_MS: '3000',
    ANYMARKET_MAX_ATTEMPTS: '1',
    MARKETPLACER_RETRY_BASE_MS: '1',
    WORK_MAINTENANCE_INTERVAL_MS: '1000',
    WORK_POLL_INTERVAL_MS: '500',
    SHIPMENT_CARRIER_MAP: JSON.stringify({ Jadlog: 'StarTrack' }),
    // A sync run's lease outlives its dead process by a second at most.
    SYNC_LEASE_MS: '1000',
    // A feed run that ended well is not due again within a test.
    SYNC_INVOICES_INTERVAL_MS: '600000',
    MARKETPLACER_WEBHOOK_HMAC_KEYS: WEBHOOK_KEY,
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind, tmpdir());
    // Each database's account is an ANYMARKET seller of its own (token, oi), so its orders are told apart.
    const index = databases.indexOf(kind);
    const [seller] = await sim.stockedSellers(listings, 2);
    variants = seller.variants;
    account = await activateBeforeTheCrash(database.target, simulator.url, env, listings, {
      sellerId: seller.sellerId,
      oi: `2244960${index}.`,
      idAccount: 910 + index,
      token: `e2e-durable-${kind}`,
    });
  }, SLOW);

  afterEach(async () => {
    await dying?.kill();
    await survivor?.stop();
    dying = undefined;
    survivor = undefined;
    await sim.control('DELETE', '/_control/marketplacer/faults');
    await hooks.configure({ enabled: false });
  }, SLOW);

  afterAll(async () => {
    await database?.drop();
  });

  /** Another connector on the same database picks the work up; resolves once ANYMARKET holds the order of `marketPlaceId`. */
  async function survivorMakes(marketPlaceId: string): Promise<void> {
    survivor = await startConnectorProcess(database.target, simulator.url, env, SLOW);
    await until(async () => (await sim.heldOrders(marketPlaceId)).length > 0, `ANYMARKET to hold the order of invoice ${marketPlaceId}`, 60_000);
  }

  /** The order's ANYMARKET change as the admin API shows it (null before one arrived). */
  async function anymarketUpdateOf(at: ConnectorProcess, orderId: number) {
    const detail = await http<OrderDetail & { anymarketUpdate: { lastError: string | null } | null }>(`${at.url}/admin/orders/${orderId}`, {
      headers: at.admin,
    });
    return detail.body.anymarketUpdate;
  }

  /** A new invoice whose order ANYMARKET holds (synced by `/order/force` on `connector`). */
  async function syncedOrder(connector: ConnectorProcess, variant: SellableVariant) {
    const [invoice] = await sim.buy([{ variantId: variant.id, quantity: 1 }]);
    const marketPlaceId = String(invoice.legacyId);
    expect((await forceOrder(connector, account, marketPlaceId)).status).toBe(200);
    await until(
      async () => (await ordersOf(connector, account.id)).some((order) => order.marketPlaceId === marketPlaceId && order.state === 'synced'),
      `the order of ${marketPlaceId} in ANYMARKET`,
    );
    const order = (await ordersOf(connector, account.id)).find((found) => found.marketPlaceId === marketPlaceId)!;
    return { invoice, marketPlaceId, order };
  }

  /** ANYMARKET holds one order of the invoice, made by one successful create, and saw no broken rule. */
  async function madeOnce(marketPlaceId: string): Promise<void> {
    expect(await sim.heldOrders(marketPlaceId)).toHaveLength(1);
    const creates = (await sim.orderCalls(marketPlaceId)).filter((call) => call.name === 'POST /orders');
    expect(creates.filter((call) => call.status !== undefined && call.status >= 200 && call.status < 300)).toHaveLength(1);
    expect(await sim.violations()).toEqual([]);
  }

  it(
    '/forceImportOrders answered 200 while Marketplacer fails: the import, in retry when the process died, runs after the restart',
    async () => {
      const [invoice] = await sim.buy([{ variantId: variants[0].id, quantity: 1 }]);
      const marketPlaceId = String(invoice.legacyId);
      await sim.control('PUT', '/_control/marketplacer/faults', { failNextRequests: { count: 1_000, status: 503, operationName: INVOICE_SEARCH } });
      dying = await startConnectorProcess(database.target, simulator.url, env, SLOW);

      const answer = await forceImportOrders(dying, account, '2020-01-01');
      expect(answer).toMatchObject({ status: 200, body: true });
      await until(() => aJobInRetry(database.target, 'order-imports'), 'the import to wait for its retry');
      await dying.kill();
      expect(await sim.heldOrders(marketPlaceId)).toEqual([]);

      await sim.control('DELETE', '/_control/marketplacer/faults');
      await survivorMakes(marketPlaceId);

      await madeOnce(marketPlaceId);
      // The import took the seller's other invoices too (the other database's tests bought them): they
      // settle here, so that no order work is left for the next test's process.
      const connector = survivor!;
      await until(async () => (await ordersOf(connector, account.id)).every((order) => order.state !== 'pending'), 'every imported order to settle', 60_000);
    },
    SLOW,
  );

  it(
    '/order/force answered 200 while ANYMARKET fails the create: the order, in retry when the process died, is made once after the restart',
    async () => {
      const [invoice] = await sim.buy([{ variantId: variants[1].id, quantity: 1 }]);
      const marketPlaceId = String(invoice.legacyId);
      // Every create fails until three have: the process dies with the order waiting for a retry.
      await sim.armFault({ count: 3, status: 500, method: 'POST', pathPattern: '^/orders$' });
      dying = await startConnectorProcess(database.target, simulator.url, env, SLOW);

      const answer = await forceOrder(dying, account, marketPlaceId);
      expect(answer.status).toBe(200);
      const connector = dying;
      await until(
        async () =>
          (await ordersOf(connector, account.id)).some(
            (order) => order.marketPlaceId === marketPlaceId && order.state === 'pending' && order.lastError !== null,
          ),
        'the order to wait for its retry',
      );
      await dying.kill();
      expect(await sim.heldOrders(marketPlaceId)).toEqual([]);

      await survivorMakes(marketPlaceId);

      await madeOnce(marketPlaceId);
    },
    SLOW,
  );

  it(
    'updateOrderStatusInMarketPlace (SHIPPED) answered 200 while ANYMARKET fails the read-back: the update, in retry when the process died, makes one shipment after the restart',
    async () => {
      dying = await startConnectorProcess(database.target, simulator.url, env, SLOW);
      const connector = dying;
      const { invoice, marketPlaceId, order } = await syncedOrder(connector, variants[0]);
      const { orderId, oldStatus } = await sim.sellerChange(marketPlaceId, {
        status: 'SHIPPED',
        invoice: { number: '1234', series: '1', accessKey: '41190908328657000194550015624654251041433087', date: '2026-11-20T10:00:00-03:00' },
        tracking: { carrier: 'Jadlog', number: 'JD-CRASH', url: 'https://jadlog.example/JD-CRASH', shippedDate: '2026-11-26T09:00:00-03:00' },
      });
      // Every read of the order back fails until three have: the process dies with the update waiting for a retry.
      await sim.armFault({ count: 3, status: 500, method: 'GET', pathPattern: '^/orders/\\d+$' });

      const answer = await http(`${connector.url}/order/updateOrderStatusInMarketPlace`, {
        method: 'PUT',
        headers: { [ANYMARKET_TOKEN_HEADER]: signAnymarketToken({ oi: account.oi }) },
        body: { orderId, idInMarketplace: marketPlaceId, oldStatus, currentStatus: 'SHIPPED' },
      });
      expect(answer).toEqual({ status: 200, body: true });
      const updateOf = (at: ConnectorProcess) => anymarketUpdateOf(at, order.id);
      await until(async () => {
        const update = await updateOf(connector);
        return update?.state === 'pending' && update.lastError !== null;
      }, 'the update to wait for its retry');
      await dying.kill();
      expect((await sim.invoice(invoice.id)).shipments).toEqual([]);

      survivor = await startConnectorProcess(database.target, simulator.url, env, SLOW);
      const next = survivor;
      await until(async () => (await updateOf(next))?.state === 'reported', 'the update to be applied and reported', 60_000);

      expect(await updateOf(next)).toMatchObject({ state: 'reported', reportedSuccess: true });
      const shipments = (await sim.invoice(invoice.id)).shipments;
      expect(shipments).toEqual([expect.objectContaining({ carrier: 'StarTrack', trackingNumber: 'JD-CRASH' })]);
      expect(await sim.violations()).toEqual([]);
    },
    SLOW,
  );

  it(
    'the NF-e XML of a SHIPPED order answered 200 while ANYMARKET fails the read-back: the document, in retry when the process died, travels in one shipment after the restart',
    async () => {
      dying = await startConnectorProcess(database.target, simulator.url, env, SLOW);
      const connector = dying;
      const { invoice, marketPlaceId, order } = await syncedOrder(connector, variants[1]);
      // SHIPPED in ANYMARKET with no invoice data: the NF-e comes as the XML only.
      await sim.sellerChange(marketPlaceId, {
        status: 'SHIPPED',
        tracking: { carrier: 'Jadlog', number: 'JD-NFE', url: 'https://jadlog.example/JD-NFE', shippedDate: '2026-11-26T09:00:00-03:00' },
      });
      await sim.armFault({ count: 3, status: 500, method: 'GET', pathPattern: '^/orders/\\d+$' });

      const answer = await fetch(`${connector.url}/order/${marketPlaceId}/invoice/document?idAccount=${account.idAccount}`, {
        method: 'PUT',
        headers: { [ANYMARKET_TOKEN_HEADER]: signAnymarketToken({ oi: account.oi }), 'content-type': 'application/xml' },
        body: NFE_PROC_SPEC_EXAMPLE,
      });
      expect({ status: answer.status, body: await answer.text() }).toEqual({ status: 200, body: 'true' });
      await until(async () => {
        const update = await anymarketUpdateOf(connector, order.id);
        return update?.state === 'pending' && update.lastError !== null;
      }, 'the NF-e to wait for its retry');
      await dying.kill();
      expect((await sim.invoice(invoice.id)).shipments).toEqual([]);

      survivor = await startConnectorProcess(database.target, simulator.url, env, SLOW);
      const next = survivor;
      await until(async () => (await anymarketUpdateOf(next, order.id))?.state === 'reported', 'the NF-e to be applied and reported', 60_000);

      expect(await anymarketUpdateOf(next, order.id)).toMatchObject({
        state: 'reported',
        reportedSuccess: true,
        invoiceDocument: expect.objectContaining({ accessKey: '41190908328657000194550015624654251041433087' }),
      });
      expect((await sim.invoice(invoice.id)).shipments).toEqual([
        expect.objectContaining({ trackingNumber: 'JD-NFE', note: expect.stringContaining('key 41190908328657000194550015624654251041433087') }),
      ]);
      expect(await sim.violations()).toEqual([]);
    },
    SLOW,
  );

  it(
    'an admin replay of a failed Invoice webhook event answered 202 while Marketplacer fails: the event, in retry when the process died, is processed after the restart and makes one order',
    async () => {
      /** The event's row as the admin API shows it. */
      const eventOf = async (at: ConnectorProcess, id: number) =>
        (await http<WebhookEventView>(`${at.url}/admin/webhooks/events/${id}`, { headers: at.admin })).body;
      // A first process fails the event at its first failed read (no retries); it then stops normally.
      dying = await startConnectorProcess(database.target, simulator.url, { ...env, WEBHOOK_MAX_RETRIES: '0' }, SLOW);
      const first = dying;
      await sim.control('PUT', '/_control/marketplacer/faults', { failNextRequests: { count: 1_000, status: 503, operationName: INVOICE_READ } });
      await hooks.configure({ url: `${first.url}/webhooks/marketplacer`, hmacKey: WEBHOOK_KEY, enabled: true });
      const [invoice] = await sim.buy([{ variantId: variants[0].id, quantity: 1 }]);
      const marketPlaceId = String(invoice.legacyId);
      // The invoice's creation and its update may both be delivered: every delivery made and every event settled,
      // the newest event is the one replayed (an older one would be skipped as superseded by it).
      await hooks.settled();
      const settled = await eventually(
        () => webhookEvents(first, `&type=Invoice&objectId=${encodeURIComponent(invoice.id)}`),
        (found) => found.length > 0 && found.every((event) => event.state !== 'received'),
        'the Invoice events to settle',
      );
      const failed = settled.reduce((newest, event) => ((event.sequence ?? 0) > (newest.sequence ?? 0) ? event : newest));
      expect(failed.state).toBe('failed');
      await hooks.configure({ enabled: false });
      await first.stop();

      // The process that replays it retries (WEBHOOK_MAX_RETRIES' default): Marketplacer still fails, so the event waits for its retry.
      dying = await startConnectorProcess(database.target, simulator.url, env, SLOW);
      const connector = dying;
      const answer = await http(`${connector.url}/admin/webhooks/events/${failed.id}/replay`, { method: 'POST', headers: connector.admin });
      expect(answer).toMatchObject({ status: 202, body: { id: failed.id, state: 'received' } });
      await eventually(
        () => eventOf(connector, failed.id),
        (event) => event.state === 'received' && event.attempts > failed.attempts,
        'the replayed event to wait for its retry',
      );
      await dying.kill();
      expect(await sim.heldOrders(marketPlaceId)).toEqual([]);

      await sim.control('DELETE', '/_control/marketplacer/faults');
      await survivorMakes(marketPlaceId);

      await madeOnce(marketPlaceId);
      const next = survivor!;
      await until(async () => (await eventOf(next, failed.id)).state === 'processed', 'the replayed event to be processed');
      // The invoice's other event (its creation, superseded by this update) was ignored: one processing made the order.
      const processed = (await webhookEvents(next, `&type=Invoice&objectId=${encodeURIComponent(invoice.id)}`)).filter((event) => event.state === 'processed');
      expect(processed.map((event) => event.id)).toEqual([failed.id]);
    },
    SLOW,
  );

  it(
    'an admin retry of a failed import answered 200 while Marketplacer is slow, the process died mid-run: on SQLite the import runs after the restart and makes one order',
    async () => {
      const failedImports = async (at: ConnectorProcess) =>
        (await http<Array<{ id: string }>>(`${at.url}/admin/work/failed?queue=order-imports`, { headers: at.admin })).body;
      // A first process spends every attempt of an import at once (a 1 ms back-off) while Marketplacer fails; it then stops normally.
      dying = await startConnectorProcess(database.target, simulator.url, { ...env, ORDER_RETRY_BASE_MS: '1' }, SLOW);
      const first = dying;
      const [invoice] = await sim.buy([{ variantId: variants[1].id, quantity: 1 }]);
      const marketPlaceId = String(invoice.legacyId);
      await sim.control('PUT', '/_control/marketplacer/faults', { failNextRequests: { count: 1_000, status: 503, operationName: INVOICE_SEARCH } });
      expect(await forceImportOrders(first, account, '2020-01-01')).toMatchObject({ status: 200, body: true });
      let failed: Array<{ id: string }> = [];
      await until(async () => (failed = await failedImports(first)).length === 1, 'the import to fail for good', 60_000);
      await first.stop();

      // Marketplacer answers slowly: the run the retry starts is still reading when the process dies.
      await sim.control('PUT', '/_control/marketplacer/faults', { latencyMs: 30_000 });
      dying = await startConnectorProcess(database.target, simulator.url, env, SLOW);
      const connector = dying;
      expect(await http(`${connector.url}/admin/work/failed/${failed[0].id}/retry`, { method: 'POST', headers: connector.admin })).toEqual({
        status: 200,
        body: { id: failed[0].id, retried: true },
      });
      if (database.target.type === 'postgres') {
        // pg-boss gives a retried job one more attempt; a run killed mid-way is only seen dead at its
        // expiry (an hour for imports), and that attempt is then spent: the job is failed again, for an
        // admin to retry. So on Postgres the test stops at what the answer promises: the job is queued.
        expect(['retry', 'active']).toContain(await pgBossJobState(database.target.url, failed[0].id));
        return;
      }
      await dying.kill();
      await sim.control('DELETE', '/_control/marketplacer/faults');
      expect(await sim.heldOrders(marketPlaceId)).toEqual([]);

      await survivorMakes(marketPlaceId);

      await madeOnce(marketPlaceId);
      expect(await failedImports(survivor!)).toEqual([]);
      const next = survivor!;
      await until(async () => (await ordersOf(next, account.id)).every((order) => order.state !== 'pending'), 'every imported order to settle', 60_000);
    },
    SLOW,
  );

  it(
    'an admin "run now" of the invoices feed answered 202, the process died mid-run: the next process runs the feed, and the new invoice becomes one order',
    async () => {
      dying = await startConnectorProcess(database.target, simulator.url, env, SLOW);
      const connector = dying;
      const run = `${connector.url}/admin/sync/jobs/invoices/run`;
      // A run that ends well first: the feed is not due again before SYNC_INVOICES_INTERVAL_MS.
      expect(await http(`${run}?wait=true`, { method: 'POST', headers: connector.admin })).toMatchObject({ status: 200, body: { outcome: 'succeeded' } });
      const [invoice] = await sim.buy([{ variantId: variants[1].id, quantity: 1 }]);
      const marketPlaceId = String(invoice.legacyId);
      // Marketplacer answers slowly: the run the trigger starts is still reading when the process dies.
      await sim.control('PUT', '/_control/marketplacer/faults', { latencyMs: 30_000 });

      expect(await http(run, { method: 'POST', headers: connector.admin })).toMatchObject({ status: 202, body: { outcome: 'running' } });
      await dying.kill();
      await sim.control('DELETE', '/_control/marketplacer/faults');
      expect(await sim.heldOrders(marketPlaceId)).toEqual([]);

      // Scheduled sync on: the pair is due (the trigger said so), its lease expires, a tick runs it.
      survivor = await startConnectorProcess(database.target, simulator.url, { ...env, SYNC_ENABLED: 'true' }, SLOW);
      await until(async () => (await sim.heldOrders(marketPlaceId)).length > 0, `ANYMARKET to hold the order of invoice ${marketPlaceId}`, 45_000);

      await madeOnce(marketPlaceId);
    },
    SLOW,
  );
});
