import { createServer, type AddressInfo } from 'node:net';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { loadConfig } from '#common';
import {
  AnymarketError,
  anymarketConfigShape,
  HttpAnymarketMarketplaceApi,
  isDuplicateOrderError,
  isFreightMissingSkus,
  resolveAnymarketSettings,
  type AnymarketAccountContext,
  type AnymarketMarketplaceApi,
} from '#anymarket';
import { SPEC_SIMPLE_TRANSMISSION } from './seed/spec-transmissions.js';
import { startAnymarketSimulator, type AnymarketSimulatorTestApp } from '#test-support/simulator/anymarket-simulator-test-app';
import { rejectionOf } from '#common/testing';

const SELLER: AnymarketAccountContext = { token: 'demo-anymarket-token', useSandbox: false };

/** The marketplace-API client (the library's HTTP adapter) against the simulated ANYMARKET. */
describe('HttpAnymarketMarketplaceApi against the simulator', () => {
  let sim: AnymarketSimulatorTestApp;

  function client(env: Record<string, string> = {}): AnymarketMarketplaceApi {
    const values = loadConfig(anymarketConfigShape, { ANYMARKET_RETRY_BASE_MS: '20', ...env });
    return new HttpAnymarketMarketplaceApi(resolveAnymarketSettings({ ...values, demoMode: true, simulatorUrl: sim.url }));
  }

  beforeAll(async () => {
    Logger.overrideLogger(false);
    sim = await startAnymarketSimulator();
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    await sim.control('POST', '/reset');
  });

  describe('round trips', () => {
    const api = () => client();

    it('reads the configuration, as a list and by id', async () => {
      const [configuration] = await api().getConfigurations(SELLER);
      expect(configuration).toMatchObject({ id: 1, oi: '22449504.', fields: [{ key: 'storeId', value: '78' }] });
      await expect(api().getConfiguration(SELLER, 1)).resolves.toEqual(configuration);
    });

    it('reads a transmission and its price and stock', async () => {
      await expect(api().getSkuMarketplace(SELLER, 61234)).resolves.toEqual(SPEC_SIMPLE_TRANSMISSION);
      await expect(api().getSkuMarketplacePriceStock(SELLER, 61234)).resolves.toEqual({
        id: 61234,
        skuInMarketplace: 'testeAny',
        price: 10,
        discountPrice: 10,
        availableAmount: 10,
      });
    });

    it('reports a listing result, and quotes freight once the listing is active', async () => {
      const before = await api().quoteFreight(SELLER, { zipCode: '87030030', additionalPercentual: 0, products: [{ skuId: 'testeAny', amount: 1 }] });
      expect(before).toEqual({ missingSkus: { testeAny: 1 } });
      const updated = await api().updateSkuMarketplace(SELLER, 61234, {
        idInMarketplace: 'ADV-1',
        idInSite: 'ADV-1',
        skuInMarketplace: 'testeAny',
        marketplaceStatus: 'ATIVO',
        idSku: 1609358,
        transmissionStatus: 'OK',
        errorMsg: '',
        status: 'ACTIVE',
      });
      expect(updated).toMatchObject({ id: 61234, status: 'ACTIVE', transmissionStatus: 'OK', idInMarketplace: 'ADV-1', marketplaceStatus: 'ATIVO' });
      await expect(api().getSkuMarketplacePriceStock(SELLER, 61234)).resolves.toMatchObject({ idInMarketplace: 'ADV-1' });
      const quote = await api().quoteFreight(SELLER, { zipCode: '87030030', additionalPercentual: 0, products: [{ skuId: 'testeAny', amount: 1 }] });
      expect(isFreightMissingSkus(quote)).toBe(false);
      expect(quote).toMatchObject({ zipCode: '87030030', products: [{ skuId: 'testeAny', stockAmount: 10, price: 10 }], quotes: expect.any(Array) });
    });

    it('creates an order, recognises the duplicate, and moves it through its statuses', async () => {
      const created = await api().createOrder(SELLER, {
        marketPlaceId: 'MP-1',
        marketPlaceNumber: '1001',
        productNet: 20,
        total: 20,
        items: [{ sku: { partnerId: 'testeAny' }, amount: 2, unit: 10, gross: 20, total: 20 }],
      });
      expect(created).toMatchObject({ id: expect.any(Number), marketPlaceId: 'MP-1', status: 'PENDING', transmissionStatus: 'OK' });

      const duplicate = await rejectionOf(AnymarketError, api().createOrder(SELLER, { marketPlaceId: 'MP-1' }, { orderNewPattern: true }));
      expect(isDuplicateOrderError(duplicate)).toBe(true);
      expect(duplicate).toMatchObject({
        code: 'ANYMARKET_REJECTED',
        kind: 'unprocessable',
        failure: { operation: 'createOrder', status: 400, anymarketCode: '400' },
      });
      expect(duplicate.message).toContain('Já existe um pedido com id [MP-1]');

      await expect(api().getOrder(SELLER, 'MP-1')).resolves.toMatchObject({ id: created.id });
      await expect(api().getOrder(SELLER, created.id)).resolves.toMatchObject({ marketPlaceId: 'MP-1' });
      await expect(api().markAsPaid(SELLER, 'MP-1', { date: '2026-11-20T10:00:00-03:00' })).resolves.toMatchObject({
        status: 'PAID',
        paymentDate: '2026-11-20T10:00:00-03:00',
      });
      await expect(api().markAsInvoiced(SELLER, 'MP-1', { date: '2026-11-20T11:00:00-03:00' })).resolves.toMatchObject({ status: 'INVOICED' });
      await expect(
        api().markAsShipped(SELLER, 'MP-1', {
          status: 'SHIPPED',
          carrier: 'Total',
          number: 'PR1',
          url: 'https://track.example/PR1',
          shippedDate: '2026-11-21T10:00:00-03:00',
        }),
      ).resolves.toMatchObject({ status: 'SHIPPED', tracking: { carrier: 'Total', number: 'PR1' } });
      await expect(api().markAsDelivered(SELLER, 'MP-1', { deliveredDate: '2026-11-22T10:00:00-03:00' })).resolves.toMatchObject({
        status: 'DELIVERED',
        deliveryStatus: 'DELIVERED',
      });
      await expect(
        api().updateOrderTransmissionStatus(SELLER, 'MP-1', { success: false, errorMessage: 'falhou', marketPlaceStatus: 'Entregue' }),
      ).resolves.toMatchObject({
        transmissionStatus: 'ERROR',
        marketPlaceStatus: 'Entregue',
      });
      await expect(api().markAsCanceled(SELLER, 'MP-1', { date: '2026-11-23T10:00:00-03:00' })).resolves.toMatchObject({
        status: 'CANCELED',
        cancelDate: '2026-11-23T10:00:00-03:00',
      });

      const refused = await rejectionOf(AnymarketError, api().markAsPaid(SELLER, 'MP-1'));
      expect(refused).toMatchObject({ code: 'ANYMARKET_REJECTED', failure: { status: 422 } });
      expect(isDuplicateOrderError(refused)).toBe(false);
      expect(await (await sim.control('GET', '/violations')).json()).toEqual({ violations: [] });
    });

    it('lists orders by status, a page at a time (limit ≥ 5 and offset ≥ 1, as the yaml says)', async () => {
      for (const id of ['A', 'B', 'C', 'D', 'E', 'F']) await api().createOrder(SELLER, { marketPlaceId: id, status: id === 'B' ? 'PENDING' : 'PAID' });
      const paid = await api().listOrders(SELLER, { status: 'PAID' });
      expect(paid.content.map((order) => order.marketPlaceId)).toEqual(['A', 'C', 'D', 'E', 'F']);
      const first = await api().listOrders(SELLER, { limit: 5 });
      expect(first.page).toEqual({ size: 5, totalElements: 6, totalPages: 2, number: 0 });
      expect(first.links).toEqual([{ rel: 'next', href: '/orders?limit=5&offset=5' }]);
      const second = await api().listOrders(SELLER, { limit: 5, offset: 5 });
      expect(second.content.map((order) => order.marketPlaceId)).toEqual(['F']);
      expect(second.links).toEqual([{ rel: 'prev', href: '/orders?limit=5' }]);
    });

    it("maps 404 to ANYMARKET_NOT_FOUND with ANYMARKET's message", async () => {
      const missing = await rejectionOf(AnymarketError, api().getSkuMarketplace(SELLER, 999));
      expect(missing).toMatchObject({
        code: 'ANYMARKET_NOT_FOUND',
        kind: 'not_found',
        failure: { status: 404, anymarketMessage: "Recurso com o id '999' não encontrado" },
      });
      await expect(rejectionOf(AnymarketError, api().getOrder(SELLER, 'nope'))).resolves.toMatchObject({ code: 'ANYMARKET_NOT_FOUND' });
      await expect(rejectionOf(AnymarketError, api().getConfiguration(SELLER, 2))).resolves.toMatchObject({ code: 'ANYMARKET_NOT_FOUND' });
    });

    it('sends the appId and the seller token, and never logs the token', async () => {
      const logged = [jest.spyOn(Logger.prototype, 'warn'), jest.spyOn(Logger.prototype, 'debug'), jest.spyOn(Logger.prototype, 'log')];
      try {
        await sim.control('POST', '/faults', { count: 1, status: 503, retryAfterSeconds: 0 });
        await api().getConfigurations(SELLER);
        const calls = await sim.calls();
        expect(calls.map((call) => [call.appId, call.tokenHint, call.status])).toEqual([
          ['demo-app-id', '…oken', 503],
          ['demo-app-id', '…oken', 200],
        ]);
        expect(logged[0]).toHaveBeenCalled();
        expect(JSON.stringify(logged.map((spy) => spy.mock.calls))).not.toContain(SELLER.token);
      } finally {
        logged.forEach((spy) => spy.mockRestore());
      }
    });
  });

  describe('refusals', () => {
    it('maps a refused appId to ANYMARKET_AUTHENTICATION_FAILED without retrying', async () => {
      const refused = await rejectionOf(AnymarketError, client({ ANYMARKET_APP_ID: 'someone-else' }).getConfigurations(SELLER));
      expect(refused).toMatchObject({ code: 'ANYMARKET_AUTHENTICATION_FAILED', kind: 'upstream', failure: { status: 401, anymarketCode: '401' } });
      expect(await sim.calls()).toHaveLength(1);
    });

    it('maps an unknown seller token to ANYMARKET_AUTHENTICATION_FAILED', async () => {
      await expect(rejectionOf(AnymarketError, client().getConfigurations({ token: 'LG-unknown', useSandbox: false }))).resolves.toMatchObject({
        code: 'ANYMARKET_AUTHENTICATION_FAILED',
      });
    });

    it('maps a listing report with an invalid status to ANYMARKET_REJECTED', async () => {
      const update = { status: 'LIVE', transmissionStatus: 'OK' } as never;
      await expect(rejectionOf(AnymarketError, client().updateSkuMarketplace(SELLER, 61234, update))).resolves.toMatchObject({
        code: 'ANYMARKET_REJECTED',
        failure: { status: 422 },
      });
    });
  });

  describe('resilience', () => {
    it('stays under 10 requests per second per token: the simulator never answers 429', async () => {
      const api = client();
      const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => api.getSkuMarketplacePriceStock(SELLER, 70001 + (i % 5))));
      expect(answers).toHaveLength(25);
      const statuses = (await sim.calls()).map((call) => call.status);
      // Every answer a 200 and none refused: an attempt the policy timed out on a loaded machine may be sent again, a 429 never.
      expect(statuses.length).toBeGreaterThanOrEqual(25);
      expect(statuses.filter((status) => status !== 200)).toEqual([]);
    });

    it('waits and retries when ANYMARKET answers 429 (here: a client allowed more than the simulator serves)', async () => {
      const api = client({ ANYMARKET_RATE_LIMIT_PER_SECOND: '100' });
      const answers = await Promise.all(Array.from({ length: 14 }, () => api.getSkuMarketplacePriceStock(SELLER, 61234)));
      expect(answers.every((answer) => answer.id === 61234)).toBe(true);
      const statuses = (await sim.calls()).map((call) => call.status);
      expect(statuses.filter((status) => status === 429)).toHaveLength(4);
      expect(statuses.filter((status) => status === 200)).toHaveLength(14);
    });

    it('retries 5xx answers, then gives up with ANYMARKET_UNAVAILABLE', async () => {
      await sim.control('POST', '/faults', { count: 2, status: 502 });
      await expect(client().getConfigurations(SELLER)).resolves.toHaveLength(1);
      await sim.control('POST', '/faults', { count: 5, status: 503 });
      const unavailable = await rejectionOf(AnymarketError, client({ ANYMARKET_MAX_ATTEMPTS: '3' }).getConfigurations(SELLER));
      expect(unavailable).toMatchObject({ code: 'ANYMARKET_UNAVAILABLE', failure: { status: 503 } });
      expect((await sim.calls()).map((call) => call.status)).toEqual([502, 502, 200, 503, 503, 503]);
    });

    it('gives up on a slow answer with ANYMARKET_TIMEOUT', async () => {
      await sim.control('POST', '/faults', { count: 2, delayMs: 600 });
      const timedOut = await rejectionOf(AnymarketError, client({ ANYMARKET_TIMEOUT_MS: '100', ANYMARKET_MAX_ATTEMPTS: '2' }).getConfigurations(SELLER));
      expect(timedOut).toMatchObject({ code: 'ANYMARKET_TIMEOUT', kind: 'upstream' });
      expect(await sim.calls()).toHaveLength(2);
    });

    it('sends sandbox accounts to the sandbox URL; an unreachable host is ANYMARKET_UNAVAILABLE', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const { port } = closed.address() as AddressInfo;
      await new Promise((resolve) => closed.close(resolve));
      const api = client({ ANYMARKET_API_URL: `http://127.0.0.1:${port}/marketplace/api`, ANYMARKET_MAX_ATTEMPTS: '1' });
      await expect(api.getConfigurations({ ...SELLER, useSandbox: true })).resolves.toHaveLength(1);
      const unreachable = await rejectionOf(AnymarketError, api.getConfigurations(SELLER));
      expect(unreachable.code).toBe('ANYMARKET_UNAVAILABLE');
      expect(unreachable.failure.status).toBeUndefined();
    });
  });
});
