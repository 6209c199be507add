import { tmpdir } from 'node:os';
import { DataSource } from 'typeorm';
import { availableDatabases, createTestDatabase, until, type TestDatabase } from '#common/testing';
import { startConnectorTestApp, type ConnectorTestApp } from '../testing/connector-test-app.js';
import { ResourceLeaseEntity } from './entities/resource-lease.entity.js';
import { ResourceLeases } from './resource-leases.js';
import { SyncClock } from './sync-runner.js';
import { ManualSyncClock } from './testing/manual-sync-clock.js';

const databases = await availableDatabases();

/** Two apps on one database and one timeline that only the test moves stand for two replicas. */
describe.each(databases)('resource leases on %s', (kind) => {
  let database: TestDatabase;
  let clock: ManualSyncClock;
  let a: ConnectorTestApp;
  let b: ConnectorTestApp;

  beforeAll(async () => {
    database = await createTestDatabase(kind, tmpdir());
    clock = new ManualSyncClock();
    const overrides = { overrides: [{ provide: SyncClock, useValue: clock }] };
    a = await startConnectorTestApp(database.target, {}, [], overrides);
    b = await startConnectorTestApp(database.target, {}, [], overrides);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  const leaseOf = (name: string) => a.app.get(DataSource).getRepository(ResourceLeaseEntity).findOneBy({ name });

  it('lets one replica hold a lease while the other is refused at once, then hands it over', async () => {
    let release: () => void = () => undefined;
    const held = a.app.get(ResourceLeases).tryWith('product:1', 60_000, () => new Promise<string>((resolve) => (release = () => resolve('a done'))));
    await until(async () => (await leaseOf('product:1')) !== null, "A's lease");
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
        `INSERT INTO resource_lease (name, owner, expires_at) VALUES ('product:3', 'crashed-replica', ${kind === 'postgres' ? "'2000-01-01T00:00:00Z'" : "'2000-01-01 00:00:00.000'"})`,
      );
    expect(await b.app.get(ResourceLeases).tryWith('product:3', 60_000, async () => 'taken over')).toEqual({ acquired: true, value: 'taken over' });
    await expect(a.app.get(ResourceLeases).tryWith('product:4', 60_000, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await b.app.get(ResourceLeases).tryWith('product:4', 60_000, async () => 'free again')).toEqual({ acquired: true, value: 'free again' });
  });

  it('keeps a long task leased by renewing it, whatever time has passed since it started', async () => {
    // A 1 s lease: the heartbeat beats every third of a second of real time, on the test's clock.
    const ttl = 1000;
    let finish: () => void = () => undefined;
    const long = a.app.get(ResourceLeases).tryWith('product:5', ttl, () => new Promise<string>((resolve) => (finish = () => resolve('long'))));
    try {
      await until(async () => (await leaseOf('product:5')) !== null, "A's lease");
      clock.advance(ttl * 0.6);
      await until(async () => (await leaseOf('product:5'))?.expiresAt.getTime() === clock.now().getTime() + ttl, "A's heartbeat");
      clock.advance(ttl * 0.6); // 1.2 leases since A took it: only the renewal keeps B out
      expect(await b.app.get(ResourceLeases).tryWith('product:5', ttl, async () => 'stolen')).toEqual({ acquired: false });
    } finally {
      finish();
    }
    expect(await long).toEqual({ acquired: true, value: 'long' });
  });
});
