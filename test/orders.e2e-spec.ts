import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { availableDatabases, createTestDatabase, eventually, type TestDatabase } from '#common/testing';
import { API_ORDER_REQUIRED } from '#test-support/connector/orders/api-order-required';
import { remoteExample } from '#test-support/connector/products/spec-examples';
import { ListingsConnector, type ActivatedAccount } from './support/listings-connector.js';
import { ListingsSimulator } from './support/listings-simulator.js';
import { OrdersConnector, type OrderDetail } from './support/orders-connector.js';
import { OrdersSimulator, type SellableVariant, type SimulatedInvoice } from './support/orders-simulator.js';
import { startConnector, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';

/**
 * Issue 10 end to end: Marketplacer invoices of a linked seller become ANYMARKET orders and are kept
 * in step, with the real connector and the real simulator (both halves) over HTTP. Every test makes
 * its own invoices; the feeds run on their admin triggers (scheduling is off), and each poll waits
 * until the run ended and no order is left pending, so "no call" is asserted after the work is over.
 */
const databases = await availableDatabases();
const SLOW = 60_000;

/** A decimal amount of ANYMARKET's as integer cents. */
const cents = (value: number | undefined): number => Math.round((value ?? Number.NaN) * 100);

describe.each(databases)('orders end to end on %s', (kind) => {
  let database: TestDatabase;
  let simulator: Listening;
  let connector: ConnectorUnderTest;
  let sim: OrdersSimulator;
  let app: ListingsConnector;
  let orders: OrdersConnector;
  let main: ActivatedAccount;
  /** Another seller, in another ANYMARKET organisation. */
  let other: ActivatedAccount;
  /** A seller with two active accounts of one organisation (for routing). */
  let twoAccounts: { sellerId: string; variants: SellableVariant[] };
  let variants: SellableVariant[];
  let nextVariant = 0;
  const env = { ENCRYPTION_KEY: randomBytes(32).toString('hex'), ANYMARKET_RATE_LIMIT_PER_SECOND: '500', ORDER_RETRY_BASE_MS: '20', ORDER_MAX_ATTEMPTS: '3' };

  beforeAll(async () => {
    simulator = await startSimulator({
      SIMULATOR_SEED_SELLERS: '8',
      SIMULATOR_SEED_ADVERTS: '120',
      SIMULATOR_SEED_INVOICES: '0',
      SIMULATOR_ANYMARKET_RATE_LIMIT_PER_SECOND: '1000',
    });
    sim = new OrdersSimulator(simulator.url);
    const listingsSim = new ListingsSimulator(simulator.url);
    database = await createTestDatabase(kind, tmpdir());
    connector = await startConnector(database.target, simulator.url, env);
    app = new ListingsConnector(connector, listingsSim);
    orders = new OrdersConnector(connector, listingsSim);
    const stocked = await sim.stockedSellers(listingsSim, 3);
    if (stocked.length < 3) throw new Error(`three sellers with stock are needed, the seed has ${stocked.length}`);
    variants = stocked[0].variants;
    twoAccounts = stocked[2];
    main = await app.activate(stocked[0].sellerId, '22449504.', 127, 'e2e-orders-token-main', { initialDateForOrderImport: '2020-01-01' });
    other = await app.activate(stocked[1].sellerId, '33550066.', 128, 'e2e-orders-token-other', { initialDateForOrderImport: '2020-01-01' });
  }, SLOW);

  afterAll(async () => {
    await connector?.close();
    await simulator?.close();
    await database?.drop();
  });

  /** `count` lines of the main seller, one unit each, on variants taken in turn (so no variant runs out). */
  function lines(count: number): Array<{ variantId: string; quantity: number }> {
    return Array.from({ length: count }, () => ({ variantId: variants[nextVariant++ % variants.length].id, quantity: 1 }));
  }

  /** A paid invoice of the main seller (one buyer's order to that seller). */
  async function paidInvoice(lineCount = 1): Promise<SimulatedInvoice> {
    const [invoice] = await sim.buy(lines(lineCount));
    return invoice;
  }

  /** Polls the invoices feed and answers the invoice's order once it settled. */
  async function pollAndSettle(invoice: SimulatedInvoice): Promise<OrderDetail> {
    await orders.pollInvoices();
    return orders.settled(invoice.legacyId);
  }

  const callNames = async (invoice: SimulatedInvoice) => (await sim.orderCalls(String(invoice.legacyId))).map((call) => call.name);
  const violationsOf = async (invoice: SimulatedInvoice) => (await sim.violations()).filter((v) => v.marketPlaceId === String(invoice.legacyId));
  const forcePath = (invoice: SimulatedInvoice, account: ActivatedAccount, oi = account.oi) =>
    `/order/force/${invoice.legacyId}?idAccount=${account.idAccount}&oi=${encodeURIComponent(oi)}`;

  it(
    'turns a paid invoice into one PAID order in ANYMARKET whose amounts match the invoice',
    async () => {
      const [first, second] = lines(2);
      const [invoice] = await sim.buy(
        [
          { ...first, quantity: 2, cents: 3998 },
          { ...second, quantity: 1, cents: 4550 },
        ],
        1590,
      );
      const order = await pollAndSettle(invoice);
      expect(order).toMatchObject({ state: 'synced', anymarketStatus: 'PAID' });

      const held = await sim.heldOrders(String(invoice.legacyId));
      expect(held).toHaveLength(1);
      const posted = held[0].order;
      expect(posted.status).toBe('PAID');
      expect(posted.marketPlaceNumber).toBe(String(invoice.order!.legacyId));
      expect(String(posted.id)).toBe(order.anymarketOrderId);
      // Every amount, in cents, against the invoice as Marketplacer has it.
      const lineTotals = invoice.lineItems.map((line) => line.goodsCents);
      expect(lineTotals).toEqual([3998, 4550]);
      expect(invoice.totalCents).toBe(3998 + 4550 + 1590);
      expect(posted.items).toHaveLength(invoice.lineItems.length);
      invoice.lineItems.forEach((line, index) => {
        const item = posted.items![index];
        expect(item.sku.partnerId).toBe(line.variantSku ?? line.variantId);
        expect(item.amount).toBe(line.quantity);
        expect(cents(item.unit)).toBe(line.itemAmountCents);
        expect(cents(item.gross)).toBe(line.goodsCents);
        expect(cents(item.discount)).toBe(Math.abs(line.discountCents));
        expect(cents(item.total)).toBe(line.goodsCents - Math.abs(line.discountCents));
      });
      expect(cents(posted.productNet)).toBe(lineTotals.reduce((sum, total) => sum + total, 0));
      expect(cents(posted.freight)).toBe(invoice.postageCents);
      expect(cents(posted.discount)).toBe(0);
      expect(cents(posted.interestValue)).toBe(0);
      expect(cents(posted.total)).toBe(invoice.totalCents);
      expect(posted.payments).toHaveLength(1);
      expect(cents(posted.payments![0].value)).toBe(invoice.totalCents);

      expect(await callNames(invoice)).toEqual(['POST /orders']);
      expect(await sim.violations()).toEqual([]);
      // The buyer's address reaches neither ANYMARKET nor the connector's own copy of the invoice.
      expect(JSON.stringify(posted)).not.toContain('ana.compradora');
      expect(JSON.stringify(await orders.detail(order.id))).not.toContain('ana.compradora');
    },
    SLOW,
  );

  describe('status changes in Marketplacer', () => {
    it(
      'ships (PAID → SHIPPED is one markAsShipped with the carrier and tracking), then delivers with one markAsDelivered; neither repeats',
      async () => {
        const invoice = await paidInvoice();
        expect(await pollAndSettle(invoice)).toMatchObject({ state: 'synced', anymarketStatus: 'PAID' });

        await sim.ship(invoice, `TRK-${invoice.legacyId}`);
        const shipped = await sim.invoice(invoice.id);
        expect(shipped.shipments).toHaveLength(1);
        expect(await pollAndSettle(invoice)).toMatchObject({ state: 'synced', anymarketStatus: 'SHIPPED' });
        const calls = await sim.orderCalls(String(invoice.legacyId));
        expect(calls.map((call) => call.name)).toEqual(['POST /orders', 'markAsShipped']);
        const [shipment] = shipped.shipments;
        expect(calls[1].body).toMatchObject({ status: 'SHIPPED', carrier: shipment.carrier, number: `TRK-${invoice.legacyId}` });
        if (shipment.trackingLink) expect(calls[1].body).toMatchObject({ url: shipment.trackingLink });
        await orders.pollInvoices();
        expect(await callNames(invoice)).toEqual(['POST /orders', 'markAsShipped']);

        await sim.collected(invoice);
        expect(await pollAndSettle(invoice)).toMatchObject({ state: 'synced', anymarketStatus: 'DELIVERED' });
        await orders.pollInvoices();
        expect(await callNames(invoice)).toEqual(['POST /orders', 'markAsShipped', 'markAsDelivered']);
        expect((await sim.heldOrders(String(invoice.legacyId)))[0].order.status).toBe('DELIVERED');
        expect(await violationsOf(invoice)).toEqual([]);
      },
      SLOW,
    );

    it(
      'cancels with one markAsCanceled, never repeated',
      async () => {
        const invoice = await paidInvoice();
        await pollAndSettle(invoice);

        await sim.cancel(invoice);
        expect(await pollAndSettle(invoice)).toMatchObject({ state: 'synced', anymarketStatus: 'CANCELED' });
        await orders.pollInvoices();
        expect(await callNames(invoice)).toEqual(['POST /orders', 'markAsCanceled']);
        expect((await sim.heldOrders(String(invoice.legacyId)))[0].order.status).toBe('CANCELED');
        expect(await violationsOf(invoice)).toEqual([]);
      },
      SLOW,
    );

    it(
      'an invoice shipped before it was first read: created PAID, then one markAsShipped',
      async () => {
        const invoice = await paidInvoice();
        await sim.ship(invoice);

        expect(await pollAndSettle(invoice)).toMatchObject({ state: 'synced', anymarketStatus: 'SHIPPED' });
        expect(await callNames(invoice)).toEqual(['POST /orders', 'markAsShipped']);
        expect(((await sim.orderCalls(String(invoice.legacyId)))[0].body as { status: string }).status).toBe('PAID');
      },
      SLOW,
    );
  });

  it(
    'makes no ANYMARKET call on a quiet poll of either feed (nothing changed)',
    async () => {
      const invoice = await paidInvoice();
      await pollAndSettle(invoice);
      const before = (await sim.anymarketCalls()).length;

      await orders.pollInvoices();
      await orders.pollRefunds();
      await orders.pollInvoices();

      expect((await sim.anymarketCalls()).length).toBe(before);
    },
    SLOW,
  );

  it.each([
    ['the connection drops', { afterServe: true }],
    ['a 504 replaces it', { afterServe: true, status: 504 }],
  ])(
    'keeps one order when the answer to POST /orders is lost (%s): the duplicate is adopted with its ANYMARKET id',
    async (_how, fault) => {
      const invoice = await paidInvoice();
      await sim.armFault({ count: 1, method: 'POST', pathPattern: '^/orders$', ...fault });

      const order = await pollAndSettle(invoice);

      const held = await sim.heldOrders(String(invoice.legacyId));
      expect(held).toHaveLength(1);
      expect(order).toMatchObject({ state: 'synced', anymarketStatus: 'PAID', anymarketOrderId: String(held[0].order.id) });
      const posts = await sim.orderCalls(String(invoice.legacyId));
      expect(posts.length).toBeGreaterThanOrEqual(2);
      expect(posts.every((call) => call.name === 'POST /orders')).toBe(true);
      expect(order.timeline.some((event) => event.action === 'POST /orders' && /adopted/.test(event.detail ?? ''))).toBe(true);
      expect(await violationsOf(invoice)).toEqual([]);
    },
    SLOW,
  );

  describe('refunds', () => {
    it(
      'cancels the order once when a refund request gives back the whole invoice',
      async () => {
        const invoice = await paidInvoice(2);
        await pollAndSettle(invoice);

        const request = await sim.requestRefund(
          invoice,
          invoice.lineItems.map((line) => ({ lineItemId: line.id, quantity: line.quantity })),
        );
        expect((await sim.refundInFull(request)).status).toBe('REFUNDED');
        await orders.pollRefunds();

        const order = await orders.settled(invoice.legacyId);
        expect(order).toMatchObject({ state: 'synced', anymarketStatus: 'CANCELED', refunds: 'full' });
        expect(order.refundRequests.map((kept) => kept.id)).toEqual([request.id]);
        // The invoice itself changed too (refunded lines): reading it adds no second cancel.
        await orders.pollInvoices();
        await orders.pollRefunds();
        expect(await callNames(invoice)).toEqual(['POST /orders', 'markAsCanceled']);
        expect(await violationsOf(invoice)).toEqual([]);
      },
      SLOW,
    );

    it(
      'keeps a partial refund on the order for admins, with no ANYMARKET call',
      async () => {
        const invoice = await paidInvoice(2);
        await pollAndSettle(invoice);

        const request = await sim.requestRefund(invoice, [{ lineItemId: invoice.lineItems[0].id, quantity: 1 }]);
        await sim.refundInFull(request);
        await orders.pollRefunds();
        await orders.pollInvoices();

        const order = await orders.settled(invoice.legacyId);
        expect(order).toMatchObject({ state: 'synced', anymarketStatus: 'PAID', refunds: 'partial' });
        expect(order.refundRequests).toHaveLength(1);
        expect(order.refundRequests[0]).toMatchObject({ id: request.id, status: 'REFUNDED' });
        expect(order.refundRequests[0].lines).toEqual([expect.objectContaining({ lineItemId: invoice.lineItems[0].id, quantity: 1 })]);
        expect(await callNames(invoice)).toEqual(['POST /orders']);
      },
      SLOW,
    );
  });

  describe('order remotes (remote_pt.yaml)', () => {
    it(
      'POST /order/force/{id}: 200 true, then the order exists in ANYMARKET',
      async () => {
        const invoice = await paidInvoice();

        const forced = await orders.remote('POST', forcePath(invoice, main), main.oi);
        expect(forced).toEqual({ status: 200, body: true });

        const order = await orders.settled(invoice.legacyId);
        expect(order).toMatchObject({ state: 'synced', anymarketStatus: 'PAID', accountId: main.id });
        expect(await sim.heldOrders(String(invoice.legacyId))).toHaveLength(1);
        expect(await callNames(invoice)).toEqual(['POST /orders']);
      },
      SLOW,
    );

    it(
      "POST /forceImportOrders with the spec's ConfigurationDTO: 200 true, then the seller's PENDING and PAID invoices become orders",
      async () => {
        const [pending] = await sim.order(lines(1), { paid: false });
        const [paid] = await sim.order(lines(1));
        expect(pending.status).toBe('AWAITING_PAYMENT');

        const imported = await orders.remote('POST', `/forceImportOrders?idAccount=${main.idAccount}`, main.oi, remoteExample('POST /forceImportOrders'));
        expect(imported).toEqual({ status: 200, body: true });

        expect(await orders.settled(pending.legacyId)).toMatchObject({ state: 'synced', anymarketStatus: 'PENDING', accountId: main.id });
        expect(await orders.settled(paid.legacyId)).toMatchObject({ state: 'synced', anymarketStatus: 'PAID', accountId: main.id });
        expect((await sim.heldOrders(String(pending.legacyId))).map((held) => held.order.status)).toEqual(['PENDING']);
        expect((await sim.heldOrders(String(paid.legacyId))).map((held) => held.order.status)).toEqual(['PAID']);

        // Paid later in Marketplacer: one markAsPaid.
        await sim.paid(pending);
        expect(await pollAndSettle(pending)).toMatchObject({ state: 'synced', anymarketStatus: 'PAID' });
        expect(await callNames(pending)).toEqual(['POST /orders', 'markAsPaid']);
        expect(await violationsOf(pending)).toEqual([]);
        expect(await violationsOf(paid)).toEqual([]);
      },
      SLOW,
    );

    it(
      'GET /order/{id}: an ApiOrder with the required keys; an unknown order is 404 {code, message}',
      async () => {
        const open = await paidInvoice();
        const cancelled = await paidInvoice();
        await pollAndSettle(cancelled);
        await sim.cancel(cancelled);
        expect(await pollAndSettle(cancelled)).toMatchObject({ anymarketStatus: 'CANCELED' });

        const read = await orders.remote<Record<string, unknown>>('GET', `/order/${open.legacyId}?idAccount=${main.idAccount}`, main.oi);
        expect(read.status).toBe(200);
        for (const key of API_ORDER_REQUIRED) expect(read.body).toHaveProperty(key);
        expect(read.body).toMatchObject({ marketPlaceId: String(open.legacyId), status: 'PAID_WAITING_SHIP', total: open.totalCents / 100 });

        const readCancelled = await orders.remote<Record<string, unknown>>('GET', `/order/${cancelled.legacyId}?idAccount=${main.idAccount}`, main.oi);
        expect(readCancelled.status).toBe(200);
        for (const key of API_ORDER_REQUIRED) expect(readCancelled.body).toHaveProperty(key);
        expect(readCancelled.body).toMatchObject({ status: 'CANCELED' });

        const unknown = await orders.remote<{ code: string; message: string }>('GET', `/order/99999999?idAccount=${main.idAccount}`, main.oi);
        expect(unknown.status).toBe(404);
        expect(unknown.body).toEqual(expect.objectContaining({ code: 'ORDER_NOT_FOUND', message: expect.any(String) }));
      },
      SLOW,
    );

    it(
      'GET /order/{id} of an invoice cancelled before ANYMARKET had it: CANCELED, as the marketplace has it now',
      async () => {
        const invoice = await paidInvoice();
        await sim.cancel(invoice);
        expect(await pollAndSettle(invoice)).toMatchObject({ state: 'skipped', anymarketStatus: null });

        const read = await orders.remote<Record<string, unknown>>('GET', `/order/${invoice.legacyId}?idAccount=${main.idAccount}`, main.oi);
        expect(read.status).toBe(200);
        expect(read.body).toMatchObject({ marketPlaceId: String(invoice.legacyId), status: 'CANCELED' });
        for (const key of API_ORDER_REQUIRED) expect(read.body).toHaveProperty(key);
        expect(await callNames(invoice)).toEqual([]);
      },
      SLOW,
    );

    it(
      "refuses another organisation's token: 404 for an account it does not own, 403 when oi is not the token's",
      async () => {
        const invoice = await paidInvoice();
        const notOwned = { ...main, oi: other.oi };

        const read = await orders.remote<{ code: string }>('GET', `/order/${invoice.legacyId}?idAccount=${main.idAccount}`, other.oi);
        expect(read.status).toBe(404);
        expect(read.body.code).toBe('ANYMARKET_ACCOUNT_NOT_FOUND');
        const forced = await orders.remote<{ code: string }>('POST', forcePath(invoice, notOwned), other.oi);
        expect(forced.status).toBe(404);
        expect(forced.body.code).toBe('ANYMARKET_ACCOUNT_NOT_FOUND');
        const imported = await orders.remote<{ code: string }>(
          'POST',
          `/forceImportOrders?idAccount=${main.idAccount}`,
          other.oi,
          remoteExample('POST /forceImportOrders'),
        );
        expect(imported.status).toBe(404);
        expect(imported.body.code).toBe('ANYMARKET_ACCOUNT_NOT_FOUND');
        const mismatch = await orders.remote<{ code: string; message: string }>('POST', forcePath(invoice, main), other.oi);
        expect(mismatch.status).toBe(403);
        expect(mismatch.body).toEqual(expect.objectContaining({ code: 'ANYMARKET_OI_MISMATCH', message: expect.any(String) }));
        // Its own account, another seller's invoice: no such order of its seller.
        const foreign = await orders.remote<{ code: string }>('GET', `/order/${invoice.legacyId}?idAccount=${other.idAccount}`, other.oi);
        expect(foreign.status).toBe(404);
        expect(foreign.body.code).toBe('ORDER_NOT_FOUND');
        const foreignForce = await orders.remote<{ code: string }>('POST', forcePath(invoice, other), other.oi);
        expect(foreignForce.status).toBe(404);
        expect(foreignForce.body.code).toBe('ORDER_NOT_FOUND');

        expect(await orders.orderOf(invoice.legacyId)).toBeUndefined();
        expect(await callNames(invoice)).toEqual([]);
      },
      SLOW,
    );

    it(
      'routes the order remotes whatever the letter case of the path',
      async () => {
        const invoice = await paidInvoice();

        const forced = await orders.remote('POST', `/ORDER/FORCE/${invoice.legacyId}?idAccount=${main.idAccount}&oi=${encodeURIComponent(main.oi)}`, main.oi);
        expect(forced).toEqual({ status: 200, body: true });
        expect(await orders.settled(invoice.legacyId)).toMatchObject({ state: 'synced', anymarketStatus: 'PAID' });
        const read = await orders.remote<{ marketPlaceId: string }>('GET', `/Order/${invoice.legacyId}?idAccount=${main.idAccount}`, main.oi);
        expect(read.status).toBe(200);
        expect(read.body.marketPlaceId).toBe(String(invoice.legacyId));
        const imported = await orders.remote('POST', `/forceimportorders?idAccount=${main.idAccount}`, main.oi, remoteExample('POST /forceImportOrders'));
        expect(imported).toEqual({ status: 200, body: true });
        expect(await callNames(invoice)).toEqual(['POST /orders']);
      },
      SLOW,
    );
  });

  it(
    'leaves the invoice of a seller with two accounts and no default unrouted, then creates one order once a default is made and it is re-pushed',
    async () => {
      const oi = '44770088.';
      const accountA = { idAccount: 301, token: 'e2e-orders-token-two-a', settings: { accountDefault: false, initialDateForOrderImport: '2020-01-01' } };
      const accountB = { idAccount: 302, token: 'e2e-orders-token-two-b', settings: { accountDefault: false, initialDateForOrderImport: '2020-01-01' } };
      const credentials = await orders.activateAccounts(twoAccounts.sellerId, oi, [accountA, accountB]);
      const [invoice] = await sim.buy([{ variantId: twoAccounts.variants[0].id, quantity: 1 }]);

      await orders.pollInvoices();
      const unrouted = await orders.settled(invoice.legacyId);
      expect(unrouted).toMatchObject({ state: 'unrouted', accountId: null, anymarketStatus: null });
      expect(unrouted.lastError).toMatch(/default/);
      expect((await orders.orders({ state: 'unrouted' })).map((order) => order.id)).toContain(unrouted.id);
      expect(await callNames(invoice)).toEqual([]);

      await orders.saveAccount(oi, credentials, { ...accountA, settings: { ...accountA.settings, accountDefault: true } });
      const repushed = await orders.repush(unrouted.id);
      expect(repushed.status).toBe(202);

      const routed = await orders.settled(invoice.legacyId);
      expect(routed).toMatchObject({ state: 'synced', anymarketStatus: 'PAID' });
      expect(routed.accountId).not.toBeNull();
      const held = await sim.heldOrders(String(invoice.legacyId));
      expect(held).toHaveLength(1);
      expect(held[0].tokenHint).toBe(`…${accountA.token.slice(-4)}`);
      expect(held[0].order.idAccount).toBe(accountA.idAccount);
      expect(await callNames(invoice)).toEqual(['POST /orders']);
    },
    SLOW,
  );

  it(
    "shows an order ANYMARKET refuses for good in error with ANYMARKET's message; /order/force later creates it",
    async () => {
      const invoice = await paidInvoice();
      await sim.armFault({ count: 1, status: 400, method: 'POST', pathPattern: '^/orders$' });

      const failed = await pollAndSettle(invoice);
      expect(failed).toMatchObject({ state: 'error', anymarketStatus: null, anymarketOrderId: null });
      expect(failed.lastError).toContain('Falha simulada.');
      expect(failed.timeline.some((event) => event.outcome === 'failed' && (event.detail ?? '').includes('Falha simulada.'))).toBe(true);
      expect(await sim.heldOrders(String(invoice.legacyId))).toEqual([]);
      expect(await callNames(invoice)).toEqual(['POST /orders']);

      const forced = await orders.remote('POST', forcePath(invoice, main), main.oi);
      expect(forced).toEqual({ status: 200, body: true });
      const created = await eventually(
        () => orders.settled(invoice.legacyId),
        (order) => order.state === 'synced',
        `order ${invoice.legacyId} synced after the force`,
      );
      const held = await sim.heldOrders(String(invoice.legacyId));
      expect(held).toHaveLength(1);
      expect(created).toMatchObject({ anymarketStatus: 'PAID', anymarketOrderId: String(held[0].order.id), lastError: null });
      expect(await callNames(invoice)).toEqual(['POST /orders', 'POST /orders']);
    },
    SLOW,
  );
});
