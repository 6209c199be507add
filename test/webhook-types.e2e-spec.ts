import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { signAnymarketToken } from '#anymarket';
import { availableDatabases, createTestDatabase, eventually, type TestDatabase } from '#common/testing';
import { ListingsConnector, type SyncRunView } from './support/listings-connector.js';
import { ListingsSimulator } from './support/listings-simulator.js';
import { OrdersConnector, type OrderDetail } from './support/orders-connector.js';
import { OrdersSimulator, type SellableVariant, type SimulatedInvoice } from './support/orders-simulator.js';
import { http, startConnector, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';
import { redeliver, signature, webhookEvents, WebhooksSimulator, type SimulatedDelivery, type WebhookEventView } from './support/webhooks-simulator.js';

/**
 * Issue 26 §5: every webhook type the connector handles besides Invoice and Seller (webhooks.e2e-spec),
 * end to end, for each event the simulated Marketplacer fires for it. For each: the simulator delivers
 * it signed as in production (only that type's webhook enabled, so nothing else carries the change),
 * the connector stores it once, its handler's effect happens once, a redelivery of the same event is
 * a duplicate that does nothing, and the feed that covers the type, run afterwards, sends nothing to
 * ANYMARKET and changes nothing. Scheduling is off: only deliveries and the admin triggers here read
 * Marketplacer. Marketplacer has no delete for shipments, refund requests, remittance advices or
 * option types (2023 schema): their destroy is not produced.
 */
const databases = await availableDatabases();
const SLOW = 90_000;
const KEY = 'e2e-webhook-types-key';

interface RemittanceView {
  id: string;
  sellerId: string;
  released: boolean;
  adviceId: string | null;
}

interface SellerRemittances {
  advices: Array<{ id: string; totalCents: number; totalPaidCents: number | null; paidAt: string | null; remittanceIds?: string[] }>;
}

interface VariationType {
  codeInMarketplace: string;
  name: string;
  values: Array<{ codeInMarketplace: string; name: string }>;
}

describe.each(databases)('every webhook type end to end on %s', (kind) => {
  let database: TestDatabase;
  let simulator: Listening;
  let connector: ConnectorUnderTest;
  let hooks: WebhooksSimulator;
  let sim: OrdersSimulator;
  let listingsSim: ListingsSimulator;
  let app: ListingsConnector;
  let orders: OrdersConnector;
  let variants: SellableVariant[];
  let nextVariant = 0;

  beforeAll(async () => {
    simulator = await startSimulator({
      SIMULATOR_SEED_SELLERS: '8',
      SIMULATOR_SEED_ADVERTS: '80',
      // Seeded invoices bring remittances (held and released) for the RemittanceAdvice cases.
      SIMULATOR_SEED_INVOICES: '48',
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
      MARKETPLACER_WEBHOOK_HMAC_KEYS: KEY,
      WEBHOOK_RETRY_BASE_MS: '50',
    });
    app = new ListingsConnector(connector, listingsSim);
    orders = new OrdersConnector(connector, listingsSim);
    const [stocked] = await sim.stockedSellers(listingsSim, 3);
    variants = stocked.variants;
    await app.activate(stocked.sellerId, '22449504.', 127, 'e2e-webhook-types-token', { initialDateForOrderImport: '2020-01-01' });
    // Every feed read once before any delivery: what the seed holds is in the copies (and the seeded
    // invoices of this seller in ANYMARKET), so a feed run after a delivery has only its change to see.
    await orders.pollInvoices();
    await orders.pollRefunds();
    for (const job of ['remittances', 'remittance-advices', 'taxonomy']) expect((await app.poll(job)).outcome).toBe('succeeded');
    await hooks.configure({ url: `${connector.url}/webhooks/marketplacer`, hmacKey: KEY, enabled: true });
  }, SLOW);

  afterAll(async () => {
    await hooks?.configure({ url: null });
    await connector?.close();
    await simulator?.close();
    await database?.drop();
  });

  beforeEach(async () => {
    await hooks.settled();
    await processedAll();
  }, SLOW);

  const events = (query = ''): Promise<WebhookEventView[]> => webhookEvents(connector, query);

  /** Waits until no stored event is waiting to be processed, and no order has work left. */
  async function processedAll(): Promise<void> {
    await eventually(
      () => http<{ events: Record<string, number> }>(`${connector.url}/admin/webhooks`, { headers: connector.admin }),
      (status) => status.body.events.received === 0,
      'every stored event processed',
      60_000,
    );
    await orders.noOrderPending();
  }

  /**
   * The change with only `type`'s webhook enabled: answers its deliveries (each sent once, signed with
   * the key as Marketplacer signs) once the connector has processed them.
   */
  async function delivered(type: string, change: () => Promise<unknown>): Promise<SimulatedDelivery[]> {
    const { deliveries } = await hooks.deliveringOnly([type], change);
    await processedAll();
    for (const delivery of deliveries) {
      expect(delivery).toMatchObject({ status: 'sent', attempts: [expect.objectContaining({ httpStatus: 200 })] });
      expect(delivery.headers['Marketplacer-Hmac-256']).toBe(signature(KEY, delivery.body));
    }
    return deliveries;
  }

  /** The stored events of one delivery (by its Idempotency-Key and sequence). */
  async function eventsOf(delivery: SimulatedDelivery): Promise<WebhookEventView[]> {
    return (await events()).filter((event) => event.idempotencyKey === delivery.headers['Idempotency-Key'] && event.sequence === delivery.sequence);
  }

  /** The connector stored the delivery once, as an event in `state`. */
  async function storedOnce(delivery: SimulatedDelivery, state: WebhookEventView['state']): Promise<WebhookEventView> {
    const stored = await eventsOf(delivery);
    expect(stored).toEqual([expect.objectContaining({ state, eventName: delivery.eventName })]);
    return stored[0];
  }

  /** The same delivery again: a duplicate of the stored event, nothing stored or queued. */
  async function redeliveredAsDuplicate(delivery: SimulatedDelivery, stored: WebhookEventView): Promise<void> {
    const again = await redeliver(connector, delivery);
    expect([again.status, again.body.duplicate, again.body.eventId]).toEqual([200, true, stored.id]);
    await processedAll();
    expect(await eventsOf(delivery)).toEqual([expect.objectContaining({ id: stored.id, state: stored.state, attempts: stored.attempts })]);
  }

  /** Runs the feed `job` now; answers the run and the ANYMARKET calls made meanwhile. */
  async function feedRun(job: string): Promise<{ run: SyncRunView; anymarketCalls: number }> {
    const since = new Date().toISOString();
    const run = await app.poll(job);
    await processedAll();
    const calls = (await sim.anymarketCalls()).filter((call) => call.at >= since);
    return { run, anymarketCalls: calls.length };
  }

  async function orderDetail(invoice: SimulatedInvoice): Promise<OrderDetail> {
    return orders.detail((await orders.orderOf(invoice.legacyId))!.id);
  }

  /** A paid order of one line, in ANYMARKET (PAID) through its Invoice webhook. */
  async function orderInAnymarket(): Promise<SimulatedInvoice> {
    const [invoice] = await sim.buy([{ variantId: variants[nextVariant++ % variants.length].id, quantity: 1 }]);
    await eventually(
      () => sim.heldOrders(String(invoice.legacyId)),
      (held) => held.length === 1 && held[0].order.status === 'PAID',
      'the order PAID in ANYMARKET',
    );
    await processedAll();
    return invoice;
  }

  const callNames = async (invoice: SimulatedInvoice) => (await sim.orderCalls(String(invoice.legacyId))).map((call) => call.name);

  describe('Shipment', () => {
    let invoice: SimulatedInvoice;
    let shipmentId: string;

    it(
      'create: the order moves to SHIPPED in ANYMARKET with the tracking, once; a redelivery and the invoices feed change nothing',
      async () => {
        invoice = await orderInAnymarket();
        const [delivery, ...more] = await delivered('SHIPMENT', async () => {
          const shipped = await sim.control<{ shipmentIds: string[] }>('POST', `/_control/marketplacer/invoices/${invoice.legacyId}/shipped`, {
            trackingNumber: `TRK-${invoice.legacyId}`,
          });
          shipmentId = shipped.shipmentIds[0];
        });
        expect(more).toEqual([]);
        expect(delivery).toMatchObject({ entity: 'Shipment', nodeId: shipmentId, eventName: 'create' });
        const stored = await storedOnce(delivery, 'processed');

        const calls = await sim.orderCalls(String(invoice.legacyId));
        expect(calls.map((call) => call.name)).toEqual(['POST /orders', 'markAsShipped']);
        expect(calls[1].body).toMatchObject({ status: 'SHIPPED', number: `TRK-${invoice.legacyId}` });
        expect((await sim.heldOrder(String(invoice.legacyId))).order.status).toBe('SHIPPED');
        const detail = await orderDetail(invoice);
        expect(detail).toMatchObject({ anymarketStatus: 'SHIPPED', state: 'synced' });

        await redeliveredAsDuplicate(delivery, stored);
        const { run, anymarketCalls } = await feedRun('invoices');
        expect([run.outcome, run.itemsChanged, anymarketCalls]).toEqual(['succeeded', 0, 0]);
        expect(await callNames(invoice)).toEqual(['POST /orders', 'markAsShipped']);
        expect(await orderDetail(invoice)).toEqual(detail);
      },
      SLOW,
    );

    it(
      "update (shipmentUpdate: a new tracking number): the order's copy shows it, once; ANYMARKET, already told SHIPPED, gets the corrected tracking once",
      async () => {
        const before = await orderDetail(invoice);
        // The simulated ANYMARKET takes a repeated markAsShipped as a tracking update (its strict default, a 422, is
        // covered by shipments-after-first.e2e-spec.ts).
        await sim.repeatShippedUpdatesTracking(true);
        // Marketplacer's updatedAt has whole seconds: the update is stamped a second after the shipment.
        await listingsSim.advanceClock(1_000);
        const [delivery, ...more] = await delivered('SHIPMENT', () =>
          sim.control('PATCH', `/_control/marketplacer/shipments/${encodeURIComponent(shipmentId)}`, { trackingNumber: `TRK-${invoice.legacyId}-B` }),
        );
        expect(more).toEqual([]);
        expect(delivery).toMatchObject({ entity: 'Shipment', nodeId: shipmentId, eventName: 'update' });
        const stored = await storedOnce(delivery, 'processed');

        const detail = await orderDetail(invoice);
        expect(detail.shipments).toEqual([expect.objectContaining({ origin: 'marketplacer', trackingNumber: `TRK-${invoice.legacyId}-B` })]);
        expect(detail.timeline.filter((entry) => entry.action === 'invoice')).toHaveLength(
          before.timeline.filter((entry) => entry.action === 'invoice').length + 1,
        );
        const calls = await eventually(
          () => sim.orderCalls(String(invoice.legacyId)),
          (made) => made.length >= 3,
          'the corrected tracking sent to ANYMARKET',
        );
        expect(calls.map((call) => call.name)).toEqual(['POST /orders', 'markAsShipped', 'markAsShipped']);
        expect(calls[2].body).toMatchObject({ status: 'SHIPPED', number: `TRK-${invoice.legacyId}-B` });
        expect((await sim.heldOrder(String(invoice.legacyId))).order).toMatchObject({ status: 'SHIPPED', tracking: { number: `TRK-${invoice.legacyId}-B` } });
        const settled = await eventually(
          () => orderDetail(invoice),
          (order) => order.state === 'synced',
          'the order synced again',
        );

        await redeliveredAsDuplicate(delivery, stored);
        const { run, anymarketCalls } = await feedRun('invoices');
        expect([run.outcome, run.itemsChanged, anymarketCalls]).toEqual(['succeeded', 0, 0]);
        expect(await callNames(invoice)).toHaveLength(3);
        expect(await orderDetail(invoice)).toEqual(settled);
        await sim.repeatShippedUpdatesTracking(false);
      },
      SLOW,
    );
  });

  describe('RefundRequest', () => {
    it(
      'create, then update per step (returned, refunded): each kept on the order and its timeline once; refunded in full, the order is cancelled once',
      async () => {
        const invoice = await orderInAnymarket();
        const refundEntries = async () => (await orderDetail(invoice)).timeline.filter((entry) => entry.action === 'refund request');
        const { lineItems } = await sim.invoice(invoice.id);

        let requestId = '';
        const [created, ...more] = await delivered('REFUND_REQUEST', async () => {
          requestId = (await sim.requestRefund(invoice, [{ lineItemId: lineItems[0].id, quantity: lineItems[0].quantity }])).id;
        });
        expect(more).toEqual([]);
        expect(created).toMatchObject({ entity: 'RefundRequest', nodeId: requestId, eventName: 'create' });
        const stored = await storedOnce(created, 'processed');
        expect((await orderDetail(invoice)).refundRequests).toEqual([expect.objectContaining({ id: requestId, status: 'AWAITING' })]);
        expect(await refundEntries()).toEqual([expect.objectContaining({ detail: expect.stringContaining(`${requestId} AWAITING`) })]);
        await redeliveredAsDuplicate(created, stored);
        expect(await refundEntries()).toHaveLength(1);

        const step = (name: string, inputType: string) =>
          sim.graphql(`mutation($input: ${inputType}!) { ${name}(input: $input) { errors { field messages } } }`, {
            input: { refundRequestId: requestId, notes: [] },
          });
        const updates: SimulatedDelivery[] = [];
        for (const [name, inputType, status] of [
          ['refundRequestReturn', 'RefundRequestReturnMutationInput', 'RETURNED'],
          ['refundRequestRefund', 'RefundRequestRefundMutationInput', 'REFUNDED'],
        ]) {
          const [update, ...others] = await delivered('REFUND_REQUEST', () => step(name, inputType));
          expect(others).toEqual([]);
          expect(update).toMatchObject({ entity: 'RefundRequest', nodeId: requestId, eventName: 'update' });
          await storedOnce(update, 'processed');
          expect((await orderDetail(invoice)).refundRequests).toEqual([expect.objectContaining({ id: requestId, status })]);
          updates.push(update);
        }
        expect((await refundEntries()).map((entry) => entry.detail)).toEqual(
          expect.arrayContaining([
            expect.stringContaining(`${requestId} AWAITING`),
            expect.stringContaining(`${requestId} RETURNED`),
            expect.stringContaining(`${requestId} REFUNDED`),
          ]),
        );
        expect(await refundEntries()).toHaveLength(3);
        expect(await callNames(invoice)).toEqual(['POST /orders', 'markAsCanceled']);
        const detail = await orderDetail(invoice);
        expect(detail).toMatchObject({ anymarketStatus: 'CANCELED', refunds: 'full' });

        await redeliveredAsDuplicate(updates[1], await storedOnce(updates[1], 'processed'));
        const { run, anymarketCalls } = await feedRun('refund-requests');
        expect([run.outcome, run.itemsChanged, anymarketCalls]).toEqual(['succeeded', 0, 0]);
        expect(await orderDetail(invoice)).toEqual(detail);
      },
      SLOW,
    );
  });

  describe('RemittanceAdvice', () => {
    let sellerId: string;
    let adviceId: string;
    const adviceLines = (): string[] =>
      connector
        .rawLogs()
        .split('\n')
        .filter((line) => line.includes('remittance advice') && line.includes(adviceId));
    const sellerRemittances = async () =>
      (await http<SellerRemittances>(`${connector.url}/admin/sellers/${encodeURIComponent(sellerId)}/remittances`, { headers: connector.admin })).body;

    const adviceInCopy = async () => (await sellerRemittances()).advices.find((advice) => advice.id === adviceId);

    /** remittanceAdviceUpdate in Marketplacer (not through the connector): the advice paid now. */
    const payAdvice = (remittanceAdviceId: string, totalPaidCents: number) =>
      sim.graphql('mutation($input: RemittanceAdviceUpdateMutationInput!) { remittanceAdviceUpdate(input: $input) { errors { field messages } } }', {
        input: { remittanceAdviceId, totalPaidCents, paidAt: new Date().toISOString(), paymentReference: 'PIX-e2e' },
      });

    /** The remittance-advices scan now finds the copy as the webhook left it, and nobody hears of it. */
    async function scanFindsNothing(): Promise<void> {
      const before = await sellerRemittances();
      const { run, anymarketCalls } = await feedRun('remittance-advices');
      expect([run.outcome, run.itemsChanged, anymarketCalls]).toEqual(['succeeded', 0, 0]);
      expect(await sellerRemittances()).toEqual(before);
    }

    it(
      'create (remittancesRelease with no open advice): the advice is in the seller copy, announced once; a redelivery and the scan change nothing',
      async () => {
        const remittances = await sim.control<RemittanceView[]>('GET', '/_control/marketplacer/remittances');
        const held = remittances.filter((remittance) => !remittance.released);
        sellerId = held.find((remittance) => held.filter((other) => other.sellerId === remittance.sellerId).length >= 2)!.sellerId;
        const [first, second] = held.filter((remittance) => remittance.sellerId === sellerId);
        // The seller's open advice (the seed's releases) is paid first: the next release then opens a new one.
        const open = new Set(
          remittances.filter((remittance) => remittance.sellerId === sellerId && remittance.adviceId).map((remittance) => remittance.adviceId!),
        );
        for (const remittanceAdviceId of open) await payAdvice(remittanceAdviceId, 0);
        await hooks.settled();
        await processedAll();

        const [delivery, ...more] = await delivered('REMITTANCE_ADVICE', () =>
          sim.control('POST', '/_control/marketplacer/remittances/release', { remittanceIds: [first.id] }),
        );
        expect(more).toEqual([]);
        expect(delivery).toMatchObject({ entity: 'RemittanceAdvice', eventName: 'create' });
        adviceId = delivery.nodeId;
        const stored = await storedOnce(delivery, 'processed');
        expect(await adviceInCopy()).toMatchObject({ id: adviceId, paidAt: null });
        expect(adviceLines().filter((line) => line.includes('remittance advice created'))).toHaveLength(1);

        await redeliveredAsDuplicate(delivery, stored);
        await scanFindsNothing();
        expect(adviceLines()).toHaveLength(1);
        // For the next case: a second remittance of the seller, still held.
        expect(second).toBeDefined();
      },
      SLOW,
    );

    it(
      'update (a second remittance released onto it, then its payment recorded by remittanceAdviceUpdate): each taken once',
      async () => {
        const totalBefore = (await adviceInCopy())!.totalCents;
        const [second] = (await sim.control<RemittanceView[]>('GET', `/_control/marketplacer/remittances?sellerId=${encodeURIComponent(sellerId)}`)).filter(
          (remittance) => !remittance.released,
        );
        const [added, ...more] = await delivered('REMITTANCE_ADVICE', () =>
          sim.control('POST', '/_control/marketplacer/remittances/release', { remittanceIds: [second.id] }),
        );
        expect(more).toEqual([]);
        expect(added).toMatchObject({ entity: 'RemittanceAdvice', nodeId: adviceId, eventName: 'update' });
        await storedOnce(added, 'processed');
        const grown = (await adviceInCopy())!;
        expect(grown.totalCents).toBeGreaterThan(totalBefore);
        expect(adviceLines().filter((line) => line.includes('remittance advice updated'))).toHaveLength(1);

        const [paid, ...others] = await delivered('REMITTANCE_ADVICE', () => payAdvice(adviceId, grown.totalCents));
        expect(others).toEqual([]);
        expect(paid).toMatchObject({ entity: 'RemittanceAdvice', nodeId: adviceId, eventName: 'update' });
        const stored = await storedOnce(paid, 'processed');
        expect(await adviceInCopy()).toMatchObject({ id: adviceId, totalPaidCents: grown.totalCents, paidAt: expect.any(String) });
        expect(adviceLines().filter((line) => line.includes('remittance advice paid'))).toHaveLength(1);

        await redeliveredAsDuplicate(paid, stored);
        await scanFindsNothing();
        expect(adviceLines()).toHaveLength(3);
      },
      SLOW,
    );
  });

  describe('OptionType and OptionValue', () => {
    let typeId: string;
    let valueIds: string[] = [];
    const variationTypes = async () =>
      (await http<VariationType[]>(`${connector.url}/variations/types`, { headers: { 'x-anymarket-token': signAnymarketToken() } })).body;
    const ours = async () => (await variationTypes()).find((type) => type.codeInMarketplace === typeId);
    const taxonomyRuns = async () => (await app.runsOf('taxonomy')).length;
    const mutate = async <T>(name: string, inputType: string, input: Record<string, unknown>, select: string): Promise<T> => {
      const data = await sim.graphql<Record<string, { errors: unknown[] | null } & T>>(
        `mutation($input: ${inputType}!) { ${name}(input: $input) { errors { field messages } ${select} } }`,
        { input },
      );
      if (data[name].errors?.length) throw new Error(`${name} refused: ${JSON.stringify(data[name].errors)}`);
      return data[name];
    };

    /** One delivery of `type`, processed: one taxonomy refresh more, then a redelivery and a taxonomy run change nothing. */
    async function refreshedOnce(type: string, eventName: string, change: () => Promise<unknown>): Promise<void> {
      const runs = await taxonomyRuns();
      const [delivery, ...more] = await delivered(type, change);
      expect(more).toEqual([]);
      expect(delivery).toMatchObject({ eventName });
      const stored = await storedOnce(delivery, 'processed');
      expect(stored.note).toMatch(/the taxonomy copy was refreshed/);
      expect(await taxonomyRuns()).toBe(runs + 1);
      await redeliveredAsDuplicate(delivery, stored);
      expect(await taxonomyRuns()).toBe(runs + 1);
    }

    /** The taxonomy job run now sends nothing to ANYMARKET and changes nothing ANYMARKET reads. */
    async function refreshChangesNothing(): Promise<void> {
      const before = await variationTypes();
      const { run, anymarketCalls } = await feedRun('taxonomy');
      expect([run.outcome, anymarketCalls]).toEqual(['succeeded', 0]);
      expect(await variationTypes()).toEqual(before);
    }

    it(
      'OptionType create and update: the variation type ANYMARKET reads appears, then renamed, one refresh each',
      async () => {
        const { prototypes } = await sim.graphql<{ prototypes: { nodes: Array<{ id: string }> } }>('{ prototypes(first: 1) { nodes { id } } }');
        await refreshedOnce('OPTION_TYPE', 'create', async () => {
          typeId = (
            await mutate<{ optionType: { id: string } }>(
              'optionTypeCreateOrUpdate',
              'OptionTypeCreateOrUpdateMutationInput',
              { name: 'Voltagem e2e', appliedTo: 'VARIANT', fieldType: 'SINGLE_SELECT', prototypeIds: [prototypes.nodes[0].id] },
              'optionType { id }',
            )
          ).optionType.id;
        });
        expect(await ours()).toEqual({ codeInMarketplace: typeId, name: 'Voltagem e2e', values: [] });
        await refreshChangesNothing();

        await refreshedOnce('OPTION_TYPE', 'update', () =>
          mutate('optionTypeCreateOrUpdate', 'OptionTypeCreateOrUpdateMutationInput', { id: typeId, displayName: 'Tensão e2e' }, 'optionType { id }'),
        );
        expect(await ours()).toMatchObject({ name: 'Tensão e2e' });
        await refreshChangesNothing();
      },
      SLOW,
    );

    it(
      'OptionValue create and update: the value appears under its variation type, then renamed, one refresh each',
      async () => {
        for (const name of ['110V', '220V']) {
          await refreshedOnce('OPTION_VALUE', 'create', async () => {
            const created = await mutate<{ optionValue: { id: string } }>(
              'optionValueCreateOrUpdate',
              'OptionValueCreateOrUpdateMutationInput',
              { name, optionTypeId: typeId },
              'optionValue { id }',
            );
            valueIds = [...valueIds, created.optionValue.id];
          });
        }
        expect((await ours())!.values).toEqual([
          { codeInMarketplace: valueIds[0], name: '110V' },
          { codeInMarketplace: valueIds[1], name: '220V' },
        ]);
        await refreshedOnce('OPTION_VALUE', 'update', () =>
          mutate('optionValueCreateOrUpdate', 'OptionValueCreateOrUpdateMutationInput', { id: valueIds[1], displayName: '220 V' }, 'optionValue { id }'),
        );
        expect((await ours())!.values.map((value) => value.name)).toEqual(['110V', '220 V']);
        await refreshChangesNothing();
      },
      SLOW,
    );

    it(
      "OptionValue destroy (optionValueDelete): the gone value's delivery names no object and is kept as ignored, never retried; the option type's update removes it, once",
      async () => {
        const runs = await taxonomyRuns();
        const deliveries = await delivered('OPTION_VALUE', () =>
          sim.control('DELETE', `/_control/marketplacer/option-values/${encodeURIComponent(valueIds[1])}`),
        );
        expect(deliveries.map((delivery) => [delivery.entity, delivery.eventName, delivery.nodeId])).toEqual([['OptionValue', 'destroy', valueIds[1]]]);
        const [destroy] = deliveries;
        expect(JSON.parse(destroy.body)).toMatchObject({ event_name: 'destroy', payload: { data: { node: null } } });
        const ignored = await storedOnce(destroy, 'ignored');
        expect(ignored).toMatchObject({ attempts: 0, type: null, note: expect.stringContaining('names no object') });
        await redeliveredAsDuplicate(destroy, ignored);
        expect(await taxonomyRuns()).toBe(runs);
        // Not yet gone from what ANYMARKET reads: nothing named the value's type.
        expect((await ours())!.values).toHaveLength(2);

        // The OptionType update fired with the delete (INFERRED in the simulator) is what shows it gone.
        const typeDeliveries = await delivered('OPTION_TYPE', () =>
          sim.control('DELETE', `/_control/marketplacer/option-values/${encodeURIComponent(valueIds[0])}`),
        );
        expect(typeDeliveries.map((delivery) => [delivery.entity, delivery.eventName, delivery.nodeId])).toEqual([['OptionType', 'update', typeId]]);
        await storedOnce(typeDeliveries[0], 'processed');
        expect(await taxonomyRuns()).toBe(runs + 1);
        expect((await ours())!.values).toEqual([]);
        await refreshChangesNothing();
        expect(await events('&state=failed')).toEqual([]);
      },
      SLOW,
    );
  });
});
