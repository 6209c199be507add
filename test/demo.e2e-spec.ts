import { tmpdir } from 'node:os';
import { createTestDatabase, type TestDatabase } from '#common/testing';
import { callRemote } from '../apps/simulator/src/remote-caller/call-remote.js';
import { REMOTES } from '../apps/simulator/src/remote-caller/remotes.js';
import { http, startConnector, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';

/**
 * The README's demo walk-through, as a user runs it: only the admin API, the remote caller's example
 * bodies and the simulator's seed (its ANYMARKET transmissions come mapped to its Marketplacer
 * catalogue), no hand-made data.
 */
describe('demo walk-through', () => {
  let database: TestDatabase;
  let simulator: Listening;
  let connector: ConnectorUnderTest;

  beforeAll(async () => {
    simulator = await startSimulator();
    database = await createTestDatabase('sqlite', tmpdir());
    connector = await startConnector(database.target, simulator.url);
  });

  afterAll(async () => {
    await connector?.close();
    await simulator?.close();
    await database?.drop();
  });

  const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('links a seller, activates the module, publishes both spec products, and reports an unpublish back', async () => {
    const link = await http<{ storeId: string; integrationSecret: string }>(`${connector.url}/admin/seller-links`, {
      method: 'POST',
      headers: connector.admin,
      body: { sellerId: '1' },
    });
    expect(link.status).toBe(201);
    const fields = { storeId: link.body.storeId, password: link.body.integrationSecret, accountId: 127, sellerToken: 'demo-anymarket-token' };

    for (const remote of ['testIntegration', 'saveAccount'] as const) {
      expect(await callRemote({ connectorUrl: connector.url, remote, body: REMOTES[remote].exampleBody(fields) })).toEqual({ status: 200, body: true });
    }
    for (const transmissionId of [61234, 61233]) {
      const sent = await callRemote({
        connectorUrl: connector.url,
        remote: 'sendProduct',
        body: REMOTES.sendProduct.exampleBody({ ...fields, transmissionId }),
      });
      expect(sent).toMatchObject({ status: 200, body: { publicationStatus: 'UNPUBLISHED', transmissionStatus: 'WAITING_SYNC' } });
    }
    const listings = await until(
      async () =>
        (
          await http<Array<{ idSkuMarketplace: string; state: string; advertId: string | null; lastError: string | null }>>(`${connector.url}/admin/listings`, {
            headers: connector.admin,
          })
        ).body,
      (rows) => rows.length === 2 && rows.every((row) => row.state !== 'queued' && row.state !== 'syncing'),
      'both listings',
    );
    expect(listings.map((row) => [row.idSkuMarketplace, row.state, row.lastError])).toEqual(
      expect.arrayContaining([
        ['61234', 'synced', null],
        ['61233', 'synced', null],
      ]),
    );

    const calls = async () =>
      (await http<{ calls: Array<{ method: string; path: string; body: Record<string, unknown> }> }>(`${simulator.url}/_control/anymarket/calls`)).body.calls;
    const puts = (await calls()).filter((call) => call.method === 'PUT');
    expect(puts.map((call) => [call.path.split('/').pop(), call.body.status, call.body.transmissionStatus])).toEqual(
      expect.arrayContaining([
        ['61234', 'ACTIVE', 'OK'],
        ['61233', 'ACTIVE', 'OK'],
      ]),
    );

    // Unpublished in Marketplacer → PAUSED in ANYMARKET at the next adverts poll.
    const simple = listings.find((row) => row.idSkuMarketplace === '61234')!;
    const legacyId = Buffer.from(simple.advertId!, 'base64').toString('utf8').split('-')[1];
    await new Promise((resolve) => setTimeout(resolve, 1100)); // Marketplacer's updatedAt has whole seconds
    expect((await http(`${simulator.url}/_control/marketplacer/adverts/${legacyId}/unpublish`, { method: 'POST' })).status).toBe(200);
    const accountId = (await http<Array<{ id: number }>>(`${connector.url}/admin/accounts`, { headers: connector.admin })).body[0].id;
    const run = await http<{ id: number }>(`${connector.url}/admin/sync/jobs/adverts/accounts/${accountId}/run`, { method: 'POST', headers: connector.admin });
    expect(run.status).toBe(202);
    await until(
      async () => (await http<{ outcome: string }>(`${connector.url}/admin/sync/runs/${run.body.id}`, { headers: connector.admin })).body.outcome,
      (outcome) => outcome !== 'running',
      'the poll',
    );
    const last = (await calls()).filter((call) => call.method === 'PUT').at(-1)!;
    expect(last.path).toMatch(/\/61234$/);
    expect(last.body).toMatchObject({ status: 'PAUSED', transmissionStatus: 'OK' });
  });
});
