import { BrandsDocument, SellerUpdateDocument } from '../contract/generated/graphql.js';
import { MarketplacerError } from '../errors/marketplacer-error.js';
import { answerData, FakeMarketplacerServer, testConnection } from '../testing/fake-marketplacer-server.js';
import { FakeTiming } from '../testing/fake-timing.js';
import type { MarketplacerConnection } from '../marketplacer-connection.js';
import { MarketplacerClient } from './marketplacer-client.js';
import { jest } from '@jest/globals';
import { rejectionOf } from '#common/testing';

const brands = {
  brands: {
    totalCount: 1,
    pageInfo: { hasNextPage: false, endCursor: null },
    nodes: [{ __typename: 'Brand', id: 'QnJhbmQtMQ==', name: 'Acme', slug: 'acme' }],
  },
};
const silent = { warn: () => undefined };

describe('MarketplacerClient against a fake Marketplacer', () => {
  let server: FakeMarketplacerServer;
  let timing: FakeTiming;
  const clients: MarketplacerClient[] = [];

  beforeEach(async () => {
    server = await FakeMarketplacerServer.start();
    timing = new FakeTiming();
  });

  afterEach(async () => {
    clients.splice(0).forEach((client) => client.stop());
    await server.close();
  });

  function client(overrides: Partial<MarketplacerConnection> = {}): MarketplacerClient {
    const created = new MarketplacerClient(testConnection(server.url, overrides), { timing, logger: silent });
    clients.push(created);
    return created;
  }

  /** A client of a Marketplacer that refuses connections (port 2: privileged, nothing listens there, and not on fetch's blocked-port list). */
  function offlineClient(maxAttempts: number): MarketplacerClient {
    const offline = new MarketplacerClient(testConnection('http://127.0.0.1:2/graphql', { maxAttempts }), { timing, logger: silent });
    clients.push(offline);
    return offline;
  }

  it('sends the operation with its variables and returns the data', async () => {
    server.script(answerData(brands));
    const data = await client().query(BrandsDocument, { first: 10 });
    expect(data.brands.nodes?.[0]?.name).toBe('Acme');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ operationName: 'Brands', variables: { first: 10 } });
    expect(server.requests[0].headers['content-type']).toContain('application/json');
  });

  it('does not cache: the same query twice goes to Marketplacer twice', async () => {
    server.script(answerData(brands));
    const c = client();
    await c.query(BrandsDocument, { first: 10 });
    await c.query(BrandsDocument, { first: 10 });
    expect(server.requests).toHaveLength(2);
  });

  describe('authentication headers', () => {
    it('sends Authorization: Bearer <key> by default', async () => {
      server.script(answerData(brands));
      await client({ apiKey: 'k-123' }).query(BrandsDocument, {});
      expect(server.requests[0].headers.authorization).toBe('Bearer k-123');
      expect(server.requests[0].headers['marketplacer-api-key']).toBeUndefined();
    });

    it('sends MARKETPLACER-API-KEY: <key> when asked to', async () => {
      server.script(answerData(brands));
      await client({ apiKey: 'k-123', authHeader: 'api-key' }).query(BrandsDocument, {});
      expect(server.requests[0].headers['marketplacer-api-key']).toBe('k-123');
      expect(server.requests[0].headers.authorization).toBeUndefined();
    });

    it('sends Basic auth plus MARKETPLACER-API-KEY behind HTTP Basic auth', async () => {
      server.script(answerData(brands));
      await client({ apiKey: 'k-123', basicAuth: { user: 'sandbox', password: 'pw' } }).query(BrandsDocument, {});
      expect(server.requests[0].headers.authorization).toBe(`Basic ${Buffer.from('sandbox:pw').toString('base64')}`);
      expect(server.requests[0].headers['marketplacer-api-key']).toBe('k-123');
    });
  });

  describe('rate limiting answers (429/503)', () => {
    it('honours Retry-After in seconds on 429', async () => {
      server.script({ status: 429, headers: { 'retry-after': '2' } }, answerData(brands));
      await client().query(BrandsDocument, {});
      expect(server.requests).toHaveLength(2);
      expect(timing.sleeps).toEqual([2000]);
    });

    it('honours Retry-After as an HTTP date', async () => {
      const at = new Date(timing.now() + 5000).toUTCString();
      server.script({ status: 429, headers: { 'retry-after': at } }, answerData(brands));
      await client().query(BrandsDocument, {});
      expect(timing.sleeps).toHaveLength(1);
      expect(timing.sleeps[0]).toBeGreaterThan(4000);
      expect(timing.sleeps[0]).toBeLessThanOrEqual(5000);
    });

    it('waits the default, then exponentially longer, on 429 without Retry-After', async () => {
      server.script({ status: 429 }, { status: 429 }, { status: 429 }, answerData(brands));
      await client({ rateLimitDefaultWaitMs: 100 }).query(BrandsDocument, {});
      expect(server.requests).toHaveLength(4);
      expect(timing.sleeps).toEqual([100, 200, 400]);
    });

    it('backs off as for any 5xx (seconds, not the rate-limit wait) on 503 without Retry-After', async () => {
      server.script({ status: 503 }, { status: 503 }, { status: 503 }, answerData(brands));
      await client({ rateLimitDefaultWaitMs: 60_000, retryBaseMs: 100 }).query(BrandsDocument, {});
      expect(server.requests).toHaveLength(4);
      // random() = 0.5 → half of 100, 200, 400
      expect(timing.sleeps).toEqual([50, 100, 200]);
    });

    it('honours Retry-After on 503', async () => {
      server.script({ status: 503, headers: { 'retry-after': '3' } }, answerData(brands));
      await client({ retryBaseMs: 100 }).query(BrandsDocument, {});
      expect(timing.sleeps).toEqual([3000]);
    });

    it('gives up with MARKETPLACER_RATE_LIMITED after MAX_ATTEMPTS 429s', async () => {
      server.script({ status: 429, headers: { 'retry-after': '0' } });
      const error = await rejectionOf(MarketplacerError, client({ maxAttempts: 3 }).query(BrandsDocument, {}));
      expect(error.code).toBe('MARKETPLACER_RATE_LIMITED');
      expect(error.kind).toBe('rate_limited');
      expect(server.requests).toHaveLength(3);
    });
  });

  describe('server and network errors', () => {
    it('retries a burst of 5xx to success with jittered exponential backoff', async () => {
      server.script({ status: 500 }, { status: 502 }, { status: 504 }, answerData(brands));
      const data = await client({ retryBaseMs: 100 }).query(BrandsDocument, {});
      expect(data.brands.totalCount).toBe(1);
      expect(server.requests).toHaveLength(4);
      // random() = 0.5 → half of 100, 200, 400
      expect(timing.sleeps).toEqual([50, 100, 200]);
    });

    it('ends persistent 5xx in MARKETPLACER_UNAVAILABLE after exactly MAX_ATTEMPTS requests', async () => {
      server.script({ status: 500, body: 'boom' });
      const error = await rejectionOf(MarketplacerError, client({ maxAttempts: 4 }).query(BrandsDocument, {}));
      expect(error.code).toBe('MARKETPLACER_UNAVAILABLE');
      expect(error.message).toContain('Brands');
      expect(server.requests).toHaveLength(4);
    });

    it('times out a stalled attempt, retries it, and ends in MARKETPLACER_TIMEOUT', async () => {
      server.script({ hang: true });
      const error = await rejectionOf(MarketplacerError, client({ timeoutMs: 100, maxAttempts: 2 }).query(BrandsDocument, {}));
      expect(error.code).toBe('MARKETPLACER_TIMEOUT');
      expect(server.requests).toHaveLength(2);
    });

    it('recovers when only the first attempt stalls', async () => {
      server.respondWith((_request, index) => (index === 0 ? { hang: true } : answerData(brands)));
      const data = await client({ timeoutMs: 100 }).query(BrandsDocument, {});
      expect(data.brands.totalCount).toBe(1);
      expect(server.requests).toHaveLength(2);
    });

    it('retries network errors and ends in MARKETPLACER_UNAVAILABLE', async () => {
      const error = await rejectionOf(MarketplacerError, offlineClient(3).query(BrandsDocument, {}));
      expect(error.code).toBe('MARKETPLACER_UNAVAILABLE');
      expect(timing.sleeps).toHaveLength(2);
    });
  });

  describe('mutations that create (onlySafeRetries)', () => {
    const create = (c: MarketplacerClient) =>
      c.mutate(SellerUpdateDocument, { input: { sellerId: 'U2VsbGVyLTc4', attributes: { phone: '1' } } }, { onlySafeRetries: true });
    const done = answerData({ sellerUpdate: { status: 200, errors: null, seller: null } });

    it.each([
      ['a 5xx', { status: 500 }, 'MARKETPLACER_UNAVAILABLE'],
      ['a dropped connection', { drop: true }, 'MARKETPLACER_UNAVAILABLE'],
      ['a timeout', { hang: true }, 'MARKETPLACER_TIMEOUT'],
    ])('are not repeated after %s: the outcome is unknown', async (_what, answer, code) => {
      server.script(answer, done);
      const error = await rejectionOf(MarketplacerError, create(client({ timeoutMs: 100 })));
      expect(error.code).toBe(code);
      expect(error.message).toContain('it may have been applied, so it was not repeated');
      expect(server.requests).toHaveLength(1);
    });

    it('are repeated after 429 and 503, which Marketplacer did not act on', async () => {
      server.script({ status: 429, headers: { 'retry-after': '1' } }, { status: 503, headers: { 'retry-after': '1' } }, done);
      expect((await create(client())).sellerUpdate?.status).toBe(200);
      expect(server.requests).toHaveLength(3);
    });

    it('are repeated when the connection was never made', async () => {
      const error = await rejectionOf(MarketplacerError, create(offlineClient(3)));
      expect(error.message).toContain('gave up after 3 attempt(s)');
      expect(timing.sleeps).toHaveLength(2);
    });
  });

  describe('client errors', () => {
    it('fails after exactly one request on 401 "API Token has expired"', async () => {
      server.script({ status: 401, body: 'API Token has expired' });
      const error = await rejectionOf(MarketplacerError, client({ apiKey: 'secret-key-value' }).query(BrandsDocument, {}));
      expect(error.code).toBe('MARKETPLACER_AUTHENTICATION_FAILED');
      expect(error.message).toContain('API Token has expired');
      expect(error.message).not.toContain('secret-key-value');
      expect(server.requests).toHaveLength(1);
      expect(timing.sleeps).toEqual([]);
    });

    it('does not retry other 4xx', async () => {
      server.script({ status: 400, body: 'bad request' });
      const error = await rejectionOf(MarketplacerError, client().query(BrandsDocument, {}));
      expect(error.code).toBe('MARKETPLACER_REQUEST_REJECTED');
      expect(server.requests).toHaveLength(1);
    });
  });

  describe('GraphQL answers with HTTP 200', () => {
    it('turns top-level errors into MARKETPLACER_GRAPHQL_ERROR carrying the messages', async () => {
      const message = "Field 'allSellers' doesn't exist on type 'Query'";
      server.script({ status: 200, body: { errors: [{ message, extensions: { code: 'undefinedField' } }] } });
      const error = await rejectionOf(MarketplacerError, client().query(BrandsDocument, {}));
      expect(error.code).toBe('MARKETPLACER_GRAPHQL_ERROR');
      expect(error.details).toEqual([{ field: 'undefinedField', messages: [message] }]);
      expect(error.message).toContain(message);
      expect(server.requests).toHaveLength(1);
    });

    it('turns a refused page cursor into MARKETPLACER_CURSOR_REFUSED, a 400 naming `after`', async () => {
      server.script({ status: 200, body: { errors: [{ message: 'Invalid cursor: "1"', path: ['sellerSearch'] }] } });
      const error = await rejectionOf(MarketplacerError, client().query(BrandsDocument, {}));
      expect(error).toMatchObject({ code: 'MARKETPLACER_CURSOR_REFUSED', kind: 'invalid', details: [{ field: 'after' }] });
      server.script({ status: 200, body: { errors: [{ message: 'Invalid cursor: "1"' }, { message: 'boom' }] } });
      expect((await rejectionOf(MarketplacerError, client().query(BrandsDocument, {}))).code).toBe('MARKETPLACER_GRAPHQL_ERROR');
    });

    it('fails on errors even when partial data came along', async () => {
      server.script({ status: 200, body: { data: { brands: null }, errors: [{ message: 'boom', path: ['brands'] }] } });
      const error = await rejectionOf(MarketplacerError, client().query(BrandsDocument, {}));
      expect(error.code).toBe('MARKETPLACER_GRAPHQL_ERROR');
      expect(error.details).toEqual([{ field: 'brands', messages: ['boom'] }]);
    });

    it('returns mutation data (payload checks are the adapters\u2019 job) and sends mutations as POST', async () => {
      server.script(answerData({ sellerUpdate: { status: 200, errors: null, seller: null } }));
      const data = await client().mutate(SellerUpdateDocument, { input: { sellerId: 'U2VsbGVyLTc4', attributes: { phone: '1' } } });
      expect(data.sellerUpdate?.status).toBe(200);
      expect(server.requests[0].operationName).toBe('SellerUpdate');
      expect(server.requests[0].variables).toEqual({ input: { sellerId: 'U2VsbGVyLTc4', attributes: { phone: '1' } } });
    });

    it('reports a non-JSON 200 as MARKETPLACER_UNEXPECTED_RESPONSE', async () => {
      server.script({ status: 200, body: '<html>maintenance</html>' });
      const error = await rejectionOf(MarketplacerError, client().query(BrandsDocument, {}));
      expect(error.code).toBe('MARKETPLACER_UNEXPECTED_RESPONSE');
    });
  });

  it('keeps at most N requests in any sliding window (the API key budget), without dropping any', async () => {
    // The budget's memory store reads Date.now: tie it to the virtual clock, so waits take no real time.
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => timing.now());
    try {
      const sentAt: number[] = [];
      server.respondWith(() => {
        sentAt.push(timing.now());
        return answerData(brands);
      });
      const c = client({ rateLimit: 3, rateWindowMs: 1000 });
      // One after another, so the virtual clock at arrival is the clock at sending.
      for (let i = 0; i < 10; i += 1) await c.query(BrandsDocument, {});
      expect(sentAt).toHaveLength(10);
      for (const start of sentAt) {
        expect(sentAt.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(3);
      }
      expect(timing.sleeps.length).toBeGreaterThan(0);
    } finally {
      clock.mockRestore();
    }
  });
});
