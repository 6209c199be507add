import { MarketplacerContractStatus, toGlobalId } from '#marketplacer';
import { ApolloMarketplacerOrders } from '../../../../libs/marketplacer/src/adapters/apollo-marketplacer-orders.js';
import { invoiceStatus, lineTotalCents } from './state/derived.js';
import type { InvoiceRecord } from './state/records.js';
import { MarketplacerEndpoint } from '#test-support/simulator/marketplacer-endpoint';

/** What ApolloMarketplacerOrders asks the simulated Marketplacer (read from its request log), and how it reads the answers. */
describe('ApolloMarketplacerOrders against the simulator', () => {
  const marketplacer = MarketplacerEndpoint.forEachTest();
  let contract: MarketplacerContractStatus;
  let orders: ApolloMarketplacerOrders;
  const requests = () => marketplacer.requests();
  const state = () => marketplacer.state;
  const anInvoice = (): InvoiceRecord => [...state().invoices.values()].find((invoice) => invoice.lineItemIds.length > 0)!;

  beforeEach(async () => {
    contract = new MarketplacerContractStatus();
    orders = new ApolloMarketplacerOrders(marketplacer.client({ maxAttempts: 1 }), contract);
  });

  describe('findInvoiceLineTotals (an optional detail)', () => {
    it("reads each line's total with its postage", async () => {
      const invoice = anInvoice();
      const id = toGlobalId('Invoice', invoice.legacyId);

      const totals = await orders.findInvoiceLineTotals(id);

      expect(totals).toEqual({
        available: true,
        lines: invoice.lineItemIds.map((lineId) => {
          const line = state().lineItems.get(lineId)!;
          return { lineItemId: toGlobalId('LineItem', lineId), totalCents: lineTotalCents(line) + line.postageCents, postageCents: line.postageCents };
        }),
      });
      expect((await requests())[0]).toMatchObject({ operationName: 'InvoiceLineTotals', variables: { id } });
    });

    it('leaves the detail out when the schema refuses the document, records the refusal once and asks no more', async () => {
      await marketplacer.sim.control('PUT', '/schema', { drop: ['LineItem.totalCents'] });
      const id = toGlobalId('Invoice', anInvoice().legacyId);

      const first = await orders.findInvoiceLineTotals(id);
      const second = await orders.findInvoiceLineTotals(id);

      expect(first).toEqual({ available: false, reason: expect.stringContaining('Cannot query field "totalCents" on type "LineItem"') });
      expect(second).toEqual(first);
      expect(await requests()).toHaveLength(1);
      expect(contract.verdictOf('InvoiceLineTotals')).toMatchObject({ ok: false, source: 'refusal' });
    });

    it('lets any other failure through (it may pass)', async () => {
      await marketplacer.setFaults({ failNextRequests: { count: 1, status: 502 } });
      await expect(orders.findInvoiceLineTotals(toGlobalId('Invoice', anInvoice().legacyId))).rejects.toMatchObject({ code: 'MARKETPLACER_UNAVAILABLE' });
      expect(contract.isUsable('InvoiceLineTotals')).toBe(true);
    });
  });

  describe('findInvoice', () => {
    it('turns a legacy id (as the portal shows it) into the global id', async () => {
      const { legacyId } = anInvoice();
      const invoice = await orders.findInvoice(String(legacyId));
      expect((await requests())[0]).toMatchObject({ operationName: 'InvoiceById', variables: { id: toGlobalId('Invoice', legacyId) } });
      expect(invoice?.legacyId).toBe(legacyId);
    });

    it('sends a global id as it is', async () => {
      const id = toGlobalId('Invoice', anInvoice().legacyId);
      expect((await orders.findInvoice(id))?.id).toBe(id);
      expect((await requests())[0].variables).toEqual({ id });
    });

    it('answers null when Marketplacer has no such invoice or does not take the id for one', async () => {
      expect(await orders.findInvoice('999999')).toBeNull();
      expect(await orders.findInvoice('opaque-id')).toBeNull();
      expect(await requests()).toHaveLength(2);
    });

    it('does not ask Marketplacer about an empty reference or a global id of another type', async () => {
      expect(await orders.findInvoice(' ')).toBeNull();
      expect(await orders.findInvoice(toGlobalId('Seller', 5))).toBeNull();
      expect(await requests()).toHaveLength(0);
    });
  });

  describe('listInvoicesUpdatedSince', () => {
    it('asks for one page of the change feed and passes the page info on', async () => {
      const first = await orders.listInvoicesUpdatedSince({ updatedSince: '2000-01-01T00:00:00Z', first: 2 });
      const page = await orders.listInvoicesUpdatedSince({ updatedSince: '2000-01-01T00:00:00Z', first: 2, after: first.pageInfo.endCursor! });
      expect((await requests())[1]).toMatchObject({
        operationName: 'InvoicesUpdatedSince',
        variables: { updatedSince: '2000-01-01T00:00:00Z', first: 2, after: first.pageInfo.endCursor },
      });
      expect(page.nodes).toHaveLength(2);
      expect(page.nodes.map((invoice) => invoice.legacyId)).not.toContain(first.nodes[0].legacyId);
      expect(page.pageInfo).toEqual({ hasNextPage: state().invoices.size > 4, endCursor: expect.any(String) });
    });

    it('defaults the page size to 50 and clamps it to 500', async () => {
      await orders.listInvoicesUpdatedSince({ updatedSince: '2025-03-01T00:00:00Z' });
      await orders.listInvoicesUpdatedSince({ updatedSince: '2025-03-01T00:00:00Z', first: 5000 });
      expect((await requests()).map((request) => request.variables)).toEqual([
        { updatedSince: '2025-03-01T00:00:00Z', first: 50 },
        { updatedSince: '2025-03-01T00:00:00Z', first: 500 },
      ]);
    });

    it('refuses an invalid page size without asking Marketplacer', async () => {
      await expect(orders.listInvoicesUpdatedSince({ updatedSince: '2025-03-01T00:00:00Z', first: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      expect(await requests()).toHaveLength(0);
    });
  });

  describe('searchInvoices', () => {
    it('filters by creation time and statuses with InvoicesWhere', async () => {
      const page = await orders.searchInvoices({ createdSince: '2000-01-01T00:00:00Z', statuses: ['PAID', 'SENT'], first: 10 });
      expect((await requests())[0]).toMatchObject({
        operationName: 'InvoicesWhere',
        variables: { filters: { createdSince: '2000-01-01T00:00:00Z', statuses: ['PAID', 'SENT'] }, first: 10 },
      });
      const wanted = [...state().invoices.values()].filter((invoice) => ['PAID', 'SENT'].includes(invoiceStatus(state(), invoice)));
      expect(wanted.length).toBeGreaterThan(0);
      expect(page.nodes.map((invoice) => invoice.legacyId)).toEqual(wanted.slice(0, 10).map((invoice) => invoice.legacyId));
    });

    it('sends no filter that was not asked for', async () => {
      await orders.searchInvoices({});
      expect((await requests())[0].variables).toEqual({ filters: {}, first: 50 });
    });
  });

  describe('listRefundRequestsUpdatedSince', () => {
    it('asks for one page of the change feed, passing the cursor on', async () => {
      const first = await orders.listRefundRequestsUpdatedSince({ updatedSince: '2000-01-01T00:00:00Z', first: 1 });
      await orders.listRefundRequestsUpdatedSince({ updatedSince: '2000-01-01T00:00:00Z', first: 1, after: first.pageInfo.endCursor! });

      expect(first.nodes).toEqual([expect.objectContaining({ invoice: expect.objectContaining({ id: expect.any(String) }), lineItems: expect.any(Array) })]);
      expect((await requests()).map((request) => request.variables)).toEqual([
        { updatedSince: '2000-01-01T00:00:00Z', first: 1 },
        { updatedSince: '2000-01-01T00:00:00Z', first: 1, after: first.pageInfo.endCursor },
      ]);
      expect((await requests())[0].operationName).toBe('RefundRequestsUpdatedSince');
    });
  });
});
