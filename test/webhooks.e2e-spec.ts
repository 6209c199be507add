import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { availableDatabases, createTestDatabase, eventually, type TestDatabase } from '#common/testing';
import { ListingsConnector, type ActivatedAccount } from './support/listings-connector.js';
import { ListingsSimulator } from './support/listings-simulator.js';
import { OrdersConnector } from './support/orders-connector.js';
import { OrdersSimulator, type SellableVariant, type SimulatedInvoice } from './support/orders-simulator.js';
import { http, startConnector, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';
import { signature, webhookEvents, WebhooksSimulator, type SimulatedDelivery, type WebhookEventView } from './support/webhooks-simulator.js';

/**
 * Issue 13 end to end: the simulated Marketplacer delivers its webhooks (signed, sequenced, retried)
 * to the real connector over HTTP. Scheduling is off: nothing but a delivery (or an admin's trigger)
 * makes the connector read Marketplacer, so "reached ANYMARKET without a poll" is what it says.
 */
const databases = await availableDatabases();
const SLOW = 90_000;
const OLD_KEY = 'e2e-webhook-key-old';
const NEW_KEY = 'e2e-webhook-key-new';
const PUBLISHED = resolve(process.cwd(), '../shared/marketplacer/webhooks');

/** A local endpoint that answers every delivery 200 and keeps nothing: the simulator's deliveries are then replayed from its log. */
async function startSink(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, close: () => new Promise<void>((closed) => server.close(() => closed())) };
}

describe.each(databases)('Marketplacer webhooks end to end on %s', (kind) => {
  let database: TestDatabase;
  let simulator: Listening;
  let connector: ConnectorUnderTest;
  let hooks: WebhooksSimulator;
  let sim: OrdersSimulator;
  let listingsSim: ListingsSimulator;
  let app: ListingsConnector;
  let orders: OrdersConnector;
  let main: ActivatedAccount;
  let variants: SellableVariant[];
  let nextVariant = 0;

  beforeAll(async () => {
    simulator = await startSimulator({
      SIMULATOR_SEED_SELLERS: '8',
      SIMULATOR_SEED_ADVERTS: '80',
      SIMULATOR_SEED_INVOICES: '0',
      SIMULATOR_ANYMARKET_RATE_LIMIT_PER_SECOND: '1000',
      SIMULATOR_WEBHOOK_RETRY_BASE_MS: '100',
    });
    hooks = new WebhooksSimulator(simulator.url);
    sim = new OrdersSimulator(simulator.url);
    listingsSim = new ListingsSimulator(simulator.url);
    database = await createTestDatabase(kind, tmpdir());
    connector = await startConnector(database.target, simulator.url, {
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      ANYMARKET_RATE_LIMIT_PER_SECOND: '500',
      MARKETPLACER_WEBHOOK_HMAC_KEYS: `${OLD_KEY}, ${NEW_KEY}`,
      // A failing event is failed after one retry, and Marketplacer is asked twice per read: the failure case stays quick.
      WEBHOOK_MAX_RETRIES: '1',
      WEBHOOK_RETRY_BASE_MS: '50',
      MARKETPLACER_MAX_ATTEMPTS: '2',
      MARKETPLACER_RETRY_BASE_MS: '20',
    });
    app = new ListingsConnector(connector, listingsSim);
    orders = new OrdersConnector(connector, listingsSim);
    const [stocked] = await sim.stockedSellers(listingsSim, 3);
    variants = stocked.variants;
    main = await app.activate(stocked.sellerId, '22449504.', 127, 'e2e-webhooks-token-main', { initialDateForOrderImport: '2020-01-01' });
    await hooks.configure({ url: `${connector.url}/webhooks/marketplacer`, hmacKey: NEW_KEY, enabled: true });
  }, SLOW);

  afterAll(async () => {
    await hooks?.configure({ url: null });
    await connector?.close();
    await simulator?.close();
    await database?.drop();
  });

  // Each test starts once the previous one's deliveries are answered and processed (a fault it arms is then its own).
  beforeEach(async () => {
    await hooks.settled();
    await processedAll();
  }, SLOW);

  function lines(count: number): Array<{ variantId: string; quantity: number }> {
    return Array.from({ length: count }, () => ({ variantId: variants[nextVariant++ % variants.length].id, quantity: 1 }));
  }

  const events = (query = ''): Promise<WebhookEventView[]> => webhookEvents(connector, query);

  /** POSTs a delivery to the connector as Marketplacer does: raw body, its headers (signature included or not). */
  async function deliver(
    body: string | Buffer,
    headers: Record<string, string>,
  ): Promise<{ status: number; body: { eventId?: number; duplicate?: boolean; error?: { code: string } } }> {
    const res = await fetch(`${connector.url}/webhooks/marketplacer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Marketplacer Client/1.0.0', ...headers },
      body,
    });
    return { status: res.status, body: (await res.json()) as { eventId?: number; duplicate?: boolean; error?: { code: string } } };
  }

  /** A simulated delivery sent again to the connector, byte for byte, with its own headers. */
  const redeliver = (delivery: SimulatedDelivery) => deliver(delivery.body, delivery.headers);

  async function storedCount(): Promise<number> {
    const status = await http<{ events: Record<string, number> }>(`${connector.url}/admin/webhooks`, { headers: connector.admin });
    return Object.values(status.body.events).reduce((sum, count) => sum + count, 0);
  }

  /** Waits until no stored event is waiting to be processed. */
  async function processedAll(): Promise<void> {
    await eventually(
      () => http<{ events: Record<string, number> }>(`${connector.url}/admin/webhooks`, { headers: connector.admin }),
      (status) => status.body.events.received === 0,
      'every stored event processed',
      60_000,
    );
  }

  /** Points the simulated webhook at a sink while `changes` run, and answers the deliveries they made. */
  async function captured(changes: () => Promise<void>): Promise<SimulatedDelivery[]> {
    const sink = await startSink();
    try {
      await hooks.configure({ url: sink.url });
      const after = (await hooks.status()).lastSequence;
      await changes();
      await hooks.settled();
      return (await hooks.deliveriesAfter(after)).filter((delivery) => delivery.status === 'sent');
    } finally {
      await hooks.configure({ url: `${connector.url}/webhooks/marketplacer` });
      await sink.close();
    }
  }

  it(
    'brings a paid invoice to ANYMARKET as one order without any poll, and a later poll sends nothing more',
    async () => {
      const invoicesRuns = (await app.runsOf('invoices')).length;
      const [invoice] = await sim.buy(lines(1));
      const marketPlaceId = String(invoice.legacyId);
      const held = await eventually(
        () => sim.heldOrders(marketPlaceId),
        (found) => found.length === 1,
        'the order in ANYMARKET',
      );
      expect(held[0].order.status).toBe('PAID');
      expect((await app.runsOf('invoices')).length).toBe(invoicesRuns);
      const invoiceEvents = await events(`&type=Invoice&objectId=${encodeURIComponent(invoice.id)}`);
      expect(invoiceEvents.length).toBeGreaterThan(0);
      expect(invoiceEvents.some((event) => event.state === 'processed')).toBe(true);

      await orders.pollInvoices();
      expect((await sim.orderCalls(marketPlaceId)).map((call) => call.name)).toEqual(['POST /orders']);
    },
    SLOW,
  );

  it('accepts the published deliveries as they are, signed with a rotated key, and refuses forged ones with 401 and nothing stored', async () => {
    const files = readdirSync(PUBLISHED).filter((name) => name.endsWith('.example.json'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    let sequence = 900_000;
    for (const file of files) {
      const body = readFileSync(join(PUBLISHED, file));
      sequence += 1;
      const answer = await deliver(body, {
        'Idempotency-Key': Buffer.from(`published:${file}`).toString('base64'),
        'Marketplacer-Sequence': String(sequence),
        'Marketplacer-Vertical': 'bestfriendbazaar',
        'Marketplacer-Hmac-256': signature(OLD_KEY, body),
      });
      expect([file, answer.status, answer.body.duplicate]).toEqual([file, 200, false]);
      const node = (JSON.parse(body.toString('utf8')) as { payload: { data: { node: { __typename: string; id: string } } } }).payload.data.node;
      const [stored] = await events(`&objectId=${encodeURIComponent(node.id)}`);
      expect(stored).toMatchObject({ id: answer.body.eventId, type: node.__typename, objectId: node.id, sequence });
    }
    await processedAll();
    // Objects this marketplace does not have (Advert-100000012, the hand-edited ids) are nobody's here: ignored, not failed.
    expect(await events('&state=failed')).toEqual([]);

    const stored = await storedCount();
    const body = Buffer.from(
      JSON.stringify({ id: 'forged-marker-7d1f', event_name: 'update', payload: { data: { node: { __typename: 'Seller', id: 'U2VsbGVyLTE=' } } } }),
    );
    const refusals = [
      await deliver(body, { 'Idempotency-Key': 'forged-1', 'Marketplacer-Hmac-256': signature('not-our-key', body) }),
      await deliver(body, { 'Idempotency-Key': 'forged-2' }),
      await deliver(Buffer.concat([body.subarray(0, 10), Buffer.from('X'), body.subarray(11)]), {
        'Idempotency-Key': 'forged-3',
        'Marketplacer-Hmac-256': signature(NEW_KEY, body),
      }),
      await deliver(JSON.stringify(JSON.parse(body.toString()), null, 2), { 'Idempotency-Key': 'forged-4', 'Marketplacer-Hmac-256': signature(NEW_KEY, body) }),
    ];
    expect(refusals.map((refusal) => [refusal.status, refusal.body.error?.code])).toEqual(Array(4).fill([401, 'UNAUTHENTICATED']));
    expect(await storedCount()).toBe(stored);
    expect(connector.rawLogs()).toContain('Marketplacer webhook delivery refused');
    expect(connector.rawLogs()).not.toContain('forged-marker-7d1f');
  });

  it(
    'takes a seller offline at once through its webhook (the account stops without a sellers run) and back online',
    async () => {
      const sellersRuns = (await app.runsOf('sellers')).length;
      await listingsSim.editSeller(main.sellerId, { online: false });
      await eventually(
        () => app.accountView(main),
        (view) => view.active === false,
        'the account stopped by the Seller webhook',
      );
      expect(await app.accountView(main)).toMatchObject({ inactiveReason: 'the seller is offline in Marketplacer' });
      await listingsSim.editSeller(main.sellerId, { online: true });
      await eventually(
        () => app.accountView(main),
        (view) => view.active === true,
        'the account resumed by the Seller webhook',
      );
      expect((await app.runsOf('sellers')).length).toBe(sellersRuns);
    },
    SLOW,
  );

  it('processes a repeated delivery once, and an older delivery of an object after a newer one changes nothing', async () => {
    const [, other] = await sim.stockedSellers(listingsSim, 1);
    const deliveries = await captured(async () => {
      await listingsSim.editSeller(other.sellerId, { online: false });
      await listingsSim.editSeller(other.sellerId, { online: true });
    });
    const [older, newer] = deliveries.filter((delivery) => delivery.entity === 'Seller');
    expect(older.sequence).toBeLessThan(newer.sequence);

    const first = await redeliver(newer);
    const again = await redeliver(newer);
    expect([first.status, first.body.duplicate, again.status, again.body.duplicate, again.body.eventId]).toEqual([200, false, 200, true, first.body.eventId]);
    const late = await redeliver(older);
    expect(late.status).toBe(200);
    await processedAll();

    const seen = await events(`&type=Seller&objectId=${encodeURIComponent(newer.nodeId)}`);
    expect(seen.filter((event) => event.sequence === newer.sequence)).toEqual([expect.objectContaining({ state: 'processed', attempts: 1 })]);
    expect(seen.find((event) => event.sequence === older.sequence)).toMatchObject({
      state: 'ignored',
      note: expect.stringContaining(`older than sequence ${newer.sequence}`),
    });
    const seller = await http<{ active: boolean }>(`${connector.url}/admin/sellers/${encodeURIComponent(other.sellerId)}`, { headers: connector.admin });
    expect(seller.body.active).toBe(true);
  });

  it(
    'answers 503 while the database cannot store a delivery, and takes the retry once it can',
    async () => {
      const dataSource = connector.app.get(DataSource);
      const [, , third] = await sim.stockedSellers(listingsSim, 1);
      const after = (await hooks.status()).lastSequence;
      await dataSource.query('ALTER TABLE webhook_event RENAME TO webhook_event_away');
      let renamedBack = false;
      try {
        await listingsSim.editSeller(third.sellerId, { online: false });
        const refused = await eventually(
          () => hooks.deliveriesAfter(after),
          (found) => found.some((delivery) => delivery.entity === 'Seller' && delivery.attempts.some((attempt) => attempt.httpStatus === 503)),
          'a delivery answered 503',
        );
        expect(refused.every((delivery) => delivery.status !== 'failed')).toBe(true);
        await dataSource.query('ALTER TABLE webhook_event_away RENAME TO webhook_event');
        renamedBack = true;
      } finally {
        if (!renamedBack) await dataSource.query('ALTER TABLE webhook_event_away RENAME TO webhook_event');
      }
      const delivered = (await hooks.settled()).find((delivery) => delivery.sequence > after && delivery.entity === 'Seller')!;
      expect(delivered.status).toBe('sent');
      expect(delivered.attempts.map((attempt) => attempt.httpStatus)).toEqual([...delivered.attempts.slice(0, -1).map(() => 503), 200]);
      expect((await hooks.status()).enabled).toBe(true);
      await processedAll();
      expect(await events(`&objectId=${encodeURIComponent(delivered.nodeId)}`)).toEqual(
        expect.arrayContaining([expect.objectContaining({ sequence: delivered.sequence, state: 'processed' })]),
      );
      const seller = await http<{ active: boolean }>(`${connector.url}/admin/sellers/${encodeURIComponent(third.sellerId)}`, { headers: connector.admin });
      expect(seller.body.active).toBe(false);
      await listingsSim.editSeller(third.sellerId, { online: true });
    },
    SLOW,
  );

  it(
    'keeps an event whose processing keeps failing as failed, with its error, and replays it for admins; shows deliveries arriving and the feeds relaxed',
    async () => {
      const [, , , fourth] = await sim.stockedSellers(listingsSim, 1);
      // Every read of the seller fails: two attempts per read, two runs of the event (WEBHOOK_MAX_RETRIES=1).
      await sim.control('PUT', '/_control/marketplacer/faults', { failNextRequests: { count: 4, status: 503, operationName: 'SellerById' } });
      const after = (await hooks.status()).lastSequence;
      await listingsSim.editSeller(fourth.sellerId, { online: false });
      const [failed] = await eventually(
        () => events(`&state=failed&type=Seller&objectId=${encodeURIComponent(fourth.sellerId)}`),
        (found) => found.length === 1,
        'the Seller event failed',
      );
      expect(failed).toMatchObject({ attempts: 2, error: expect.stringMatching(/503|unavailable/i) });
      const delivery = (await hooks.deliveriesAfter(after)).find((candidate) => candidate.entity === 'Seller')!;
      const detail = await http<{ body: string; headers: Record<string, string> }>(`${connector.url}/admin/webhooks/events/${failed.id}`, {
        headers: connector.admin,
      });
      expect(detail.status).toBe(200);
      expect(detail.body.body).toBe(delivery.body);
      expect(detail.body.headers).toMatchObject({ 'idempotency-key': delivery.headers['Idempotency-Key'], 'marketplacer-sequence': String(delivery.sequence) });
      expect(JSON.stringify(detail.body.headers)).not.toContain(delivery.headers['Marketplacer-Hmac-256']);

      const replayed = await http<{ replayed: number }>(`${connector.url}/admin/webhooks/events/replay-failed`, { method: 'POST', headers: connector.admin });
      expect(replayed).toEqual({ status: 202, body: { replayed: 1 } });
      await eventually(
        () => events(`&objectId=${encodeURIComponent(fourth.sellerId)}`),
        (found) => found[0]?.state === 'processed',
        'the replayed event processed',
      );
      const seller = await http<{ active: boolean }>(`${connector.url}/admin/sellers/${encodeURIComponent(fourth.sellerId)}`, { headers: connector.admin });
      expect(seller.body.active).toBe(false);

      const again = await http<{ state: string }>(`${connector.url}/admin/webhooks/events/${failed.id}/replay`, { method: 'POST', headers: connector.admin });
      expect(again.status).toBe(202);
      await eventually(
        () => events(`&objectId=${encodeURIComponent(fourth.sellerId)}`),
        (found) => found[0]?.state === 'processed',
        'replayed again',
      );
      expect((await http(`${connector.url}/admin/webhooks/events/999999/replay`, { method: 'POST', headers: connector.admin })).status).toBe(404);
      expect((await http(`${connector.url}/admin/webhooks/events/abc`, { headers: connector.admin })).status).toBe(400);
      expect((await http(`${connector.url}/admin/webhooks/events?state=lost`, { headers: connector.admin })).status).toBe(400);

      const status = await http<{
        hmacKeys: number;
        url: string;
        types: Array<{ type: string; handled: boolean; arriving: boolean }>;
        feeds: Array<{ job: string; intervalMs: number; currentIntervalMs: number }>;
      }>(`${connector.url}/admin/webhooks`, { headers: connector.admin });
      expect(status.body).toMatchObject({ hmacKeys: 2, url: expect.stringMatching(/\/webhooks\/marketplacer$/) });
      expect(status.body.types).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'Seller', handled: true, arriving: true })]));
      const sellersFeed = status.body.feeds.find((feed) => feed.job === 'sellers')!;
      expect(sellersFeed).toMatchObject({ intervalMs: 60_000, currentIntervalMs: 900_000 });
      // A run of a covered feed is next due after the safety-net interval, not its own.
      const run = await http<{ outcome: string }>(`${connector.url}/admin/sync/jobs/sellers/run?wait=true`, {
        method: 'POST',
        headers: connector.admin,
      });
      expect(run.body.outcome).toBe('succeeded');
      const [state] = (
        await http<Array<{ nextRunAt: string; lastSuccessAt: string }>>(`${connector.url}/admin/sync/states?job=sellers`, { headers: connector.admin })
      ).body;
      expect(Date.parse(state.nextRunAt) - Date.parse(state.lastSuccessAt)).toBeGreaterThan(800_000);
      await listingsSim.editSeller(fourth.sellerId, { online: true });
    },
    SLOW,
  );

  it('takes a burst of 1,000 deliveries (every one twice, in a shuffled order, 25 at once): each paid invoice reaches ANYMARKET as one order', async () => {
    const invoicesRuns = (await app.runsOf('invoices')).length;
    const invoices: SimulatedInvoice[] = [];
    const deliveries = await captured(async () => {
      for (let made = 0; made < 100; made++) invoices.push(...(await sim.buy(lines(1))));
    });
    expect(deliveries.length).toBeGreaterThan(100);
    const burst: SimulatedDelivery[] = [];
    while (burst.length < 1_000) burst.push(...deliveries);
    // A fixed shuffle (deterministic): duplicates and older events arrive in any order.
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = burst.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [burst[i], burst[j]] = [burst[j], burst[i]];
    }
    const statuses: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 25 }, async () => {
        while (next < burst.length) statuses.push((await redeliver(burst[next++])).status);
      }),
    );
    expect(statuses.length).toBeGreaterThanOrEqual(1_000);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    await processedAll();
    await eventually(
      () => Promise.all(invoices.map((invoice) => sim.heldOrders(String(invoice.legacyId)))),
      (held) => held.every((orders) => orders.length === 1),
      'every invoice an order in ANYMARKET',
      60_000,
    );
    for (const invoice of invoices) {
      expect([invoice.legacyId, (await sim.orderCalls(String(invoice.legacyId))).map((call) => call.name)]).toEqual([invoice.legacyId, ['POST /orders']]);
    }
    expect((await app.runsOf('invoices')).length).toBe(invoicesRuns);
    const keys = new Set(deliveries.map((delivery) => delivery.headers['Idempotency-Key']));
    const stored = (await events('&type=Invoice')).length + (await events('&type=Variant')).length + (await events('&type=Advert')).length;
    expect(stored).toBeGreaterThanOrEqual(keys.size);
    expect(await events('&state=failed')).toEqual([]);
  }, 180_000);
});
