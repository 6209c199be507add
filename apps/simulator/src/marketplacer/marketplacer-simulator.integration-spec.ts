import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from '#common/testing';
import { DEMO_MARKETPLACER_API_KEY } from './marketplacer-simulator.config.js';
import { SimulatorHarness, type GraphqlAnswer } from '#test-support/simulator/simulator-harness';

const KEY = { 'MARKETPLACER-API-KEY': DEMO_MARKETPLACER_API_KEY };

const ALL_ADVERTS = `query($updatedSince: ISO8601DateTime, $first: Int, $after: String) {
  allAdverts(updatedSince: $updatedSince, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { __typename ... on Advert { id updatedAt } ... on UnpublishedAdvert { id updatedAt } ... on DeletedAdvert { id updatedAt } } } }`;

/** Polls `probe` until it answers something (not undefined), bounded. */
const present = <T>(probe: () => Promise<T | undefined>, what: string) => eventually(probe, (value) => value !== undefined, what, 10_000) as Promise<T>;

describe('Marketplacer simulator', () => {
  let sim: SimulatorHarness;

  beforeAll(async () => {
    sim = await SimulatorHarness.start({ SIMULATOR_WEBHOOK_RETRY_BASE_MS: '10' });
  });

  afterAll(async () => {
    await sim?.stop();
  });

  beforeEach(async () => {
    expect((await sim.control('POST', '/reset', {})).status).toBe(200);
  });

  describe('API key', () => {
    const query = '{ brands(first: 1) { totalCount } }';

    it.each([
      ['no key', {}],
      ['a wrong bearer key', { Authorization: 'Bearer nope' }],
      ['a wrong MARKETPLACER-API-KEY', { 'MARKETPLACER-API-KEY': 'nope' }],
      ['Basic auth without MARKETPLACER-API-KEY', { Authorization: `Basic ${Buffer.from('user:pass').toString('base64')}` }],
    ])('answers 401 "API Token has expired" to %s', async (_what, headers) => {
      const response = await fetch(`${sim.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBe(401);
      expect(await response.text()).toBe('API Token has expired');
    });

    it.each([
      ['a bearer key', { Authorization: `Bearer ${DEMO_MARKETPLACER_API_KEY}` }],
      ['MARKETPLACER-API-KEY', { 'marketplacer-api-key': DEMO_MARKETPLACER_API_KEY }],
      [
        'Basic auth plus MARKETPLACER-API-KEY',
        { Authorization: `Basic ${Buffer.from('user:pass').toString('base64')}`, 'MARKETPLACER-API-KEY': DEMO_MARKETPLACER_API_KEY },
      ],
    ])('accepts %s', async (_what, headers) => {
      const answer = await sim.graphql(query, {}, headers);
      expect(answer.status).toBe(200);
      expect(answer.body.data?.brands.totalCount).toBeGreaterThan(0);
    });
  });

  describe('GraphQL errors', () => {
    it('answers parse and validation errors with HTTP 200 and top-level errors', async () => {
      const parseError = await sim.graphql('{ brands(first: 1 { id }');
      expect(parseError.status).toBe(200);
      expect(parseError.body.errors?.[0].message).toMatch(/Syntax Error/);
      const unknownField = await sim.graphql('{ allSellerz { totalCount } }');
      expect(unknownField.status).toBe(200);
      expect(unknownField.body.errors?.[0].message).toContain('Cannot query field "allSellerz" on type "Query"');
      const noQuery = await sim.graphql('');
      expect(noQuery.body.errors?.[0].message).toBe('No query string was present');
    });

    it('refuses pages above 500 and malformed cursors', async () => {
      const tooBig = await sim.graphql(ALL_ADVERTS, { first: 501 });
      expect(tooBig.status).toBe(200);
      expect(tooBig.body.errors?.[0].message).toContain('500');
      const badCursor = await sim.graphql(ALL_ADVERTS, { first: 10, after: 'not-a-cursor' });
      expect(badCursor.body.errors?.[0].message).toContain('Invalid cursor');
    });
  });

  describe('paging', () => {
    it('yields every advert exactly once through allAdverts cursors, with a stable totalCount', async () => {
      await sim.control('POST', '/reset', { adverts: 1234 });
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const answer: GraphqlAnswer = await sim.graphql(ALL_ADVERTS, { first: 500, after }, KEY);
        const page: any = answer.body.data!.allAdverts;
        expect(page.totalCount).toBe(1234);
        seen.push(...page.nodes.map((n: any) => n.id));
        pages++;
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(pages).toBe(3);
      expect(seen).toHaveLength(1234);
      expect(new Set(seen).size).toBe(1234);
    });

    it('does not skip adverts that move while a client pages (keyset cursors)', async () => {
      const first = await sim.graphql(ALL_ADVERTS, { first: 50 }, KEY);
      const page1 = first.body.data!.allAdverts;
      // An advert already seen changes: it moves to the end of the updatedAt order.
      const moved = page1.nodes[3].id;
      await sim.control('POST', `/adverts/${encodeURIComponent(moved)}/unpublish`);
      const rest: string[] = [];
      let after = page1.pageInfo.endCursor;
      for (;;) {
        const page = (await sim.graphql(ALL_ADVERTS, { first: 50, after }, KEY)).body.data!.allAdverts;
        rest.push(...page.nodes.map((n: any) => n.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      const all = [...page1.nodes.map((n: any) => n.id), ...rest];
      expect(new Set(all).size).toBe(200);
      expect(rest.at(-1)).toBe(moved);
    });

    it('pages advertsWhere by seller, and returns nothing without a filter', async () => {
      const state = (await sim.control('GET', '/state')).body;
      const seller = state.sellers[0].id;
      const query = `query($retailerIds: [ID!], $after: String) { advertsWhere(retailerIds: $retailerIds, first: 25, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } nodes { id seller { id } } } }`;
      const ids: string[] = [];
      let after: string | null = null;
      let total = 0;
      do {
        const page: any = (await sim.graphql(query, { retailerIds: [seller], after }, KEY)).body.data!.advertsWhere;
        total = page.totalCount;
        expect(page.nodes.every((n: any) => n.seller.id === seller)).toBe(true);
        ids.push(...page.nodes.map((n: any) => n.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(total).toBeGreaterThan(25);
      expect(new Set(ids).size).toBe(total);
      const none = await sim.graphql('{ advertsWhere { totalCount nodes { id } } }', {}, KEY);
      expect(none.body.data!.advertsWhere).toEqual({ totalCount: 0, nodes: [] });
    });
  });

  describe('updatedSince and Marketplacer-side edits', () => {
    it('reports exactly the adverts changed since a timestamp (inclusive)', async () => {
      const since = new Date().toISOString();
      expect((await sim.graphql(ALL_ADVERTS, { updatedSince: since }, KEY)).body.data!.allAdverts.totalCount).toBe(0);

      const advert = (await sim.graphql(ALL_ADVERTS, { first: 1 }, KEY)).body.data!.allAdverts.nodes[0];
      const details = (await sim.graphql(`query($id: ID!) { node(id: $id) { ... on Advert { variants { nodes { id } } } } }`, { id: advert.id }, KEY)).body
        .data!.node;
      const edit = await sim.control('PATCH', `/variants/${encodeURIComponent(details.variants.nodes[0].id)}`, { countOnHand: 99, price: '12.50' });
      expect(edit.status).toBe(200);
      expect(edit.body).toMatchObject({ countOnHand: 99, price: '12.5' });

      const changed = (await sim.graphql(ALL_ADVERTS, { updatedSince: since }, KEY)).body.data!.allAdverts;
      expect(changed.nodes.map((n: any) => n.id)).toEqual([advert.id]);
      const again = (await sim.graphql(ALL_ADVERTS, { updatedSince: changed.nodes[0].updatedAt }, KEY)).body.data!.allAdverts;
      expect(again.totalCount).toBe(1);
    });

    it('puts an advert back in vetting, then approves it', async () => {
      const [id] = (await sim.graphql(ALL_ADVERTS, { first: 1 }, KEY)).body.data!.allAdverts.nodes.map((n: any) => n.id);
      expect((await sim.control('POST', `/adverts/${encodeURIComponent(id)}/vetting/hold`)).body).toMatchObject({ vetting: 'PENDING' });
      expect((await sim.control('POST', `/adverts/${encodeURIComponent(id)}/vetting/approve`)).body).toMatchObject({ vetting: 'APPROVED' });
    });

    it('unpublishes, rejects in vetting, deletes and changes sellers', async () => {
      const ids = (await sim.graphql(ALL_ADVERTS, { first: 3 }, KEY)).body.data!.allAdverts.nodes.map((n: any) => n.id);
      expect((await sim.control('POST', `/adverts/${encodeURIComponent(ids[0])}/unpublish`)).body).toMatchObject({ published: false });
      expect((await sim.control('POST', `/adverts/${encodeURIComponent(ids[1])}/vetting/reject`, { reason: 'Blurry' })).body).toMatchObject({
        vetting: 'REJECTED',
      });
      expect((await sim.control('DELETE', `/adverts/${encodeURIComponent(ids[2])}`)).body).toMatchObject({ deleted: true });
      const nodes = (
        await sim.graphql(
          `query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Advert { published vettingRejected vettingRejectedReason } } }`,
          { ids },
          KEY,
        )
      ).body.data!.nodes;
      expect(nodes).toEqual([
        { __typename: 'Advert', published: false, vettingRejected: false, vettingRejectedReason: null },
        { __typename: 'Advert', published: true, vettingRejected: true, vettingRejectedReason: 'Blurry' },
        { __typename: 'DeletedAdvert' },
      ]);
      const union = (await sim.graphql(ALL_ADVERTS, { first: 3, updatedSince: '2030-01-01T00:00:00Z' }, KEY)).body.data!.allAdverts;
      expect(union.totalCount).toBe(0);

      const seller = (await sim.control('PATCH', '/sellers/1', { online: false })).body;
      expect(seller).toMatchObject({ online: false, legacyId: 1 });
      const search = (await sim.graphql('{ sellerSearch { sellers(first: 50) { nodes { legacyId } } } }', {}, KEY)).body.data!.sellerSearch.sellers.nodes;
      expect(search.map((s: any) => s.legacyId)).not.toContain(1);
      expect((await sim.control('PATCH', '/sellers/999', { online: true })).status).toBe(404);
    });

    it('marks invoices paid, shipped and cancelled', async () => {
      const invoices = (await sim.graphql('{ invoices(filters: { statuses: [AWAITING_PAYMENT] }, first: 1) { nodes { id } } }', {}, KEY)).body.data!.invoices
        .nodes;
      const id = encodeURIComponent(invoices[0].id);
      expect((await sim.control('POST', `/invoices/${id}/paid`)).body).toMatchObject({ status: 'PAID' });
      expect((await sim.control('POST', `/invoices/${id}/shipped`, { trackingNumber: 'T1' })).body).toMatchObject({
        status: 'SENT',
        statusFlags: ['PAID', 'SENT'],
      });
      const shipped = await sim.control('POST', `/invoices/${id}/shipped`, {});
      expect(shipped.status).toBe(422);
      const paid = (await sim.graphql('{ invoices(filters: { statuses: [PAID] }, first: 1) { nodes { id } } }', {}, KEY)).body.data!.invoices.nodes[0];
      expect((await sim.control('POST', `/invoices/${encodeURIComponent(paid.id)}/cancelled`)).body).toMatchObject({ status: 'CANCELLED' });
    });
  });

  describe('mutation payload errors (HTTP 200, errors in the payload)', () => {
    const UPSERT = `mutation($input: AdvertUpsertMutationInput!) { advertUpsert(input: $input) { status errors { field messages } advert { id } } }`;

    it('refuses an advert without title, taxon and price, and unknown brand ids', async () => {
      const answer = await sim.graphql(UPSERT, { input: { sellerId: 'U2VsbGVyLTE=', attributes: { description: 'x' } } }, KEY);
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      const payload = answer.body.data!.advertUpsert;
      expect(payload.advert).toBeNull();
      expect(payload.status).toBe(422);
      expect(payload.errors).toEqual(
        expect.arrayContaining([
          { field: 'title', messages: ["can't be blank"] },
          { field: 'taxonId', messages: ["can't be blank"] },
          { field: 'price', messages: ["can't be blank"] },
        ]),
      );
      const brand = (
        await sim.graphql(
          UPSERT,
          { input: { sellerId: 'U2VsbGVyLTE=', attributes: { title: 't', taxonId: 'VGF4b24tOA==', price: '10', brandId: 'QnJhbmQtOTk5' } } },
          KEY,
        )
      ).body.data!.advertUpsert;
      expect(brand.errors).toEqual([{ field: 'brandId', messages: ['No object found for brandId: QnJhbmQtOTk5'] }]);
    });

    it('refuses a non-leaf taxon and an advert id that names nothing', async () => {
      const parent = (await sim.graphql(UPSERT, { input: { sellerId: 'U2VsbGVyLTE=', attributes: { title: 't', taxonId: 'VGF4b24tMQ==', price: '10' } } }, KEY))
        .body.data!.advertUpsert;
      expect(parent.errors).toEqual([{ field: 'taxonId', messages: ['Clothing has sub-categories; choose one of them'] }]);
      const unknown = (await sim.graphql(UPSERT, { input: { advertId: 'QWR2ZXJ0LTE=', attributes: { title: 't' } } }, KEY)).body.data!.advertUpsert;
      expect(unknown).toMatchObject({ status: 404, errors: [{ field: 'advertId', messages: ['No object found for advertId: QWR2ZXJ0LTE='] }] });
    });
  });

  describe('orderCreate', () => {
    const ORDER = `mutation($input: OrderCreateMutationInput!) { orderCreate(input: $input) { status errors { field messages }
      order { id invoices { nodes { id seller { id } lineItems { quantity totalCents variantId } totalCents } } } } }`;
    const VARIANTS = `{ advertsWhere(status: DISPLAYED, stockStatus: HAS_STOCK, first: 200) { nodes { seller { id } variants { nodes { id countOnHand } } } } }`;

    async function stocked(): Promise<{ sellerId: string; variantId: string; countOnHand: number }[]> {
      const adverts = (await sim.graphql(VARIANTS, {}, KEY)).body.data!.advertsWhere.nodes;
      return adverts.flatMap((a: any) =>
        a.variants.nodes.filter((v: any) => v.countOnHand >= 4).map((v: any) => ({ sellerId: a.seller.id, variantId: v.id, countOnHand: v.countOnHand })),
      );
    }

    it('splits line items into one invoice per seller, rounds unit prices up and decrements stock', async () => {
      const variants = await stocked();
      const a1 = variants[0];
      const a2 = variants.find((v) => v.sellerId === a1.sellerId && v.variantId !== a1.variantId)!;
      const b = variants.find((v) => v.sellerId !== a1.sellerId)!;
      const answer = await sim.graphql(
        ORDER,
        {
          input: {
            order: { firstName: 'Bia' },
            lineItems: [
              { variantId: a1.variantId, quantity: 4, cost: { amount: 10830 } },
              { variantId: b.variantId, quantity: 1, cost: { amount: 500 } },
              { variantId: a2.variantId, quantity: 2, cost: { amount: 1000 } },
            ],
          },
        },
        KEY,
      );
      const payload = answer.body.data!.orderCreate;
      expect(payload.errors).toEqual([]);
      const invoices = payload.order.invoices.nodes;
      expect(invoices).toHaveLength(2);
      const first = invoices.find((i: any) => i.seller.id === a1.sellerId);
      expect(first.lineItems.map((l: any) => l.totalCents)).toEqual([10832, 1000]);
      expect(invoices.find((i: any) => i.seller.id === b.sellerId).lineItems).toHaveLength(1);
      const after = (await sim.graphql(`query($id: ID!) { node(id: $id) { ... on Variant { countOnHand } } }`, { id: a1.variantId }, KEY)).body.data!.node;
      expect(after.countOnHand).toBe(a1.countOnHand - 4);
    });

    it('refuses over-ordering and half-taxed orders without changing stock', async () => {
      const [v, w] = await stocked();
      const over = (
        await sim.graphql(ORDER, { input: { order: {}, lineItems: [{ variantId: v.variantId, quantity: v.countOnHand + 1, cost: { amount: 100 } }] } }, KEY)
      ).body.data!.orderCreate;
      expect(over.order).toBeNull();
      expect(over.errors[0]).toMatchObject({ field: 'lineItems[0].quantity', messages: [expect.stringContaining('Not enough stock')] });
      const taxed = (
        await sim.graphql(
          ORDER,
          {
            input: {
              order: {},
              lineItems: [
                { variantId: v.variantId, quantity: 1, cost: { amount: 100, tax: 9 }, postage: { amount: 0, tax: 0 } },
                { variantId: w.variantId, quantity: 1, cost: { amount: 100 } },
              ],
            },
          },
          KEY,
        )
      ).body.data!.orderCreate;
      expect(taxed.errors.map((e: any) => e.field)).toEqual(['lineItems[1].cost.tax', 'lineItems[1].postage.tax']);
      const after = (await sim.graphql(`query($id: ID!) { node(id: $id) { ... on Variant { countOnHand } } }`, { id: v.variantId }, KEY)).body.data!.node;
      expect(after.countOnHand).toBe(v.countOnHand);
    });
  });

  describe('refund requests', () => {
    const REFUND = `mutation($input: RefundRequestRefundMutationInput!) { refundRequestRefund(input: $input) { status errors { field messages } refundRequest { status } } }`;

    it('refuses to refund a request that is not returned or processed, with the documented message', async () => {
      const awaiting = (await sim.graphql('{ refundRequests(filters: { statuses: [AWAITING] }, first: 1) { nodes { id } } }', {}, KEY)).body.data!
        .refundRequests.nodes[0];
      const refused = (await sim.graphql(REFUND, { input: { refundRequestId: awaiting.id, notes: [] } }, KEY)).body.data!.refundRequestRefund;
      expect(refused).toEqual({
        status: 422,
        errors: [{ field: 'refundRequestId', messages: ['Can only mark a returned or processed RefundRequest as refunded'] }],
        refundRequest: null,
      });
      const unknown = (await sim.graphql(REFUND, { input: { refundRequestId: 'UmVmdW5kUmVxdWVzdC0x', notes: [] } }, KEY)).body.data!.refundRequestRefund;
      expect(unknown.errors).toEqual([{ field: 'refundRequestId', messages: ['No object found for refundRequestId: UmVmdW5kUmVxdWVzdC0x'] }]);
      const returned = (await sim.graphql('{ refundRequests(filters: { statuses: [RETURNED] }, first: 1) { nodes { id } } }', {}, KEY)).body.data!
        .refundRequests.nodes[0];
      const done = (await sim.graphql(REFUND, { input: { refundRequestId: returned.id, notes: [{ note: 'ok' }] } }, KEY)).body.data!.refundRequestRefund;
      expect(done).toMatchObject({ status: 200, errors: [], refundRequest: { status: 'REFUNDED' } });
    });

    it('refuses line items of another invoice with the documented message', async () => {
      const invoices = (await sim.graphql('{ invoices(filters: { statuses: [PAID] }, first: 2) { nodes { id lineItems { id } } } }', {}, KEY)).body.data!
        .invoices.nodes;
      const create = `mutation($input: RefundRequestCreateMutationInput!) { refundRequestCreate(input: $input) { status errors { field messages } } }`;
      const answer = (
        await sim.graphql(
          create,
          { input: { invoiceId: invoices[0].id, lineItems: [{ lineItemId: invoices[1].lineItems[0].id, quantity: 1 }], notes: [] } },
          KEY,
        )
      ).body.data!.refundRequestCreate;
      expect(answer.errors).toEqual([
        { field: 'lineItems', messages: ['line items must be part of the same invoice for which you are raising a refund request.'] },
      ]);
    });
  });

  describe('faults and the request log', () => {
    const query = '{ shipmentCarriers(first: 1) { totalCount } }';

    it('counts requests, and shows none after a clear', async () => {
      expect((await sim.control('GET', '/requests')).body).toMatchObject({ count: 0, last: [] });
      await sim.graphql(query, {}, KEY);
      await sim.graphql('query Named { brands(first: 1) { totalCount } }', {}, KEY);
      await sim.graphql(query, {}, {});
      const log = (await sim.control('GET', '/requests?limit=2')).body;
      expect(log.count).toBe(3);
      expect(log.last.map((e: any) => [e.operationName, e.outcome])).toEqual([
        ['Named', 'executed'],
        ['query{shipmentCarriers}', 'unauthorized'],
      ]);
      expect((await sim.control('DELETE', '/requests')).body.count).toBe(0);
    });

    it('fails the next requests with 5xx, then recovers', async () => {
      expect((await sim.control('PUT', '/faults', { failNextRequests: { count: 2, status: 503 } })).body).toEqual({
        latencyMs: 0,
        failNextRequests: { count: 2, status: 503 },
        burst429: null,
        dropNextConnections: 0,
        loseNextAnswers: null,
        stallNextRequests: null,
        maintenancePageNextRequests: 0,
        refuseIntrospection: null,
      });
      expect((await sim.graphql(query, {}, KEY)).status).toBe(503);
      expect((await sim.graphql(query, {}, KEY)).status).toBe(503);
      expect((await sim.graphql(query, {}, KEY)).status).toBe(200);
      expect((await sim.control('PUT', '/faults', { failNextRequests: { count: 1, status: 418 } })).status).toBe(400);
    });

    it('answers a burst of 429 with Retry-After', async () => {
      await sim.control('PUT', '/faults', { burst429: { count: 1, retryAfterSeconds: 7 } });
      const response = await fetch(`${sim.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...KEY },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('7');
      expect((await sim.graphql(query, {}, KEY)).status).toBe(200);
    });

    it('adds latency', async () => {
      await sim.control('PUT', '/faults', { latencyMs: 200 });
      const started = performance.now();
      expect((await sim.graphql(query, {}, KEY)).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(150);
      expect((await sim.control('DELETE', '/faults')).body).toEqual({
        latencyMs: 0,
        failNextRequests: null,
        burst429: null,
        dropNextConnections: 0,
        loseNextAnswers: null,
        stallNextRequests: null,
        maintenancePageNextRequests: 0,
        refuseIntrospection: null,
      });
    });

    it('drops connections without an answer', async () => {
      await sim.control('PUT', '/faults', { dropNextConnections: 1 });
      await expect(sim.graphql(query, {}, KEY)).rejects.toThrow();
      expect((await sim.graphql(query, {}, KEY)).status).toBe(200);
      expect((await sim.control('GET', '/requests')).body.last.map((e: any) => e.outcome)).toEqual(['dropped', 'executed']);
    });

    it('executes a request and then loses its answer (the change is made, the caller never learns it)', async () => {
      await sim.control('PUT', '/faults', { loseNextAnswers: { count: 1 } });
      await expect(sim.graphql(query, {}, KEY)).rejects.toThrow();
      expect((await sim.graphql(query, {}, KEY)).status).toBe(200);
      expect((await sim.control('GET', '/requests')).body.last.map((e: any) => e.outcome)).toEqual(['answer-lost', 'executed']);
      expect((await sim.control('PUT', '/faults', { loseNextAnswers: { count: -1 } })).status).toBe(400);
    });

    it('executes a request and then answers an error status instead (the change is made, the caller is told it failed)', async () => {
      await sim.control('PUT', '/faults', { loseNextAnswers: { count: 1, status: 400 } });
      expect((await sim.graphql(query, {}, KEY)).status).toBe(400);
      expect((await sim.control('GET', '/requests')).body.last.map((e: any) => [e.outcome, e.httpStatus])).toEqual([['answer-lost', 400]]);
      expect((await sim.control('PUT', '/faults', { loseNextAnswers: { count: 1, status: 200 } })).status).toBe(400);
    });

    it("logs each request's variables, for tests that check what a caller asked", async () => {
      await sim.graphql('query($first: Int) { shipmentCarriers(first: $first) { totalCount } }', { first: 2 }, KEY);
      await sim.graphql(query, {}, KEY);
      expect((await sim.control('GET', '/requests')).body.last.map((e: any) => e.variables)).toEqual([{ first: 2 }, {}]);
    });
  });

  describe('webhooks', () => {
    let receiver: Server;
    let received: { headers: IncomingHttpHeaders; body: string }[];
    let answers: number[];

    beforeAll(async () => {
      receiver = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
          res.statusCode = answers.shift() ?? 200;
          res.end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    });

    afterAll(async () => {
      await sim.control('PUT', '/webhooks', { url: null, hmacKey: null, enabled: true });
      await new Promise((resolve) => receiver.close(resolve));
    });

    beforeEach(async () => {
      received = [];
      answers = [];
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
      expect((await sim.control('PUT', '/webhooks', { url, hmacKey: 'sekret', enabled: true })).body).toMatchObject({ url, hmacKeySet: true, enabled: true });
    });

    const variantEdit = async () => {
      const advert = (await sim.graphql('{ advertsWhere(legacyIds: [100001]) { nodes { id variants { nodes { id } } } } }', {}, KEY)).body.data!.advertsWhere
        .nodes[0];
      await sim.control('PATCH', `/variants/${encodeURIComponent(advert.variants.nodes[0].id)}`, { countOnHand: 3 });
      return advert;
    };

    it('posts Marketplacer-format events with a correct HMAC', async () => {
      const advert = await variantEdit();
      await present(async () => (received.length >= 2 ? true : undefined), 'two deliveries');
      const [variantEvent, advertEvent] = received;
      for (const delivery of received) {
        expect(delivery.headers['content-type']).toBe('application/json');
        expect(delivery.headers['user-agent']).toBe('Marketplacer Client/1.0.0');
        expect(delivery.headers['marketplacer-vertical']).toBe('simulator');
        const sequence = delivery.headers['marketplacer-sequence'] as string;
        expect(Buffer.from(delivery.headers['idempotency-key'] as string, 'base64').toString()).toBe(`simulator:${sequence}`);
        expect(delivery.headers['marketplacer-hmac-256']).toBe(createHmac('sha256', 'sekret').update(delivery.body).digest('base64'));
      }
      expect(Number(advertEvent.headers['marketplacer-sequence'])).toBe(Number(variantEvent.headers['marketplacer-sequence']) + 1);
      expect(JSON.parse(variantEvent.body)).toMatchObject({
        id: expect.any(String),
        event_name: 'update',
        payload: { data: { node: { __typename: 'Variant', countOnHand: 3 } } },
      });
      expect(JSON.parse(advertEvent.body)).toMatchObject({ event_name: 'update', payload: { data: { node: { __typename: 'Advert', id: advert.id } } } });
      const deliveries = (await sim.control('GET', '/webhooks/deliveries?limit=2')).body;
      expect(deliveries.map((d: any) => [d.entity, d.status])).toEqual([
        ['Variant', 'sent'],
        ['Advert', 'sent'],
      ]);
    });

    it('retries 5xx and 429 with backoff', async () => {
      answers = [500, 429, 200];
      await sim.control('PUT', '/webhooks', { hmacKey: null });
      await sim.control('DELETE', '/adverts/100001');
      const delivery = await present(async () => {
        const [last] = (await sim.control('GET', '/webhooks/deliveries?limit=1')).body;
        return last?.status === 'sent' ? last : undefined;
      }, 'the retried delivery');
      expect(delivery.attempts.map((a: any) => a.httpStatus)).toEqual([500, 429, 200]);
      expect(received).toHaveLength(3);
      expect(received[0].body).toBe(received[2].body);
      expect(received[0].headers['marketplacer-hmac-256']).toBeUndefined();
      expect(JSON.parse(received[0].body)).toMatchObject({ event_name: 'destroy', payload: { data: { node: { __typename: 'DeletedAdvert' } } } });
    });

    it('disables the webhook after a 4xx other than 429, until re-enabled', async () => {
      answers = [404];
      await variantEdit();
      const status = await present(async () => {
        const body = (await sim.control('GET', '/webhooks')).body;
        return body.enabled ? undefined : body;
      }, 'the webhook to be disabled');
      expect(status.disabledReason).toContain('HTTP 404');
      await present(async () => ((await sim.control('GET', '/webhooks')).body.pending === 0 ? true : undefined), 'no pending deliveries');
      const count = received.length;
      expect(count).toBe(1);
      await variantEdit();
      expect((await sim.control('GET', '/webhooks')).body.skippedWhileDisabled).toBeGreaterThan(0);
      expect(received).toHaveLength(count);
      await sim.control('PUT', '/webhooks', { enabled: true });
      await variantEdit();
      await present(async () => (received.length >= count + 2 ? true : undefined), 'deliveries after re-enabling');
    });
  });
});

describe('Marketplacer simulator with a small rate limit', () => {
  let sim: SimulatorHarness;

  beforeAll(async () => {
    sim = await SimulatorHarness.start({ SIMULATOR_MARKETPLACER_RATE_LIMIT: '3', SIMULATOR_MARKETPLACER_RATE_WINDOW_MS: '60000' });
  });

  afterAll(async () => {
    await sim?.stop();
  });

  it('answers 429 with Retry-After once a key exceeds its limit', async () => {
    const query = '{ brands(first: 1) { totalCount } }';
    for (let i = 0; i < 3; i++) expect((await sim.graphql(query, {}, KEY)).status).toBe(200);
    const response = await fetch(`${sim.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...KEY },
      body: JSON.stringify({ query }),
    });
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await sim.control('GET', '/requests')).body.last.at(-1)).toMatchObject({ outcome: 'rate-limited', httpStatus: 429 });
  });
});

describe('Marketplacer simulator with a large catalogue', () => {
  let sim: SimulatorHarness;

  beforeAll(async () => {
    sim = await SimulatorHarness.start({ SIMULATOR_SEED_ADVERTS: '0' });
  });

  afterAll(async () => {
    await sim?.stop();
  });

  it('seeds 100,000 adverts and serves pages of 500 through them (timed by `npm run bench -- simulator-seed`)', async () => {
    const reset = (await sim.control('POST', '/reset', { adverts: 100_000 })).body;
    expect(reset.counts.adverts).toBe(100_000);
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const answer: GraphqlAnswer = await sim.graphql(ALL_ADVERTS, { first: 500, after }, KEY);
      expect(answer.body.data!.allAdverts.totalCount).toBe(100_000);
      expect(answer.body.data!.allAdverts.pageInfo.endCursor).not.toBe(after);
      after = answer.body.data!.allAdverts.pageInfo.endCursor;
    }
  });
});
