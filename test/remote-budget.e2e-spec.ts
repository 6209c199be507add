import { tmpdir } from 'node:os';
import { availableDatabases, createTestDatabase, type TestDatabase } from '#common/testing';
import { http, startConnector, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';

/**
 * Issue 9: one Marketplacer budget per API key whatever the number of replicas. Three connector
 * processes on one Postgres database drive Marketplacer work at once against the simulator, whose
 * limit is lowered to what the connectors are configured with; the simulator refuses nothing. On
 * SQLite there is one process by design, so the suite runs on Postgres only.
 */
const databases = await availableDatabases();
const SLOW = 120_000;
/** The simulator's limit and the connectors' budget: 20 requests per sliding 2 s. */
const LIMIT = 20;
const WINDOW_MS = 2_000;

interface RequestLog {
  count: number;
  last: Array<{ operationName: string; httpStatus: number | null; outcome: string }>;
}

(databases.includes('postgres') ? describe : describe.skip)('one Marketplacer budget shared by three connector processes on Postgres', () => {
  let database: TestDatabase;
  let simulator: Listening;
  const connectors: ConnectorUnderTest[] = [];

  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await http<T>(`${simulator.url}/_control/marketplacer${path}`, { method, body });
    if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}`);
    return answer.body;
  };

  beforeAll(async () => {
    simulator = await startSimulator({ SIMULATOR_SEED_ADVERTS: '0', SIMULATOR_SEED_INVOICES: '0' });
    database = await createTestDatabase('postgres', tmpdir());
    const env = { MARKETPLACER_RATE_LIMIT: String(LIMIT), MARKETPLACER_RATE_WINDOW_MS: String(WINDOW_MS), MARKETPLACER_RATE_MAX_WAIT_MS: '60000' };
    for (let i = 0; i < 3; i += 1) connectors.push(await startConnector(database.target, simulator.url, env));
  }, SLOW);

  afterAll(async () => {
    await Promise.all(connectors.splice(0).map((connector) => connector.close()));
    await simulator?.close();
    await database?.drop();
  });

  it(
    'sends more than one window of requests from three processes, and the simulator answers none with 429',
    async () => {
      await control('PUT', '/rate-limit', { limit: LIMIT, windowMs: WINDOW_MS });
      await control('DELETE', '/requests');

      // Every process refreshes the taxonomy (several Marketplacer requests each; concurrent refreshes
      // of one process share one) three times in a row, all three processes at once.
      const refreshes = await Promise.all(
        connectors.map(async (connector) => {
          const statuses: number[] = [];
          for (let i = 0; i < 3; i += 1) {
            statuses.push((await http(`${connector.url}/admin/taxonomy/refresh`, { method: 'POST', headers: connector.admin })).status);
          }
          return statuses;
        }),
      );

      expect(refreshes.flat()).toEqual(Array.from({ length: 9 }, () => 200));
      const log = await control<RequestLog>('GET', '/requests?limit=1000');
      // More than the limit in all: without one shared budget, three processes would each send LIMIT per window.
      expect(log.count).toBeGreaterThan(2 * LIMIT);
      expect(log.last.filter((entry) => entry.httpStatus === 429 || entry.outcome === 'rate-limited')).toEqual([]);
    },
    SLOW,
  );
});
