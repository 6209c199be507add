import { tmpdir } from 'node:os';
import { jest } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { availableDatabases, createTestDatabase, type TestDatabase } from '#common/testing';
import { startConnectorTestApp, TEST_ADMIN_TOKEN, type ConnectorTestApp } from '#test-support/connector/connector-test-app';
import { SyncClock, SystemSyncClock } from './sync-clock.js';
import { PAIRS_REREAD_MS } from './sync-pairs.js';
import { SyncStateStore } from './sync-state.store.js';
import { SyncService } from './sync.service.js';
import { ManualSyncClock } from '#test-support/connector/sync/manual-sync-clock';
import { ScriptedSyncJobModule, scenario } from '#test-support/connector/sync/scripted-sync-job';

const databases = await availableDatabases();
const SYNC_ENV = { SYNC_ENABLED: 'false', SYNC_LEASE_MS: '30000' };
const admin = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

function resetScenario(accountKeys: string[]): void {
  scenario.accountKeys = accountKeys;
  scenario.pagesPerScan = 1;
  scenario.intervalMs = 60_000;
  scenario.reads.length = 0;
  scenario.pushes.clear();
  scenario.beforePage = async () => undefined;
}

/** A host whose clock runs an hour ahead: what it records says so, what it schedules must not. */
class HourAheadClock extends SystemSyncClock {
  override now(): Date {
    return new Date(Date.now() + 3_600_000);
  }
}

describe.each(databases)('sync scheduling on %s', (kind) => {
  let database: TestDatabase;
  let app: ConnectorTestApp | undefined;

  beforeEach(async () => {
    database = await createTestDatabase(kind, tmpdir());
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await database?.drop();
  });

  const start = async (clock: SyncClock) =>
    (app = await startConnectorTestApp(database.target, SYNC_ENV, [ScriptedSyncJobModule], { overrides: [{ provide: SyncClock, useValue: clock }] }));

  it('a tick reads only the due pairs, and reads the job’s pair keys once, not on every tick', async () => {
    const clock = new ManualSyncClock();
    const { app: nest } = await start(clock);
    const store = nest.get(SyncStateStore);
    const sync = nest.get(SyncService);
    resetScenario(['acc-1', 'acc-2', 'acc-3']);
    const pairKeys = jest.spyOn(store, 'pairKeys');
    const findDue = jest.spyOn(store, 'findDue');

    await sync.tick('scripted');
    expect(((await findDue.mock.results[0].value) as string[]).sort()).toEqual(['acc-1', 'acc-2', 'acc-3']); // equally due: any order
    clock.advance(30_000);
    await sync.trigger('scripted', 'acc-2');
    await sync.onApplicationShutdown(); // the triggered run has ended
    clock.advance(35_000); // acc-1 and acc-3 are due again, acc-2 (run 30 s later) is not
    await sync.tick('scripted');
    expect(((await findDue.mock.results[1].value) as string[]).sort()).toEqual(['acc-1', 'acc-3']);
    await sync.tick('scripted');
    expect(await findDue.mock.results[2].value).toEqual([]);
    expect(pairKeys).toHaveBeenCalledTimes(1);
    // At most `limit` due pairs per read, the longest due first (acc-2, due since 30 s before the others).
    clock.advance(120_000);
    const due = await store.findDue('scripted', 2);
    expect(due).toHaveLength(2);
    expect(due[0]).toBe('acc-2');
  });

  it('removes the pairs of accounts a job no longer serves, and their state is no longer shown', async () => {
    const { app: nest } = await start(new SystemSyncClock());
    const sync = nest.get(SyncService);
    const http = request(nest.getHttpServer());
    const shown = async () =>
      ((await http.get('/admin/sync/states?job=scripted').set(admin).expect(200)).body as Array<{ accountKey: string }>).map((s) => s.accountKey);
    resetScenario(['acc-1', 'acc-2', 'acc-3']);
    await sync.tick('scripted');
    expect(await shown()).toEqual(['acc-1', 'acc-2', 'acc-3']);

    // acc-2 is removed (or deactivated): its pair goes at the next tick.
    scenario.accountKeys = ['acc-1', 'acc-3'];
    await sync.tick('scripted');
    expect(await shown()).toEqual(['acc-1', 'acc-3']);
    expect((await http.post('/admin/sync/jobs/scripted/accounts/acc-2/run').set(admin).expect(404)).body.error.code).toBe('SYNC_ACCOUNT_UNKNOWN');

    // It comes back: a new pair, due at once, scanned from the start.
    scenario.accountKeys = ['acc-1', 'acc-2', 'acc-3'];
    scenario.reads.length = 0;
    await sync.tick('scripted');
    expect(await shown()).toEqual(['acc-1', 'acc-2', 'acc-3']);
    expect(scenario.reads.map((read) => [read.accountKey, read.watermark])).toEqual([['acc-2', null]]);

    // Pairs removed behind this process's back (another replica) are seen when it reads the keys again.
    await nest.get(SyncStateStore).removePairs('scripted', ['acc-3']);
    scenario.accountKeys = ['acc-1', 'acc-2'];
    const later = Date.now() + PAIRS_REREAD_MS;
    jest.spyOn(Date, 'now').mockReturnValue(later);
    try {
      await sync.tick('scripted');
    } finally {
      jest.restoreAllMocks();
    }
    expect(await shown()).toEqual(['acc-1', 'acc-2']);
  });

  if (kind === 'postgres') {
    it("compares and writes leases and due times with the database's clock, whatever the host's clock says", async () => {
      const { app: nest } = await start(new HourAheadClock());
      const store = nest.get(SyncStateStore);
      const databaseNow = async () => {
        const [row] = await nest.get(DataSource).query<Array<{ now: Date }>>(`SELECT (now() AT TIME ZONE 'UTC') AS now`);
        return row.now.getTime();
      };
      resetScenario(['acc-1']);
      await nest.get(SyncService).tick('scripted');
      const [state] = await store.list({ job: 'scripted' });
      // Due again one interval after the run, in the database's time (not an hour later).
      const dueIn = state.nextRunAt.getTime() - (await databaseNow());
      expect(dueIn).toBeGreaterThan(50_000);
      expect(dueIn).toBeLessThanOrEqual(60_000);
      expect(await store.findDue('scripted', 10)).toEqual([]);

      // A live lease is not taken by a host that believes it expired an hour ago.
      expect(await store.claim('scripted', 'acc-1', 'holder', 30_000, false)).toBe(true);
      const [leased] = await store.list({ job: 'scripted' });
      expect(leased.leaseExpiresAt!.getTime() - (await databaseNow())).toBeLessThanOrEqual(30_000);
      expect(await store.claim('scripted', 'acc-1', 'thief', 30_000, false)).toBe(false);
      expect(await store.renew('scripted', 'acc-1', 'holder', 30_000)).toBe(true);
      // Admins see it running, by the same clock.
      const states = (await request(nest.getHttpServer()).get('/admin/sync/states?job=scripted').set(admin).expect(200)).body;
      expect(states).toEqual([expect.objectContaining({ accountKey: 'acc-1', running: true, leaseOwner: 'holder' })]);
    });
  }
});
