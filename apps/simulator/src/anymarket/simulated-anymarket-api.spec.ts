import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SPEC_SIMPLE_TRANSMISSION, SPEC_VARIATION_TRANSMISSION } from './seed/spec-transmissions.js';
import { seedTransmissions } from './seed/seed-transmissions.js';
import { startAnymarketSimulator, type AnymarketSimulatorTestApp } from '#test-support/simulator/anymarket-simulator-test-app';

const examples = JSON.parse(readFileSync(resolve(process.cwd(), '../shared/anymarket/examples-from-openapi.json'), 'utf8')) as Record<
  string,
  Record<string, { responses: Record<string, unknown> }>
>;
const getSkuMarketplace = examples['MARKETPLACE API (middleware -> ANYMARKET, /marketplace/api)']['GET /skumarketplace/{id}'].responses;

const DEMO = { appId: 'demo-app-id', token: 'demo-anymarket-token' };

describe('simulated ANYMARKET marketplace API', () => {
  let sim: AnymarketSimulatorTestApp;
  const api = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}, who: Partial<typeof DEMO> = DEMO) =>
    fetch(`${sim.apiUrl}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(who.appId ? { appId: who.appId } : {}), ...(who.token ? { token: who.token } : {}), ...init.headers },
    });

  beforeAll(async () => {
    sim = await startAnymarketSimulator({ SIMULATOR_ANYMARKET_TRANSMISSIONS: '6' });
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    await sim.control('POST', '/reset');
  });

  describe('seed', () => {
    it("embeds the spec's two transmission examples unchanged", () => {
      expect(SPEC_SIMPLE_TRANSMISSION).toEqual(getSkuMarketplace['200 application/json :: Produto Simples']);
      expect(SPEC_VARIATION_TRANSMISSION).toEqual(getSkuMarketplace['200 application/json :: Produto com Variação']);
    });

    it('generates the configured number of transmissions, the same every time', () => {
      const seeded = seedTransmissions(6);
      expect(seeded.map((t) => t.id)).toEqual([61234, 61233, 70001, 70002, 70003, 70004, 70005, 70006]);
      expect(seedTransmissions(6)).toEqual(seeded);
      expect(new Set(seeded.map((t) => t.skuInMarketplace)).size).toBe(8);
      expect(seeded[3].sku.variations?.[0].description).toBe('Vermelho');
      expect(seeded[2].ean).toMatch(/^\d{13}$/);
    });

    it('serves the seed', async () => {
      const res = await api('/skumarketplace/61233');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(SPEC_VARIATION_TRANSMISSION);
      expect((await api('/skumarketplace/70006')).status).toBe(200);
      expect((await api('/skumarketplace/70007')).status).toBe(404);
    });
  });

  describe('appId and token', () => {
    it.each([
      ['no appId', { token: DEMO.token }, 'appId'],
      ['a wrong appId', { appId: 'other', token: DEMO.token }, 'appId'],
      ['no token', { appId: DEMO.appId }, 'Token'],
      ['an unknown token', { appId: DEMO.appId, token: 'LG000' }, 'Token'],
    ])('answers 401 {code, message} for %s', async (_case, who, word) => {
      const res = await api('/configuration', {}, who);
      expect(res.status).toBe(401);
      const body = (await res.json()) as { code: string; message: string };
      expect(body.code).toBe('401');
      expect(body.message).toContain(word);
    });

    it('accepts a token registered through the control API, with its configuration', async () => {
      const registered = await sim.control('POST', '/tokens', { token: 'LG1620824269786R9896699', configuration: { id: 127, accountName: 'Seller_test' } });
      expect(registered.status).toBe(201);
      expect(await registered.json()).toMatchObject({ tokenHint: '…6699', configuration: { id: 127, accountName: 'Seller_test', oi: '22449504.' } });
      const res = await api('/configuration/127', {}, { appId: DEMO.appId, token: 'LG1620824269786R9896699' });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id: 127, accountName: 'Seller_test', fields: [{ key: 'storeId', value: '78' }] });
    });

    it('forgets registered tokens on reset', async () => {
      await sim.control('POST', '/tokens', { token: 'LG-temporary' });
      await sim.control('POST', '/reset');
      expect((await api('/configuration', {}, { appId: DEMO.appId, token: 'LG-temporary' })).status).toBe(401);
    });

    it('refuses a registration without a token', async () => {
      expect((await sim.control('POST', '/tokens', { configuration: {} })).status).toBe(400);
    });
  });

  describe('rate limit', () => {
    it('serves 10 requests per second per token, then answers 429 with Retry-After', async () => {
      const answers = await Promise.all(Array.from({ length: 15 }, () => api('/skumarketplace/61234/priceStock')));
      const limited = answers.filter((res) => res.status === 429);
      expect(answers.filter((res) => res.status === 200)).toHaveLength(10);
      expect(limited).toHaveLength(5);
      expect(limited[0].headers.get('retry-after')).toBe('1');
      expect(await limited[0].json()).toMatchObject({ code: '429' });
    });

    it('counts each token separately', async () => {
      await sim.control('POST', '/tokens', { token: 'LG-second' });
      const first = await Promise.all(Array.from({ length: 10 }, () => api('/configuration')));
      const second = await Promise.all(Array.from({ length: 10 }, () => api('/configuration', {}, { appId: DEMO.appId, token: 'LG-second' })));
      expect([...first, ...second].every((res) => res.status === 200)).toBe(true);
    });
  });

  describe('control API', () => {
    it('records every call with method, path, query, appId, token hint, body and status, and clears them', async () => {
      await api('/orders?orderNewPattern=true', { method: 'POST', body: JSON.stringify({ marketPlaceId: 'MP-1' }) });
      await api('/configuration', {}, { appId: 'wrong', token: DEMO.token });
      const calls = await sim.calls();
      expect(calls).toEqual([
        expect.objectContaining({
          method: 'POST',
          path: '/anymarket/marketplace/api/orders',
          query: { orderNewPattern: 'true' },
          appId: DEMO.appId,
          tokenHint: '…oken',
          body: { marketPlaceId: 'MP-1' },
          status: 200,
        }),
        expect.objectContaining({ method: 'GET', path: '/anymarket/marketplace/api/configuration', appId: 'wrong', status: 401 }),
      ]);
      expect(JSON.stringify(calls)).not.toContain(DEMO.token);
      expect((await sim.control('DELETE', '/calls')).status).toBe(204);
      expect(await sim.calls()).toEqual([]);
    });

    it('creates and replaces transmissions', async () => {
      const transmission = { ...SPEC_SIMPLE_TRANSMISSION, title: 'Criada no teste', skuInMarketplace: 'T-1' };
      expect((await sim.control('PUT', '/skumarketplace/555', transmission)).status).toBe(200);
      expect(await (await api('/skumarketplace/555')).json()).toMatchObject({ id: 555, title: 'Criada no teste' });
      expect((await sim.control('POST', '/skumarketplace/555', { ...transmission, title: 'Trocada' })).status).toBe(200);
      expect(await (await sim.control('GET', '/skumarketplace/555')).json()).toMatchObject({ id: 555, title: 'Trocada' });
      expect((await sim.control('PUT', '/skumarketplace/abc', transmission)).status).toBe(400);
      expect((await sim.control('GET', '/skumarketplace/556')).status).toBe(404);
    });

    it('deletes a transmission: the marketplace API answers 404 for it', async () => {
      expect((await sim.control('PUT', '/skumarketplace/557', { ...SPEC_SIMPLE_TRANSMISSION, skuInMarketplace: 'T-2' })).status).toBe(200);
      expect((await sim.control('DELETE', '/skumarketplace/557')).status).toBe(204);
      expect((await api('/skumarketplace/557')).status).toBe(404);
      expect((await sim.control('DELETE', '/skumarketplace/557')).status).toBe(404);
    });

    it('lists every order', async () => {
      await api('/orders', { method: 'POST', body: JSON.stringify({ marketPlaceId: 'MP-9', status: 'PAID' }) });
      expect(await (await sim.control('GET', '/orders')).json()).toEqual({
        orders: [expect.objectContaining({ tokenHint: '…oken', order: expect.objectContaining({ marketPlaceId: 'MP-9', status: 'PAID' }) })],
      });
    });

    it('lists contract violations, and forgets them on DELETE and on reset', async () => {
      await api('/orders', { method: 'POST', body: JSON.stringify({ marketPlaceId: 'MP-1', total: '10.00' }) });
      expect(await (await sim.control('GET', '/violations')).json()).toEqual({
        violations: [
          {
            at: expect.any(String),
            operation: 'POST /orders',
            marketPlaceId: 'MP-1',
            field: 'total',
            message: 'O campo total deve ser do tipo number (recebido: "10.00").',
          },
        ],
      });
      expect((await sim.control('DELETE', '/violations')).status).toBe(204);
      expect(await (await sim.control('GET', '/violations')).json()).toEqual({ violations: [] });
      await api('/orders/MP-1/markAsCanceled', { method: 'PUT', body: JSON.stringify({}) });
      await sim.control('POST', '/reset');
      expect(await (await sim.control('GET', '/violations')).json()).toEqual({ violations: [] });
    });

    it('injects faults into the next calls', async () => {
      expect((await sim.control('POST', '/faults', { count: 2, status: 503, retryAfterSeconds: 0 })).status).toBe(204);
      const first = await api('/configuration');
      expect(first.status).toBe(503);
      expect(first.headers.get('retry-after')).toBe('0');
      expect((await api('/configuration')).status).toBe(503);
      expect((await api('/configuration')).status).toBe(200);
      expect((await sim.control('POST', '/faults', { count: 1 })).status).toBe(400);
    });

    it('disarms every fault on DELETE /faults', async () => {
      await sim.control('POST', '/faults', { count: 5, status: 503 });
      expect((await api('/configuration')).status).toBe(503);
      expect((await sim.control('DELETE', '/faults')).status).toBe(204);
      expect((await api('/configuration')).status).toBe(200);
    });

    it('serves a call and then answers the fault status (a lost answer): the order exists', async () => {
      expect((await sim.control('POST', '/faults', { count: 1, status: 504, afterServe: true })).status).toBe(204);
      const lost = await api('/orders', { method: 'POST', body: JSON.stringify({ marketPlaceId: 'MP-1' }) });
      expect(lost.status).toBe(504);
      expect(await lost.json()).toEqual({ code: '504', message: 'Falha simulada.' });
      expect((await sim.calls())[0]).toMatchObject({ status: 504, servedStatus: 200 });
      expect((await api('/orders/MP-1')).status).toBe(200);
    });

    it('serves a call and then drops the connection when the after-serve fault has no status', async () => {
      await sim.control('POST', '/faults', { count: 1, afterServe: true });
      await expect(api('/orders', { method: 'POST', body: JSON.stringify({ marketPlaceId: 'MP-1' }) })).rejects.toThrow();
      const retried = await api('/orders', { method: 'POST', body: JSON.stringify({ marketPlaceId: 'MP-1' }) });
      expect(retried.status).toBe(400);
      expect(((await retried.json()) as { message: string }).message).toContain('Já existe um pedido com id [MP-1]');
      const [dropped] = await sim.calls();
      expect(dropped.servedStatus).toBe(200);
      expect(dropped.status).toBeUndefined();
    });

    it('applies a fault only to the calls its method and pathPattern match', async () => {
      await sim.control('POST', '/faults', { count: 1, status: 503, method: 'POST', pathPattern: '^/orders$' });
      expect((await api('/configuration')).status).toBe(200);
      expect((await api('/orders', { method: 'POST', body: JSON.stringify({ marketPlaceId: 'MP-1' }) })).status).toBe(503);
      expect((await api('/orders', { method: 'POST', body: JSON.stringify({ marketPlaceId: 'MP-1' }) })).status).toBe(200);
      await sim.control('POST', '/faults', { count: 1, status: 503, pathPattern: '/markAs' });
      expect((await api('/orders/MP-1')).status).toBe(200);
      expect((await api('/orders/MP-1/markAsPaid', { method: 'PUT', body: '{}' })).status).toBe(503);
      expect((await sim.control('POST', '/faults', { count: 1, status: 503, pathPattern: '(' })).status).toBe(400);
      expect((await sim.control('POST', '/faults', { count: 1, status: 503, method: 'TRACE' })).status).toBe(400);
    });
  });

  describe('orders', () => {
    const post = (body: object, who: Partial<typeof DEMO> = DEMO) => api('/orders', { method: 'POST', body: JSON.stringify(body) }, who);
    const put = (path: string, body: object) => api(path, { method: 'PUT', body: JSON.stringify(body) });

    it("refuses a second order with the same marketPlaceId with ANYMARKET's message", async () => {
      expect((await post({ marketPlaceId: 'MP-1' })).status).toBe(200);
      const again = await post({ marketPlaceId: 'MP-1' });
      expect(again.status).toBe(400);
      expect(await again.json()).toEqual({ code: '400', message: 'Erro ao criar o pedido. Já existe um pedido com id [MP-1].' });
    });

    it("keeps each seller's orders apart", async () => {
      await sim.control('POST', '/tokens', { token: 'LG-other' });
      expect((await post({ marketPlaceId: 'MP-1' })).status).toBe(200);
      expect((await post({ marketPlaceId: 'MP-1' }, { appId: DEMO.appId, token: 'LG-other' })).status).toBe(200);
      expect((await api('/orders/MP-1', {}, { appId: DEMO.appId, token: 'LG-other' })).status).toBe(200);
    });

    it.each([
      [{}, 'marketPlaceId'],
      [{ marketPlaceId: 'MP-2', status: 'SHIPPED' }, 'PENDING ou PAID'],
    ])('refuses to create %j', async (body, words) => {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toContain(words);
    });

    it('follows the transitions, jumps included, and refuses going back', async () => {
      await post({ marketPlaceId: 'MP-3' });
      expect(await (await put('/orders/MP-3/markAsShipped', { shippedDate: '2026-11-20T10:00:00-03:00', carrier: 'Total' })).json()).toMatchObject({
        status: 'SHIPPED',
        tracking: { shippedDate: '2026-11-20T10:00:00-03:00', carrier: 'Total' },
      });
      const back = await put('/orders/MP-3/markAsPaid', {});
      expect(back.status).toBe(422);
      expect(await back.json()).toMatchObject({ code: '422' });
      expect((await put('/orders/MP-3/markAsShipped', { shippedDate: '2026-11-20T10:00:00-03:00' })).status).toBe(422);
      expect((await put('/orders/MP-3/markAsCanceled', {})).status).toBe(400);
      expect(await (await put('/orders/MP-3/markAsCanceled', { date: '2026-11-21T10:00:00-03:00' })).json()).toMatchObject({ status: 'CANCELED' });
      expect((await put('/orders/MP-3/markAsDelivered', { deliveredDate: '2026-11-22T10:00:00-03:00' })).status).toBe(422);
    });

    describe('a markAsShipped on a SHIPPED order', () => {
      const first = { shippedDate: '2026-11-20T10:00:00-03:00', carrier: 'Correios', number: 'AA1', url: 'https://track.example/AA1' };
      const second = { shippedDate: '2026-11-21T10:00:00-03:00', carrier: 'Jadlog', number: 'AA1, BB2' };

      it('is refused with 422 by default, as the v2 table lists no SHIPPED → SHIPPED; the tracking stays', async () => {
        await post({ marketPlaceId: 'MP-7' });
        expect((await put('/orders/MP-7/markAsShipped', first)).status).toBe(200);
        expect(await (await sim.control('GET', '/order-rules')).json()).toEqual({ repeatShippedUpdatesTracking: false });
        const again = await put('/orders/MP-7/markAsShipped', second);
        expect(again.status).toBe(422);
        expect(await again.json()).toMatchObject({ code: '422', message: expect.stringContaining('SHIPPED para SHIPPED') });
        expect(await (await api('/orders/MP-7')).json()).toMatchObject({ status: 'SHIPPED', tracking: { number: 'AA1', carrier: 'Correios' } });
      });

      it('is taken as a tracking update once the control says so (the order keeps the new tracking), until a reset', async () => {
        await post({ marketPlaceId: 'MP-8' });
        expect((await put('/orders/MP-8/markAsShipped', first)).status).toBe(200);
        const rules = await sim.control('PUT', '/order-rules', { repeatShippedUpdatesTracking: true });
        expect(await rules.json()).toEqual({ repeatShippedUpdatesTracking: true });
        const again = await put('/orders/MP-8/markAsShipped', second);
        expect(again.status).toBe(200);
        expect(await (await api('/orders/MP-8')).json()).toMatchObject({
          status: 'SHIPPED',
          tracking: { number: 'AA1, BB2', carrier: 'Jadlog', shippedDate: '2026-11-21T10:00:00-03:00', url: 'https://track.example/AA1' },
        });
        // Still checked against the spec, and still never backwards.
        expect((await put('/orders/MP-8/markAsShipped', { number: 'CC3' })).status).toBe(400);
        expect((await put('/orders/MP-8/markAsDelivered', { deliveredDate: '2026-11-22T10:00:00-03:00' })).status).toBe(200);
        expect((await put('/orders/MP-8/markAsShipped', second)).status).toBe(422);
        await sim.control('POST', '/reset');
        expect(await (await sim.control('GET', '/order-rules')).json()).toEqual({ repeatShippedUpdatesTracking: false });
      });

      it('refuses a control body that is not a boolean', async () => {
        expect((await sim.control('PUT', '/order-rules', { repeatShippedUpdatesTracking: 'yes' })).status).toBe(400);
        expect((await sim.control('PUT', '/order-rules', {})).status).toBe(400);
      });
    });

    it('refuses a body that breaks the schema with 400, naming every offending field, and records each', async () => {
      const res = await post({
        marketPlaceId: 'MP-4',
        createdAt: '2026-11-20T10:00:00',
        items: [{ sku: { partnerId: 'A' }, amount: -1 }],
        buyer: { documentType: 'RG' },
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        code: '400',
        message:
          'Erro ao criar o pedido. O campo buyer.documentType deve ser um dos valores CPF, CNPJ (recebido: "RG"). ' +
          'O campo items[0].amount deve ser maior ou igual a 0 (recebido: -1). ' +
          'O campo createdAt deve ser uma data-hora ISO 8601 com fuso horário, ex.: 2022-02-07T10:56:42-03:00 (recebido: "2026-11-20T10:00:00").',
      });
      const { violations } = (await (await sim.control('GET', '/violations')).json()) as { violations: { field: string }[] };
      expect(violations.map((v) => v.field)).toEqual(['buyer.documentType', 'items[0].amount', 'createdAt']);
      expect((await api('/orders/MP-4')).status).toBe(404);
      expect((await api('/orders?orderNewPattern=yes', { method: 'POST', body: JSON.stringify({ marketPlaceId: 'MP-4' }) })).status).toBe(400);
    });

    it("refuses an order whose money does not add up, with ANYMARKET's rules", async () => {
      const items = [{ sku: { partnerId: 'A' }, amount: 2, unit: 10, gross: 20, total: 20 }];
      const res = await post({ marketPlaceId: 'MP-5', items, productNet: 20, freight: 5, discount: 1, total: 24, payments: [{ value: 20 }] });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        code: '400',
        message: 'Erro ao criar o pedido. A soma dos pagamentos (20.00) deve ser igual ao total do pedido (24.00).',
      });
      expect((await post({ marketPlaceId: 'MP-5', items, productNet: 20, freight: 5, discount: 1, total: 24, payments: [{ value: 24 }] })).status).toBe(200);
    });

    it('checks the markAs* and transmissionStatus bodies, and the GET /orders query', async () => {
      await post({ marketPlaceId: 'MP-6' });
      const shipped = await put('/orders/MP-6/markAsShipped', { status: 'ENVIADO', shippedDate: '27/10/2021' });
      expect(shipped.status).toBe(400);
      expect(((await shipped.json()) as { message: string }).message).toMatch(/^Erro ao atualizar o pedido \[MP-6\]\. O campo status .* O campo shippedDate /);
      expect((await put('/orders/MP-6/markAsPaid', { date: '2026-11-20' })).status).toBe(400);
      expect((await put('/orders/MP-6/markAsDelivered', {})).status).toBe(400);
      expect((await put('/orders/MP-6/transmissionStatus', { success: 'true', marketPlaceStatus: 'Pago' })).status).toBe(400);
      expect((await api('/orders?limit=2')).status).toBe(400);
      expect((await api('/orders/MP-6')).status).toBe(200);
      const { violations } = (await (await sim.control('GET', '/violations')).json()) as { violations: { operation: string; field: string }[] };
      expect(violations.map((v) => `${v.operation} ${v.field}`)).toEqual([
        'PUT /orders/{marketPlaceId}/markAsShipped status',
        'PUT /orders/{marketPlaceId}/markAsShipped shippedDate',
        'PUT /orders/{marketPlaceId}/markAsPaid date',
        'PUT /orders/{marketPlaceId}/markAsDelivered deliveredDate',
        'PUT /orders/{marketPlaceId}/transmissionStatus success',
        'GET /orders limit',
      ]);
    });

    it("answers 404 in ANYMARKET's format for an unknown order", async () => {
      const res = await put('/orders/nope/markAsPaid', {});
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ code: 404, message: "Recurso com o id 'nope' não encontrado" });
    });
  });
});
