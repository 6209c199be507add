import { until } from '#common/testing';
import { DEMO_MARKETPLACER_API_KEY } from '../marketplacer-simulator.config.js';
import { SimulatorHarness } from '#test-support/simulator/simulator-harness';

const KEY = { 'MARKETPLACER-API-KEY': DEMO_MARKETPLACER_API_KEY };

/** The faults a client's spec needs, set through PUT /_control/marketplacer/faults and seen over HTTP. */
describe('Marketplacer simulator: fault control over HTTP', () => {
  let sim: SimulatorHarness;

  const post = (body: unknown, headers: Record<string, string> = KEY) =>
    fetch(`${sim.baseUrl}/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const setFaults = async (faults: unknown) => (await sim.control('PUT', '/faults', faults)).status;

  beforeAll(async () => {
    sim = await SimulatorHarness.start();
  });

  afterAll(async () => {
    await sim?.stop();
  });

  beforeEach(async () => {
    await sim.control('POST', '/reset', {});
  });

  it('refuses fault settings it cannot honour, naming them (400)', async () => {
    expect(await setFaults({ burst429: { count: 1, retryAfterDate: 'tomorrow' } })).toBe(400);
    expect(await setFaults({ failNextRequests: { count: 1, status: 404 } })).toBe(400);
    expect(await setFaults({ failNextRequests: { count: 1, status: 503, retryAfterSeconds: -1 } })).toBe(400);
    expect(await setFaults({ stallNextRequests: { count: -1 } })).toBe(400);
    expect(await setFaults({ maintenancePageNextRequests: 1.5 })).toBe(400);
    expect(await setFaults({ refuseIntrospection: 'yes' })).toBe(400);
  });

  it('sends Retry-After on a failure as asked, as an HTTP date on a 429, and none on a bare 429', async () => {
    expect(
      await setFaults({ failNextRequests: { count: 1, status: 503, retryAfterSeconds: 3 }, burst429: { count: 1, retryAfterDate: '2030-01-01T00:00:05Z' } }),
    ).toBe(200);
    const failed = await post({ query: '{ brands { totalCount } }' });
    expect([failed.status, failed.headers.get('retry-after')]).toEqual([503, '3']);
    const throttled = await post({ query: '{ brands { totalCount } }' });
    expect([throttled.status, throttled.headers.get('retry-after')]).toEqual([429, 'Tue, 01 Jan 2030 00:00:05 GMT']);

    await setFaults({ burst429: { count: 1 }, failNextRequests: { count: 1, status: 403 } });
    expect((await post({ query: '{ brands { totalCount } }' })).status).toBe(403);
    const bare = await post({ query: '{ brands { totalCount } }' });
    expect([bare.status, bare.headers.get('retry-after')]).toEqual([429, null]);
  });

  it('answers a maintenance page with HTTP 200, then GraphQL again', async () => {
    await setFaults({ maintenancePageNextRequests: 1 });
    const page = await post({ query: '{ brands { totalCount } }' });
    expect([page.status, page.headers.get('content-type')]).toEqual([200, expect.stringContaining('text/html')]);
    expect(await page.text()).toContain('maintenance');
    expect((await post({ query: '{ brands { totalCount } }' })).status).toBe(200);
  });

  it("refuses introspection with graphql-ruby's error, under 200 or 400, and serves other queries", async () => {
    const introspection = { query: '{ __schema { queryType { name } } }' };
    await setFaults({ refuseIntrospection: 'http-400' });
    const refused = await post(introspection);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      errors: [{ message: "Field '__schema' doesn't exist on type 'Query'", extensions: { code: 'undefinedField', typeName: 'Query', fieldName: '__schema' } }],
    });
    await setFaults({ refuseIntrospection: 'graphql-error' });
    expect((await post(introspection)).status).toBe(200);
    expect((await post({ query: '{ brands { totalCount } }' })).status).toBe(200);
    await sim.control('DELETE', '/faults');
    expect(await (await post(introspection)).json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('stalls a request until its caller hangs up, then carries it out', async () => {
    await setFaults({ stallNextRequests: { count: 1, operationName: 'Stalled' } });
    const log = async () => (await sim.control('GET', '/requests')).body;
    const hangUp = new AbortController();
    const stalled = fetch(`${sim.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...KEY },
      body: JSON.stringify({ query: 'query Stalled { brands { totalCount } }' }),
      signal: hangUp.signal,
    });
    void stalled.catch(() => undefined);
    await until(async () => (await log()).inFlight.Stalled === 1, 'the stalled request arrived');

    // Only the first request stalls; the next is answered at once.
    expect((await post({ query: 'query Stalled { brands { totalCount } }' })).status).toBe(200);
    expect((await log()).inFlight).toEqual({ Stalled: 1 });
    hangUp.abort();

    await until(async () => Object.keys((await log()).inFlight).length === 0, 'the stalled request ended');
    expect((await log()).last.map((entry: { outcome: string }) => entry.outcome)).toEqual(['executed', 'executed']);
  });

  it('logs the variables and the content-type, auth and traceparent headers of each request', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    await post(
      { query: 'query Brands($first: Int) { brands(first: $first) { totalCount } }', variables: { first: 2 } },
      { Authorization: `Bearer ${DEMO_MARKETPLACER_API_KEY}`, traceparent },
    );
    const [entry] = (await sim.control('GET', '/requests')).body.last;
    expect(entry).toMatchObject({
      operationName: 'Brands',
      outcome: 'executed',
      variables: { first: 2 },
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_MARKETPLACER_API_KEY}`, traceparent },
    });
    expect(entry.headers['marketplacer-api-key']).toBeUndefined();
  });
});
