import { MarketplacerClient } from '../client/marketplacer-client.js';
import { MarketplacerContractStatus } from '../contract/contract-status.js';
import { toGlobalId } from '../ids/global-id.js';
import { answerData, FakeMarketplacerServer, testConnection } from '../testing/fake-marketplacer-server.js';
import { FakeTiming } from '../testing/fake-timing.js';
import { invoiceNode, refundRequestNode } from '../testing/fixtures.js';
import { ApolloMarketplacerOrders } from './apollo-marketplacer-orders.js';

const connectionOf = <T>(nodes: T[], hasNextPage = false, endCursor: string | null = null) => ({
  totalCount: nodes.length,
  pageInfo: { hasNextPage, endCursor },
  nodes,
});

describe('ApolloMarketplacerOrders', () => {
  let server: FakeMarketplacerServer;
  let client: MarketplacerClient;
  let orders: ApolloMarketplacerOrders;
  let contract: MarketplacerContractStatus;

  beforeEach(async () => {
    server = await FakeMarketplacerServer.start();
    client = new MarketplacerClient(testConnection(server.url, { maxAttempts: 1 }), { timing: new FakeTiming(), logger: { warn: () => undefined } });
    contract = new MarketplacerContractStatus();
    orders = new ApolloMarketplacerOrders(client, contract);
  });

  afterEach(async () => {
    client.stop();
    await server.close();
  });

  describe('invoice mapping', () => {
    it('maps every field of an invoice', async () => {
      const address = (city: string, state: { short: string; name: string } | null) => ({
        address: `1 ${city} St`,
        subaddress: 'Unit 2',
        city,
        postcode: '3000',
        state,
        country: { code: 'AU', name: 'Australia' },
      });
      const invoice = invoiceNode(10363, {
        createdAt: '2025-03-01T10:00:00+11:00',
        updatedAt: '2025-03-03T08:00:00+11:00',
        paidAt: '2025-03-01T10:01:00+11:00',
        status: 'PARTIALLY_SENT',
        statusFlags: ['PAID', 'PARTIALLY_SENT'],
        buyerFirstName: 'Ana',
        buyerSurname: 'Silva',
        buyerEmailAddress: 'ana@example.com',
        buyerPhone: '0400111222',
        buyerMessageToSeller: 'Leave at the door',
        shippingAddress: address('Melbourne', { short: 'VIC', name: 'Victoria' }),
        buyerBillingAddress: address('Hobart', null),
        externalIds: [{ key: 'anymarket', value: 'AM-1' }],
        seller: { id: toGlobalId('Seller', 78), legacyId: 78, businessName: 'Loja 78' },
        order: { id: toGlobalId('Order', 555), legacyId: 555 },
        totalCents: 7470,
        shippingCostCents: 1234,
        lineItems: [
          {
            id: toGlobalId('LineItem', 1),
            legacyId: 1,
            quantity: 3,
            status: 'ALLOCATED',
            variantId: toGlobalId('Variant', 10),
            variantSku: 'SKU-10',
            variantBarcode: '78910',
            variantName: 'Blue / M',
            advertId: toGlobalId('Advert', 4),
            advertTitle: 'Shirt',
            itemAmountCents: 1990,
            discountCents: -500,
          },
          {
            id: toGlobalId('LineItem', 2),
            legacyId: 2,
            quantity: 1,
            status: 'CANCELLED',
            variantId: null,
            variantSku: null,
            variantBarcode: null,
            variantName: null,
            advertId: null,
            advertTitle: null,
            itemAmountCents: 0,
            discountCents: 0,
          },
        ],
        shipments: [
          {
            id: toGlobalId('Shipment', 9),
            carrier: 'Australia Post',
            trackingNumber: 'TRK1',
            trackingLink: 'https://track.example/TRK1',
            dispatchedAt: '2025-03-02T12:00:00+11:00',
            shippedItems: [{ id: toGlobalId('ShippedItem', 1), quantity: 2, lineItem: { id: toGlobalId('LineItem', 1) } }],
          },
          {
            id: toGlobalId('Shipment', 10),
            carrier: 'Other',
            trackingNumber: 'TRK2',
            trackingLink: null,
            dispatchedAt: '2025-03-03T12:00:00+11:00',
            shippedItems: null,
          },
        ],
      });
      server.script(answerData({ node: invoice }));

      expect(await orders.findInvoice(invoice.id)).toEqual({
        id: invoice.id,
        legacyId: 10363,
        createdAt: '2025-03-01T10:00:00+11:00',
        updatedAt: '2025-03-03T08:00:00+11:00',
        paidAt: '2025-03-01T10:01:00+11:00',
        status: 'PARTIALLY_SENT',
        statusFlags: ['PAID', 'PARTIALLY_SENT'],
        buyer: { firstName: 'Ana', surname: 'Silva', emailAddress: 'ana@example.com', phone: '0400111222' },
        buyerMessageToSeller: 'Leave at the door',
        shippingAddress: {
          address: '1 Melbourne St',
          subaddress: 'Unit 2',
          city: 'Melbourne',
          postcode: '3000',
          stateShort: 'VIC',
          stateName: 'Victoria',
          countryCode: 'AU',
          countryName: 'Australia',
        },
        billingAddress: {
          address: '1 Hobart St',
          subaddress: 'Unit 2',
          city: 'Hobart',
          postcode: '3000',
          stateShort: null,
          stateName: null,
          countryCode: 'AU',
          countryName: 'Australia',
        },
        seller: { id: toGlobalId('Seller', 78), legacyId: 78, businessName: 'Loja 78' },
        order: { id: toGlobalId('Order', 555), legacyId: 555 },
        // The exact *Cents integers win over the strings.
        totalCents: 7470,
        postageCents: 1234,
        lineItems: [
          {
            id: toGlobalId('LineItem', 1),
            legacyId: 1,
            quantity: 3,
            status: 'ALLOCATED',
            variantId: toGlobalId('Variant', 10),
            variantSku: 'SKU-10',
            variantBarcode: '78910',
            variantName: 'Blue / M',
            advertId: toGlobalId('Advert', 4),
            advertTitle: 'Shirt',
            totalCents: 5970,
            discountCents: 500,
          },
          {
            id: toGlobalId('LineItem', 2),
            legacyId: 2,
            quantity: 1,
            status: 'CANCELLED',
            variantId: null,
            variantSku: null,
            variantBarcode: null,
            variantName: null,
            advertId: null,
            advertTitle: null,
            totalCents: 0,
            discountCents: 0,
          },
        ],
        shipments: [
          {
            id: toGlobalId('Shipment', 9),
            carrier: 'Australia Post',
            trackingNumber: 'TRK1',
            trackingLink: 'https://track.example/TRK1',
            dispatchedAt: '2025-03-02T12:00:00+11:00',
            items: [{ lineItemId: toGlobalId('LineItem', 1), quantity: 2 }],
          },
          {
            id: toGlobalId('Shipment', 10),
            carrier: 'Other',
            trackingNumber: 'TRK2',
            trackingLink: null,
            dispatchedAt: '2025-03-03T12:00:00+11:00',
            items: [],
          },
        ],
        externalIds: [{ key: 'anymarket', value: 'AM-1' }],
      });
    });

    it('reads the invoice postage from shippingCostCents, a line from its unit price, and a negative discount as its size', async () => {
      const line = { ...invoiceNode(1).lineItems[0], quantity: 3, itemAmountCents: 1990, discountCents: -250 };
      server.script(answerData({ node: invoiceNode(1, { shippingCostCents: 1005, lineItems: [line] }) }));
      const invoice = await orders.findInvoice('1');
      expect(invoice?.postageCents).toBe(1005);
      expect(invoice?.lineItems[0]).toMatchObject({ totalCents: 5970, discountCents: 250 });
    });

    it('fails with MARKETPLACER_UNEXPECTED_RESPONSE for a line without a unit price', async () => {
      const noPrice = { ...invoiceNode(1).lineItems[0], itemAmountCents: null as unknown as number };
      server.script(answerData({ node: invoiceNode(1, { lineItems: [noPrice] }) }));
      await expect(orders.findInvoice('1')).rejects.toMatchObject({
        code: 'MARKETPLACER_UNEXPECTED_RESPONSE',
        details: [{ field: 'LineItem.itemAmountCents' }],
      });
    });
  });

  describe('findInvoiceLineTotals (an optional detail)', () => {
    const id = toGlobalId('Invoice', 7);

    it("reads each line's total with its postage", async () => {
      server.script(answerData({ node: { __typename: 'Invoice', id, lineItems: [{ id: 'L1', totalCents: 5000, postageCents: 1000 }] } }));
      expect(await orders.findInvoiceLineTotals(id)).toEqual({ available: true, lines: [{ lineItemId: 'L1', totalCents: 5000, postageCents: 1000 }] });
      expect(server.requests[0]).toMatchObject({ operationName: 'InvoiceLineTotals', variables: { id } });
    });

    it('leaves the detail out when the schema refuses the document, records the refusal once and asks no more', async () => {
      const refusal = { message: "Field 'totalCents' doesn't exist on type 'LineItem'", extensions: { code: 'undefinedField' } };
      server.script({ status: 200, body: { errors: [refusal] } });

      const first = await orders.findInvoiceLineTotals(id);
      const second = await orders.findInvoiceLineTotals(id);

      expect(first).toEqual({ available: false, reason: expect.stringContaining("Field 'totalCents' doesn't exist on type 'LineItem'") });
      expect(second).toEqual(first);
      expect(server.requests).toHaveLength(1);
      expect(contract.verdictOf('InvoiceLineTotals')).toMatchObject({ ok: false, source: 'refusal' });
    });

    it('lets any other failure through (it may pass)', async () => {
      server.script({ status: 200, body: { errors: [{ message: 'Invoice is locked' }] } });
      await expect(orders.findInvoiceLineTotals(id)).rejects.toMatchObject({ code: 'MARKETPLACER_GRAPHQL_ERROR' });
      expect(contract.isUsable('InvoiceLineTotals')).toBe(true);
    });
  });

  describe('findInvoice', () => {
    it('turns a legacy id (as the portal shows it) into the global id', async () => {
      server.script(answerData({ node: invoiceNode(10363) }));
      const invoice = await orders.findInvoice('10363');
      expect(server.requests[0]).toMatchObject({ operationName: 'InvoiceById', variables: { id: 'SW52b2ljZS0xMDM2Mw==' } });
      expect(invoice?.legacyId).toBe(10363);
    });

    it('sends a global id as it is', async () => {
      server.script(answerData({ node: invoiceNode(7) }));
      await orders.findInvoice(toGlobalId('Invoice', 7));
      expect(server.requests[0].variables).toEqual({ id: toGlobalId('Invoice', 7) });
    });

    it('answers null when Marketplacer has no such invoice or the id is of another type', async () => {
      server.script(answerData({ node: null }), answerData({ node: { __typename: 'Advert', id: 'QWR2ZXJ0LTU=' } }));
      expect(await orders.findInvoice('999')).toBeNull();
      expect(await orders.findInvoice('opaque-id')).toBeNull();
    });

    it('does not ask Marketplacer about an empty reference or a global id of another type', async () => {
      expect(await orders.findInvoice(' ')).toBeNull();
      expect(await orders.findInvoice(toGlobalId('Seller', 5))).toBeNull();
      expect(server.requests).toHaveLength(0);
    });
  });

  describe('listInvoicesUpdatedSince', () => {
    it('asks for one page of the change feed and passes the page info on', async () => {
      server.script(answerData({ invoices: connectionOf([invoiceNode(1), null, invoiceNode(2)], true, 'cursor-2') }));
      const page = await orders.listInvoicesUpdatedSince({ updatedSince: '2025-03-01T00:00:00Z', first: 2, after: 'cursor-0' });
      expect(server.requests[0]).toMatchObject({
        operationName: 'InvoicesUpdatedSince',
        variables: { updatedSince: '2025-03-01T00:00:00Z', first: 2, after: 'cursor-0' },
      });
      expect(page.nodes.map((invoice) => invoice.legacyId)).toEqual([1, 2]);
      expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: 'cursor-2' });
    });

    it('defaults the page size to 50 and clamps it to 500', async () => {
      server.script(answerData({ invoices: connectionOf([]) }));
      await orders.listInvoicesUpdatedSince({ updatedSince: '2025-03-01T00:00:00Z' });
      await orders.listInvoicesUpdatedSince({ updatedSince: '2025-03-01T00:00:00Z', first: 5000 });
      expect(server.requests.map((request) => request.variables)).toEqual([
        { updatedSince: '2025-03-01T00:00:00Z', first: 50 },
        { updatedSince: '2025-03-01T00:00:00Z', first: 500 },
      ]);
    });

    it('refuses an invalid page size without asking Marketplacer', async () => {
      await expect(orders.listInvoicesUpdatedSince({ updatedSince: '2025-03-01T00:00:00Z', first: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      expect(server.requests).toHaveLength(0);
    });

    it('treats a null connection as a broken contract', async () => {
      server.script(answerData({ invoices: null }));
      await expect(orders.listInvoicesUpdatedSince({ updatedSince: '2025-03-01T00:00:00Z' })).rejects.toMatchObject({
        code: 'MARKETPLACER_UNEXPECTED_RESPONSE',
      });
    });
  });

  describe('searchInvoices', () => {
    it('filters by creation time and statuses with InvoicesWhere', async () => {
      server.script(answerData({ invoices: connectionOf([invoiceNode(3)]) }));
      const page = await orders.searchInvoices({ createdSince: '2025-02-01T00:00:00Z', statuses: ['PAID', 'SENT'], first: 10, after: 'c1' });
      expect(server.requests[0]).toMatchObject({
        operationName: 'InvoicesWhere',
        variables: { filters: { createdSince: '2025-02-01T00:00:00Z', statuses: ['PAID', 'SENT'] }, first: 10, after: 'c1' },
      });
      expect(page).toEqual({ nodes: [expect.objectContaining({ legacyId: 3 })], pageInfo: { hasNextPage: false, endCursor: null } });
    });

    it('sends no filter that was not asked for', async () => {
      server.script(answerData({ invoices: connectionOf([]) }));
      await orders.searchInvoices({});
      expect(server.requests[0].variables).toEqual({ filters: {}, first: 50 });
    });
  });

  describe('listRefundRequestsUpdatedSince', () => {
    it('asks for one page of the change feed and maps every field', async () => {
      const request = refundRequestNode(44, 10363, {
        status: 'REFUNDED',
        updatedAt: '2025-03-04T09:00:00+11:00',
        cashAmountCents: 2490,
        cashAmountFormatted: '$99.99',
        lineItems: [
          {
            id: toGlobalId('RefundRequestLineItem', 1),
            reason: 'Damaged',
            amountCents: 1990,
            amountFormatted: '$19.90',
            amountPerItemFormatted: '$19.90',
            status: 'REFUNDED',
            quantity: 1,
            lineItem: { id: toGlobalId('LineItem', 1036300) },
          },
          {
            id: toGlobalId('RefundRequestLineItem', 2),
            reason: null,
            amountCents: 500,
            amountFormatted: '$5.00',
            amountPerItemFormatted: '$5.00',
            status: 'PENDING_APPROVAL',
            quantity: 1,
            lineItem: null,
          },
        ],
      });
      server.script(answerData({ updatedRefundRequests: connectionOf([request, null], true, 'r-1') }));

      const page = await orders.listRefundRequestsUpdatedSince({ updatedSince: '2025-03-01T00:00:00Z', first: 20, after: 'r-0' });

      expect(server.requests[0]).toMatchObject({
        operationName: 'RefundRequestsUpdatedSince',
        variables: { updatedSince: '2025-03-01T00:00:00Z', first: 20, after: 'r-0' },
      });
      expect(page).toEqual({
        nodes: [
          {
            id: toGlobalId('RefundRequest', 44),
            legacyId: 44,
            status: 'REFUNDED',
            invoice: { id: toGlobalId('Invoice', 10363), legacyId: 10363 },
            updatedAt: '2025-03-04T09:00:00+11:00',
            cashAmountCents: 2490,
            lineItems: [
              {
                id: toGlobalId('RefundRequestLineItem', 1),
                status: 'REFUNDED',
                quantity: 1,
                lineItemId: toGlobalId('LineItem', 1036300),
                amountCents: 1990,
                reason: 'Damaged',
              },
              { id: toGlobalId('RefundRequestLineItem', 2), status: 'PENDING_APPROVAL', quantity: 1, lineItemId: null, amountCents: 500, reason: null },
            ],
          },
        ],
        pageInfo: { hasNextPage: true, endCursor: 'r-1' },
      });
    });

    it('reads the cash amount from the string when the cents are null, and keeps null until refunded', async () => {
      server.script(
        answerData({
          updatedRefundRequests: connectionOf([
            refundRequestNode(1, 5, { cashAmountCents: null, cashAmountFormatted: '$2,490.05' }),
            refundRequestNode(2, 5, { cashAmountCents: null, cashAmountFormatted: null }),
          ]),
        }),
      );
      const page = await orders.listRefundRequestsUpdatedSince({ updatedSince: '2025-03-01T00:00:00Z' });
      expect(page.nodes.map((request) => request.cashAmountCents)).toEqual([249005, null]);
    });

    it('treats a null connection as a broken contract', async () => {
      server.script(answerData({ updatedRefundRequests: null }));
      await expect(orders.listRefundRequestsUpdatedSince({ updatedSince: '2025-03-01T00:00:00Z' })).rejects.toMatchObject({
        code: 'MARKETPLACER_UNEXPECTED_RESPONSE',
      });
    });
  });
});
