import { jest } from '@jest/globals';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { rejectionOf } from '#common/testing';
import { DEMO_MARKETPLACER_API_KEY, MarketplacerError, toGlobalId, type MarketplacerConnection } from '#marketplacer';
import type { MarketplacerClient } from '../../../../libs/marketplacer/src/client/marketplacer-client.js';
import { BrandsDocument, SellerUpdateDocument } from '../../../../libs/marketplacer/src/contract/generated/graphql.js';
import { FakeTiming } from '../../../../libs/marketplacer/src/testing/index.js';
import { MarketplacerEndpoint } from '#test-support/simulator/marketplacer-endpoint';

/** A document outside the contract, for answers the contract's own documents never get. */
const documentOf = (text: string) => parse(text) as TypedDocumentNode<Record<string, unknown>, Record<string, unknown>>;

/** The library's MarketplacerClient (Apollo, fetch, retries, auth headers) against the simulated Marketplacer, over HTTP. */
describe('MarketplacerClient against the simulator', () => {
  const marketplacer = MarketplacerEndpoint.forEachTest();
  let timing: FakeTiming;

  beforeEach(async () => {
    timing = new FakeTiming();
  });

  const client = (overrides: Partial<MarketplacerConnection> = {}): MarketplacerClient => marketplacer.client(overrides, { timing });
  const received = () => marketplacer.received();
  const requests = () => marketplacer.requests();
  const firstBrand = () => [...marketplacer.state.brands.values()].sort((a, b) => a.legacyId - b.legacyId)[0];

  /**
   * A client of a Marketplacer that refuses connections (port 2: privileged, nothing listens there, and not on fetch's blocked-port
   * list). Its budget is lifted: the tests count the retries' waits, and a budget keeps attempts at its pace (ADR 0024).
   */
  const offlineClient = (maxAttempts: number) => client({ endpoint: 'http://127.0.0.1:2/graphql', maxAttempts, rateLimit: 100_000, rateWindowMs: 1_000 });

  it('sends the operation with its variables and returns the data', async () => {
    const data = await client().query(BrandsDocument, { first: 10 });
    expect(data.brands.nodes?.[0]?.name).toBe(firstBrand().name);
    const sent = await requests();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ operationName: 'Brands', variables: { first: 10 } });
    expect(sent[0].headers['content-type']).toContain('application/json');
  });

  it('does not cache: the same query twice goes to Marketplacer twice', async () => {
    const c = client();
    await c.query(BrandsDocument, { first: 10 });
    await c.query(BrandsDocument, { first: 10 });
    expect(await received()).toBe(2);
  });

  describe('authentication headers', () => {
    const key = DEMO_MARKETPLACER_API_KEY;

    it('sends Authorization: Bearer <key> by default', async () => {
      await client({ apiKey: key }).query(BrandsDocument, {});
      const [sent] = await requests();
      expect(sent.headers.authorization).toBe(`Bearer ${key}`);
      expect(sent.headers['marketplacer-api-key']).toBeUndefined();
    });

    it('sends MARKETPLACER-API-KEY: <key> when asked to', async () => {
      await client({ apiKey: key, authHeader: 'api-key' }).query(BrandsDocument, {});
      const [sent] = await requests();
      expect(sent.headers['marketplacer-api-key']).toBe(key);
      expect(sent.headers.authorization).toBeUndefined();
    });

    it('sends Basic auth plus MARKETPLACER-API-KEY behind HTTP Basic auth', async () => {
      await client({ apiKey: key, basicAuth: { user: 'sandbox', password: 'pw' } }).query(BrandsDocument, {});
      const [sent] = await requests();
      expect(sent.headers.authorization).toBe(`Basic ${Buffer.from('sandbox:pw').toString('base64')}`);
      expect(sent.headers['marketplacer-api-key']).toBe(key);
    });
  });

  describe('rate limiting answers (429/503)', () => {
    it('honours Retry-After in seconds on 429', async () => {
      await marketplacer.setFaults({ burst429: { count: 1, retryAfterSeconds: 2 } });
      await client().query(BrandsDocument, {});
      expect(await received()).toBe(2);
      expect(timing.sleeps).toEqual([2000]);
    });

    it('honours Retry-After as an HTTP date', async () => {
      await marketplacer.setFaults({ burst429: { count: 1, retryAfterDate: new Date(timing.now() + 5000).toISOString() } });
      await client().query(BrandsDocument, {});
      expect(timing.sleeps).toHaveLength(1);
      expect(timing.sleeps[0]).toBeGreaterThan(4000);
      expect(timing.sleeps[0]).toBeLessThanOrEqual(5000);
    });

    it('waits the default, then exponentially longer, on 429 without Retry-After', async () => {
      await marketplacer.setFaults({ burst429: { count: 3 } });
      await client({ rateLimitDefaultWaitMs: 100 }).query(BrandsDocument, {});
      expect(await received()).toBe(4);
      expect(timing.sleeps).toEqual([100, 200, 400]);
    });

    it('backs off as for any 5xx (seconds, not the rate-limit wait) on 503 without Retry-After', async () => {
      await marketplacer.setFaults({ failNextRequests: { count: 3, status: 503 } });
      await client({ rateLimitDefaultWaitMs: 60_000, retryBaseMs: 100 }).query(BrandsDocument, {});
      expect(await received()).toBe(4);
      // random() = 0.5 → half of 100, 200, 400
      expect(timing.sleeps).toEqual([50, 100, 200]);
    });

    it('honours Retry-After on 503', async () => {
      await marketplacer.setFaults({ failNextRequests: { count: 1, status: 503, retryAfterSeconds: 3 } });
      await client({ retryBaseMs: 100 }).query(BrandsDocument, {});
      expect(timing.sleeps).toEqual([3000]);
    });

    it('gives up with MARKETPLACER_RATE_LIMITED after MAX_ATTEMPTS 429s', async () => {
      await marketplacer.setFaults({ burst429: { count: 100, retryAfterSeconds: 0 } });
      const error = await rejectionOf(MarketplacerError, client({ maxAttempts: 3 }).query(BrandsDocument, {}));
      expect(error.code).toBe('MARKETPLACER_RATE_LIMITED');
      expect(error.kind).toBe('rate_limited');
      expect(await received()).toBe(3);
    });
  });

  describe('server and network errors', () => {
    it.each([500, 502, 504])('retries a burst of %i to success with jittered exponential backoff', async (status) => {
      await marketplacer.setFaults({ failNextRequests: { count: 3, status } });
      const data = await client({ retryBaseMs: 100 }).query(BrandsDocument, {});
      expect(data.brands.totalCount).toBe(marketplacer.state.brands.size);
      expect(await received()).toBe(4);
      // random() = 0.5 → half of 100, 200, 400
      expect(timing.sleeps).toEqual([50, 100, 200]);
    });

    it('ends persistent 5xx in MARKETPLACER_UNAVAILABLE after exactly MAX_ATTEMPTS requests', async () => {
      await marketplacer.setFaults({ failNextRequests: { count: 100, status: 500 } });
      const error = await rejectionOf(MarketplacerError, client({ maxAttempts: 4 }).query(BrandsDocument, {}));
      expect(error.code).toBe('MARKETPLACER_UNAVAILABLE');
      expect(error.message).toContain('Brands');
      expect(await received()).toBe(4);
    });

    it('times out a stalled attempt, retries it, and ends in MARKETPLACER_TIMEOUT', async () => {
      await marketplacer.setFaults({ stallNextRequests: { count: 100, operationName: null } });
      const error = await rejectionOf(MarketplacerError, client({ timeoutMs: 300, maxAttempts: 2 }).query(BrandsDocument, {}));
      expect(error.code).toBe('MARKETPLACER_TIMEOUT');
      expect(await received()).toBe(2);
    });

    it('recovers when only the first attempt stalls', async () => {
      await marketplacer.setFaults({ stallNextRequests: { count: 1, operationName: null } });
      // The stalled attempt takes all of the timeout, so it costs this test 5 s; a shorter one would let a busy
      // machine turn the answered attempt into a timeout too (the answer's time is not the test's to decide).
      const data = await client({ timeoutMs: 5_000 }).query(BrandsDocument, {});
      expect(data.brands.totalCount).toBe(marketplacer.state.brands.size);
      expect(await received()).toBe(2);
    });

    it('retries network errors and ends in MARKETPLACER_UNAVAILABLE', async () => {
      const error = await rejectionOf(MarketplacerError, offlineClient(3).query(BrandsDocument, {}));
      expect(error.code).toBe('MARKETPLACER_UNAVAILABLE');
      expect(timing.sleeps).toHaveLength(2);
    });
  });

  describe('mutations that create (onlySafeRetries)', () => {
    const sellerId = () => toGlobalId('Seller', [...marketplacer.state.sellers.values()].find((seller) => seller.deletedAt === null)!.legacyId);
    const create = (c: MarketplacerClient) =>
      c.mutate(SellerUpdateDocument, { input: { sellerId: sellerId(), attributes: { phone: '1' } } }, { onlySafeRetries: true });

    it.each([
      ['a 5xx', { failNextRequests: { count: 1, status: 500 } }, 'MARKETPLACER_UNAVAILABLE'],
      ['a dropped connection', { dropNextConnections: 1 }, 'MARKETPLACER_UNAVAILABLE'],
      ['a timeout', { stallNextRequests: { count: 1, operationName: null } }, 'MARKETPLACER_TIMEOUT'],
    ])('are not repeated after %s: the outcome is unknown', async (_what, faults, code) => {
      await marketplacer.setFaults(faults);
      // Only the stall needs a short timeout; the answered faults get the default, so a busy machine does not turn them into timeouts.
      const error = await rejectionOf(MarketplacerError, create(client(code === 'MARKETPLACER_TIMEOUT' ? { timeoutMs: 300 } : {})));
      expect(error.code).toBe(code);
      expect(error.message).toContain('it may have been applied, so it was not repeated');
      expect(await received()).toBe(1);
    });

    it('are repeated after 429 and 503, which Marketplacer did not act on', async () => {
      await marketplacer.setFaults({ burst429: { count: 1, retryAfterSeconds: 1 }, failNextRequests: { count: 1, status: 503, retryAfterSeconds: 1 } });
      expect((await create(client())).sellerUpdate?.status).toBe(200);
      expect(await received()).toBe(3);
    });

    it('are repeated when the connection was never made', async () => {
      const error = await rejectionOf(MarketplacerError, create(offlineClient(3)));
      expect(error.message).toContain('gave up after 3 attempt(s)');
      expect(timing.sleeps).toHaveLength(2);
    });
  });

  describe('client errors', () => {
    it('fails after exactly one request on 401 "API Token has expired"', async () => {
      const error = await rejectionOf(MarketplacerError, client({ apiKey: 'secret-key-value' }).query(BrandsDocument, {}));
      expect(error.code).toBe('MARKETPLACER_AUTHENTICATION_FAILED');
      expect(error.message).toContain('API Token has expired');
      expect(error.message).not.toContain('secret-key-value');
      expect(await received()).toBe(1);
      expect(timing.sleeps).toEqual([]);
    });

    it('does not retry other 4xx', async () => {
      await marketplacer.setFaults({ failNextRequests: { count: 100, status: 403 } });
      const error = await rejectionOf(MarketplacerError, client().query(BrandsDocument, {}));
      expect(error.code).toBe('MARKETPLACER_REQUEST_REJECTED');
      expect(await received()).toBe(1);
    });
  });

  describe('GraphQL answers with HTTP 200', () => {
    /** An advert whose taxon is gone: Marketplacer's non-null `Advert.taxon` then fails, nulling the advert only. */
    const advertWithoutTaxon = () => {
      const advert = [...marketplacer.state.adverts.values()][0];
      advert.taxonId = null;
      return advert.legacyId;
    };

    it('turns top-level errors into MARKETPLACER_GRAPHQL_ERROR carrying the messages', async () => {
      const error = await rejectionOf(MarketplacerError, client().query(documentOf('query AllSellerz { allSellerz { totalCount } }'), {}));
      expect(error.code).toBe('MARKETPLACER_GRAPHQL_ERROR');
      const message = expect.stringMatching(/^Cannot query field "allSellerz" on type "Query"/);
      // graphql-ruby's extension code names the refusal.
      expect(error.details).toEqual([{ field: 'undefinedField', messages: [message] }]);
      expect(error.message).toContain('Cannot query field "allSellerz" on type "Query"');
      expect(await received()).toBe(1);
    });

    it('turns a refused page cursor into MARKETPLACER_CURSOR_REFUSED, a 400 naming `after`', async () => {
      const error = await rejectionOf(MarketplacerError, client().query(BrandsDocument, { after: '1' }));
      expect(error).toMatchObject({ code: 'MARKETPLACER_CURSOR_REFUSED', kind: 'invalid', details: [{ field: 'after' }] });
      // The nullable field first: the non-null `brands` failing ends the execution.
      const cursorAndMore = documentOf(
        `query CursorAndMore($advert: Int!) { advertsWhere(legacyIds: [$advert]) { nodes { taxon { id } } } brands(after: "1") { totalCount } }`,
      );
      const both = await rejectionOf(MarketplacerError, client().query(cursorAndMore, { advert: advertWithoutTaxon() }));
      expect(both.details).toHaveLength(2);
      expect(both.code).toBe('MARKETPLACER_GRAPHQL_ERROR');
    });

    it('fails on errors even when partial data came along', async () => {
      const legacyId = advertWithoutTaxon();
      const partial = documentOf(
        `query Partial($advert: Int!) { brands(first: 1) { totalCount } advertsWhere(legacyIds: [$advert]) { nodes { taxon { id } } } }`,
      );
      const error = await rejectionOf(MarketplacerError, client().query(partial, { advert: legacyId }));
      expect(error.code).toBe('MARKETPLACER_GRAPHQL_ERROR');
      expect(error.details).toEqual([{ field: 'advertsWhere.nodes.0.taxon', messages: [`Advert ${legacyId} has no taxon`] }]);
    });

    it('returns mutation data (payload checks are the adapters\u2019 job) and sends mutations as POST', async () => {
      const sellerId = toGlobalId('Seller', [...marketplacer.state.sellers.values()].find((seller) => seller.deletedAt === null)!.legacyId);
      const data = await client().mutate(SellerUpdateDocument, { input: { sellerId, attributes: { phone: '1' } } });
      expect(data.sellerUpdate?.status).toBe(200);
      const [sent] = await requests();
      expect(sent.operationName).toBe('SellerUpdate');
      expect(sent.variables).toEqual({ input: { sellerId, attributes: { phone: '1' } } });
    });

    it('reports a non-JSON 200 as MARKETPLACER_UNEXPECTED_RESPONSE', async () => {
      await marketplacer.setFaults({ maintenancePageNextRequests: 100 });
      const error = await rejectionOf(MarketplacerError, client().query(BrandsDocument, {}));
      expect(error.code).toBe('MARKETPLACER_UNEXPECTED_RESPONSE');
    });
  });

  it('keeps at most N requests in any sliding window (the API key budget), without dropping any', async () => {
    // The budget's memory store reads Date.now: tie it to the virtual clock, so waits take no real time.
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => timing.now());
    try {
      // When each request leaves the client, on the virtual clock.
      const sentAt: number[] = [];
      const c = marketplacer.client(
        { rateLimit: 3, rateWindowMs: 1000 },
        {
          timing,
          fetch: (input, init) => {
            sentAt.push(timing.now());
            return fetch(input, init);
          },
        },
      );
      // One after another, so the virtual clock at arrival is the clock at sending.
      for (let i = 0; i < 10; i += 1) await c.query(BrandsDocument, {});
      expect(sentAt).toHaveLength(10);
      expect(await received()).toBe(10);
      for (const start of sentAt) {
        expect(sentAt.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(3);
      }
      expect(timing.sleeps.length).toBeGreaterThan(0);
    } finally {
      clock.mockRestore();
    }
  });
});
