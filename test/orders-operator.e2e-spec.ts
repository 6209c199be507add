import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { availableDatabases, createTestDatabase, type TestDatabase } from '#common/testing';
import { ListingsSimulator } from './support/listings-simulator.js';
import { OrdersConnector, type RemoteAnswer } from './support/orders-connector.js';
import { OrdersSimulator, type SellableVariant, type SimulatedInvoice } from './support/orders-simulator.js';
import { startConnector, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';

/**
 * Operators' Marketplacer orders and refund requests through the admin API, end to end: the real
 * connector against the real simulator over HTTP. Orders made here are storefront orders created in
 * Marketplacer (once per storefront id, even when Marketplacer's answer is lost); refund requests go
 * through every step, and Marketplacer's refusals reach the operator in its own words.
 */
const databases = await availableDatabases();
const SLOW = 60_000;

interface OrderAnswer {
  id: string;
  legacyId: number;
  status: string;
  invoices: Array<{ id: string; legacyId: number; lineItems: Array<{ id: string; variantId: string | null; quantity: number }> }>;
}

interface RefundRequestAnswer {
  id: string;
  status: string;
  invoice: { id: string; legacyId: number };
  cashAmountCents: number | null;
  lineItems: Array<{ id: string; status: string | null; lineItemId: string | null; quantity: number | null }>;
}

interface ErrorAnswer {
  error: { code: string; message: string; details?: Array<{ field: string; messages: string[] }> };
}

describe.each(databases)('operators’ Marketplacer orders and refunds on %s', (kind) => {
  let database: TestDatabase;
  let simulator: Listening;
  let connector: ConnectorUnderTest;
  let sim: OrdersSimulator;
  let marketplacer: ListingsSimulator;
  let admin: OrdersConnector;
  let variants: SellableVariant[];
  let nextVariant = 0;

  beforeAll(async () => {
    simulator = await startSimulator({ SIMULATOR_SEED_SELLERS: '4', SIMULATOR_SEED_ADVERTS: '60', SIMULATOR_SEED_INVOICES: '0' });
    sim = new OrdersSimulator(simulator.url);
    marketplacer = new ListingsSimulator(simulator.url);
    database = await createTestDatabase(kind, tmpdir());
    connector = await startConnector(database.target, simulator.url, { ENCRYPTION_KEY: randomBytes(32).toString('hex') });
    admin = new OrdersConnector(connector, marketplacer);
    const [seller] = await sim.stockedSellers(marketplacer, 3);
    if (!seller) throw new Error('a seller with three variants in stock is needed');
    variants = seller.variants;
  }, SLOW);

  afterAll(async () => {
    await connector?.close();
    await simulator?.close();
    await database?.drop();
  });

  /** A storefront order of `lines` variants of one seller, one unit each at 25.90, 12.00 postage. */
  function storefrontOrder(externalId: string, lines = 1) {
    return {
      externalId,
      buyer: { firstName: 'Ana', surname: 'Compradora', emailAddress: 'ana.compradora@buyer.example.com' },
      address: { address: 'Rua Teste, 100', city: 'Maringá', postcode: '87020-035', stateShort: 'PR', countryCode: 'BR' },
      lineItems: Array.from({ length: lines }, (_, index) => ({
        variantId: variants[nextVariant++ % variants.length].id,
        quantity: 1,
        lineTotalCents: 2590,
        ...(index === 0 ? { postageCents: 1200 } : {}),
      })),
    };
  }

  /** The orders of the simulated Marketplacer carrying this storefront order id. */
  async function ordersCarrying(externalId: string): Promise<string[]> {
    const data = await sim.graphql<{ externalIds: Array<{ value: string | null; owner: { id: string } }> }>(
      'query($value: String!) { externalIds(ownerType: "Order", value: $value) { value owner { ... on Order { id } } } }',
      { value: externalId },
    );
    return data.externalIds.map((entry) => entry.owner.id);
  }

  /** A new storefront order made through the admin API: its one invoice. */
  async function orderedInvoice(lines = 1): Promise<OrderAnswer['invoices'][number]> {
    const made = await admin.marketplacerAdmin<OrderAnswer>('POST', '/orders', storefrontOrder(`LOJA-${randomUUID()}`, lines));
    expect(made.status).toBe(201);
    expect(made.body.invoices).toHaveLength(1);
    return made.body.invoices[0];
  }

  const refundRequest = <T = RefundRequestAnswer>(invoice: { id: string }, lines: unknown[], requestId = randomUUID()) =>
    admin.marketplacerAdmin<T>('POST', '/refund-requests', { requestId, invoiceId: invoice.id, lines, notes: ['e2e'] });
  const cancellationOf = (line: { id: string }) => ({ lineItemId: line.id, quantity: 1, reason: 'Desistência', dispatched: false });
  const step = <T = RefundRequestAnswer>(path: string, body: unknown = {}): Promise<RemoteAnswer<T>> => admin.marketplacerAdmin<T>('POST', path, body);

  it(
    "creates a storefront's order once: sent again with the same externalId it answers 200 with that order",
    async () => {
      const order = storefrontOrder(`LOJA-${randomUUID()}`, 2);

      const first = await admin.marketplacerAdmin<OrderAnswer>('POST', '/orders', order);
      const again = await admin.marketplacerAdmin<OrderAnswer>('POST', '/orders', order);

      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ status: 'COMPLETE', invoices: [{ lineItems: [{ quantity: 1 }, { quantity: 1 }] }] });
      expect(again).toEqual({ status: 200, body: first.body });
      expect(await ordersCarrying(order.externalId)).toEqual([first.body.id]);
      const invoice = await sim.invoice(first.body.invoices[0].id);
      expect(invoice.lineItems.map((line) => line.goodsCents)).toEqual([2590, 2590]);
      expect(invoice.postageCents).toBe(1200);
    },
    SLOW,
  );

  it(
    'makes one order when Marketplacer made it but its answer was lost: the create finds it, a repeat answers it',
    async () => {
      const order = storefrontOrder(`LOJA-${randomUUID()}`);
      const createsBefore = await marketplacer.operationCount('OrderCreate');
      await marketplacer.loseNextAnswerOf('OrderCreate');

      const first = await admin.marketplacerAdmin<OrderAnswer>('POST', '/orders', order);
      const repeated = await admin.marketplacerAdmin<OrderAnswer>('POST', '/orders', order);

      expect(first.status).toBe(201);
      expect(repeated).toEqual({ status: 200, body: first.body });
      expect(await ordersCarrying(order.externalId)).toEqual([first.body.id]);
      expect((await marketplacer.operationCount('OrderCreate')) - createsBefore).toBe(1);
    },
    SLOW,
  );

  it(
    "updates an order's status and payment details, by its order number",
    async () => {
      const made = await admin.marketplacerAdmin<OrderAnswer>('POST', '/orders', storefrontOrder(`LOJA-${randomUUID()}`));

      const updated = await admin.marketplacerAdmin<OrderAnswer>('PATCH', `/orders/${made.body.legacyId}`, {
        status: 'PAYMENT_IN_PROGRESS',
        paymentGatewayDetails: { gateway: 'pagarme', transactionId: 'tr_e2e' },
      });

      expect(updated).toMatchObject({ status: 200, body: { id: made.body.id, status: 'PAYMENT_IN_PROGRESS' } });
    },
    SLOW,
  );

  it(
    'takes a refund request from create to return to refund, answers the same one to a repeated create, and lists it',
    async () => {
      const invoice = await orderedInvoice();
      const requestId = randomUUID();

      const created = await refundRequest(invoice, [cancellationOf(invoice.lineItems[0])], requestId);
      expect(created).toMatchObject({
        status: 201,
        body: {
          status: 'AWAITING',
          invoice: { id: invoice.id, legacyId: invoice.legacyId },
          lineItems: [{ lineItemId: invoice.lineItems[0].id, quantity: 1 }],
        },
      });
      const returned = await step(`/refund-requests/${created.body.id}/return`, { notes: ['Devolução recebida'] });
      expect(returned).toMatchObject({ status: 200, body: { id: created.body.id, status: 'RETURNED' } });
      const refunded = await step(`/refund-requests/${created.body.id}/refund`, { cashAmountCents: 2590 });
      expect(refunded).toMatchObject({ status: 200, body: { id: created.body.id, status: 'REFUNDED', cashAmountCents: 2590 } });

      const repeated = await refundRequest(invoice, [cancellationOf(invoice.lineItems[0])], requestId);
      expect(repeated).toMatchObject({ status: 200, body: { id: created.body.id, status: 'REFUNDED' } });
      expect(await sim.refundRequestsOf({ id: invoice.id } as SimulatedInvoice)).toHaveLength(1);

      const listed = await admin.marketplacerAdmin<{ items: RefundRequestAnswer[]; nextCursor: string | null }>(
        'GET',
        `/refund-requests?invoice=${invoice.legacyId}&statuses=REFUNDED,AWAITING`,
      );
      expect(listed).toMatchObject({ status: 200, body: { items: [{ id: created.body.id, status: 'REFUNDED' }], nextCursor: null } });
      const since = new Date(Date.now() - 60 * 60_000).toISOString();
      const changes = await admin.marketplacerAdmin<{ items: RefundRequestAnswer[] }>('GET', `/refund-requests/changes?updatedSince=${since}&limit=500`);
      expect(changes.status).toBe(200);
      expect(changes.body.items.map((item) => item.id)).toContain(created.body.id);
    },
    SLOW,
  );

  it(
    "answers Marketplacer's refusal of a step with its message, word for word (422), and denies a refund request",
    async () => {
      const invoice = await orderedInvoice();
      const created = await refundRequest(invoice, [cancellationOf(invoice.lineItems[0])]);

      const early = await step<ErrorAnswer>(`/refund-requests/${created.body.id}/refund`, {});
      expect(early.status).toBe(422);
      expect(early.body.error.code).toBe('MARKETPLACER_VALIDATION_FAILED');
      expect(early.body.error.details).toEqual([{ field: 'refundRequestId', messages: ['Can only mark a returned or processed RefundRequest as refunded'] }]);

      const denied = await step(`/refund-requests/${created.body.id}/deny`, { notes: ['Fora do prazo'] });
      expect(denied).toMatchObject({ status: 200, body: { id: created.body.id, status: 'DENIED' } });
      const unknown = await step<ErrorAnswer>('/refund-requests/987654/return');
      expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'MARKETPLACER_NOT_FOUND' } } });
    },
    SLOW,
  );

  it(
    'decides a refund request line by line: accept and return one, deny the other, then refund what was accepted',
    async () => {
      const invoice = await orderedInvoice(2);
      await sim.ship({ legacyId: invoice.legacyId } as SimulatedInvoice);
      const returnOf = (line: { id: string }) => ({ lineItemId: line.id, quantity: 1, reason: 'Tamanho errado', dispatched: true });
      const created = await refundRequest(invoice, invoice.lineItems.map(returnOf));
      expect(created.status).toBe(201);
      const [kept, refused] = created.body.lineItems;

      expect(await step(`/refund-requests/lines/${kept.id}/accept`)).toMatchObject({ status: 200, body: { id: kept.id, status: 'AWAITING_RETURN' } });
      expect(await step(`/refund-requests/lines/${kept.id}/return`)).toMatchObject({ status: 200, body: { id: kept.id, status: 'REFUND_ACCEPTED' } });
      expect(await step(`/refund-requests/lines/${refused.id}/deny`, { reason: 'Produto usado' })).toMatchObject({
        status: 200,
        body: { id: refused.id, status: 'REFUND_DENIED' },
      });
      const refunded = await step(`/refund-requests/${created.body.id}/refund`);
      expect(refunded).toMatchObject({ status: 200, body: { status: 'REFUNDED' } });
      expect(refunded.body.lineItems.map((line) => line.status)).toEqual(['REFUNDED', 'REFUND_DENIED']);
    },
    SLOW,
  );

  it(
    'answers bad input with 400 naming the fields, and asks Marketplacer nothing',
    async () => {
      const invoice = await orderedInvoice();
      const requestsBefore = await marketplacer.requestCount();

      const answers = await Promise.all([
        admin.marketplacerAdmin<ErrorAnswer>('POST', '/orders', { ...storefrontOrder('LOJA-bad'), externalId: '' }),
        admin.marketplacerAdmin<ErrorAnswer>('POST', '/orders', {
          ...storefrontOrder('LOJA-bad'),
          lineItems: [{ variantId: variants[0].id, quantity: 4, lineTotalCents: 10830 }],
        }),
        admin.marketplacerAdmin<ErrorAnswer>('PATCH', '/orders/abc!', { status: 'COMPLETE' }),
        admin.marketplacerAdmin<ErrorAnswer>('PATCH', `/orders/${invoice.legacyId}`, { status: 'SHIPPED' }),
        refundRequest<ErrorAnswer>({ id: Buffer.from('Seller-1').toString('base64') }, [cancellationOf(invoice.lineItems[0])]),
        refundRequest<ErrorAnswer>(invoice, [{ lineItemId: invoice.lineItems[0].id, quantity: 0, reason: 'x', dispatched: false }]),
        step<ErrorAnswer>('/refund-requests/-1/return'),
        step<ErrorAnswer>('/refund-requests/1/refund', { cashAmountCents: -5 }),
        step<ErrorAnswer>('/refund-requests/lines/1/deny', {}),
        admin.marketplacerAdmin<ErrorAnswer>('GET', '/refund-requests?statuses=LOST&createdSince=yesterday'),
        admin.marketplacerAdmin<ErrorAnswer>('GET', '/refund-requests/changes'),
      ]);

      expect(answers.map((answer) => [answer.status, answer.body.error.code, answer.body.error.details?.map((detail) => detail.field)])).toEqual([
        [400, 'VALIDATION_FAILED', ['externalId']],
        [400, 'VALIDATION_FAILED', ['lineItems[0].lineTotalCents']],
        [400, 'VALIDATION_FAILED', ['id']],
        [400, 'VALIDATION_FAILED', ['status']],
        [400, 'VALIDATION_FAILED', ['invoiceId']],
        [400, 'VALIDATION_FAILED', ['lines[0].quantity']],
        [400, 'VALIDATION_FAILED', ['id']],
        [400, 'VALIDATION_FAILED', ['cashAmountCents']],
        [400, 'VALIDATION_FAILED', ['reason']],
        [400, 'VALIDATION_FAILED', ['statuses', 'createdSince']],
        [400, 'VALIDATION_FAILED', ['updatedSince']],
      ]);
      expect(await marketplacer.requestCount()).toBe(requestsBefore);
    },
    SLOW,
  );
});
