import { tmpdir } from 'node:os';
import { DataSource } from 'typeorm';
import { availableDatabases, createTestDatabase, type TestDatabase } from '#common/testing';
import { startConnectorTestApp, type ConnectorTestApp } from '../testing/connector-test-app.js';
import { ResourceLeases } from './resource-leases.js';

const databases = await availableDatabases();

/** Two apps on one database stand for two replicas. */
describe.each(databases)('resource leases on %s', (kind) => {
  let database: TestDatabase;
  let a: ConnectorTestApp;
  let b: ConnectorTestApp;

  beforeAll(async () => {
    database = await createTestDatabase(kind, tmpdir());
    a = await startConnectorTestApp(database.target);
    b = await startConnectorTestApp(database.target);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it('lets one replica hold a lease while the other is refused at once, then hands it over', async () => {
    let release: () => void = () => undefined;
    const held = a.app.get(ResourceLeases).tryWith('product:1', 60_000, () => new Promise<string>((resolve) => (release = () => resolve('a done'))));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await b.app.get(ResourceLeases).tryWith('product:1', 60_000, async () => 'b ran')).toEqual({ acquired: false });
    expect(await b.app.get(ResourceLeases).tryWith('product:2', 60_000, async () => 'other product')).toEqual({ acquired: true, value: 'other product' });
    release();
    expect(await held).toEqual({ acquired: true, value: 'a done' });
    expect(await b.app.get(ResourceLeases).tryWith('product:1', 60_000, async () => 'b ran')).toEqual({ acquired: true, value: 'b ran' });
  });

  it("takes over a crashed holder's lease once it has expired, and releases on failure too", async () => {
    await a.app
      .get(DataSource)
      .query(
        `INSERT INTO resource_lease (name, owner, expires_at) VALUES ('product:3', 'crashed-replica', ${kind === 'postgres' ? "now() - interval '1 minute'" : "'2000-01-01 00:00:00.000'"})`,
      );
    expect(await b.app.get(ResourceLeases).tryWith('product:3', 60_000, async () => 'taken over')).toEqual({ acquired: true, value: 'taken over' });
    await expect(a.app.get(ResourceLeases).tryWith('product:4', 60_000, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await b.app.get(ResourceLeases).tryWith('product:4', 60_000, async () => 'free again')).toEqual({ acquired: true, value: 'free again' });
  });

  it('keeps a long task leased by renewing it', async () => {
    // A 2 s lease renewed every 666 ms: only a 2 s stall of the event loop could let B in at 2.6 s.
    const long = a.app.get(ResourceLeases).tryWith('product:5', 2000, () => new Promise((resolve) => setTimeout(() => resolve('long'), 3200)));
    await new Promise((resolve) => setTimeout(resolve, 2600));
    expect(await b.app.get(ResourceLeases).tryWith('product:5', 2000, async () => 'stolen')).toEqual({ acquired: false });
    expect(await long).toEqual({ acquired: true, value: 'long' });
  });
});
