import { tmpdir } from 'node:os';
import { availableDatabases, createTestDatabase, eventually, type TestDatabase } from '#common/testing';
import { http, startCheckEnded, startConnector, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';

/**
 * Issue 25 end to end: the connector and the simulator over HTTP. The simulator's Marketplacer answers
 * 503 to every request; an admin runs the sellers feed (the seller directory's: every run calls Marketplacer, as it does every minute in the demo); /health/ready is then 200
 * `degraded` naming Marketplacer, the 503, the operation and the open circuit. Faults cleared, the next
 * answered call makes it `ok` again. Scheduling is off and the feeds' staleness is out of the way
 * (HEALTH_FEED_STALE_AFTER_INTERVALS: that part is feeds-health's specs, on the manual clock); every
 * wait is for a state.
 */
const databases = await availableDatabases();
const SLOW = 60_000;
const EVERY_REQUEST = 1_000_000;

interface Readiness {
  status: string;
  degraded: Array<{ component: string; reason: string }>;
  info: Record<string, { status: string } & Record<string, unknown>>;
  error: Record<string, unknown>;
  details: Record<string, { status: string }>;
}

describe.each(databases)('Readiness end to end on %s', (kind) => {
  let database: TestDatabase;
  let simulator: Listening;
  let connector: ConnectorUnderTest;

  const readiness = () => http<Readiness>(`${connector.url}/health/ready`);
  const faults = (body?: unknown) => http(`${simulator.url}/_control/marketplacer/faults`, { method: body ? 'PUT' : 'DELETE', body });
  const runSellers = () => http<{ outcome: string }>(`${connector.url}/admin/sync/jobs/sellers/run?wait=true`, { method: 'POST', headers: connector.admin });

  beforeAll(async () => {
    simulator = await startSimulator({ SIMULATOR_SEED_SELLERS: '3', SIMULATOR_SEED_ADVERTS: '5', SIMULATOR_SEED_INVOICES: '0' });
    database = await createTestDatabase(kind, tmpdir());
    connector = await startConnector(database.target, simulator.url, {
      MARKETPLACER_RETRY_BASE_MS: '5',
      MARKETPLACER_BREAKER_COOLDOWN_MS: '300',
      HEALTH_FEED_STALE_AFTER_INTERVALS: '1000',
    });
    await startCheckEnded(connector);
  }, SLOW);

  afterAll(async () => {
    await connector?.close();
    await simulator?.close();
    await database?.drop();
  });

  it(
    'is ok, then degraded (still 200) naming Marketplacer and its 503 while every request fails, then ok once a call is answered again',
    async () => {
      const before = await readiness();
      expect(before.status).toBe(200);
      expect(before.body).toMatchObject({ status: 'ok', degraded: [], error: {} });
      expect(Object.keys(before.body.details).sort()).toEqual(['contract', 'database', 'feeds', 'migrations', 'remotes']);

      expect((await faults({ failNextRequests: { count: EVERY_REQUEST, status: 503 } })).status).toBe(200);
      const failed = await runSellers();
      expect(failed.status).toBe(200);
      expect(failed.body.outcome).toBe('failed');

      const degraded = await readiness();
      expect(degraded.status).toBe(200);
      expect(degraded.body.status).toBe('degraded');
      expect(degraded.body.degraded).toEqual([
        {
          component: 'remote.marketplacer',
          reason: expect.stringMatching(
            /^Marketplacer: HTTP 503 on SellersUpdatedSince, 5 failures in a row since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ; last success .*; circuit open: calls fail fast until a probe succeeds$/,
          ),
        },
      ]);
      expect(degraded.body.info.remotes).toMatchObject({
        status: 'degraded',
        remotes: expect.arrayContaining([expect.objectContaining({ remote: 'marketplacer', circuit: 'open', consecutiveOutages: 5 })]),
      });
      // Still ready: the database is up, nothing is in `error`.
      expect(degraded.body.error).toEqual({});

      expect((await faults()).status).toBe(200);
      // The circuit lets a probe through after its cooldown: run the sellers feed until one is answered.
      const recovered = await eventually(
        async () => {
          const run = await runSellers();
          return { run: run.body.outcome, readiness: (await readiness()).body };
        },
        (state) => state.readiness.status === 'ok',
        'readiness ok once Marketplacer answers again',
      );
      expect(recovered.run).toBe('succeeded');
      expect(recovered.readiness).toMatchObject({ status: 'ok', degraded: [], info: { remotes: { status: 'up' } } });
    },
    SLOW,
  );
});
