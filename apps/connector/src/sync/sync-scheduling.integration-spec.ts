import { tmpdir } from 'node:os';
import { jest } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { availableDatabases, createTestDatabase, type TestDatabase } from '#common/testing';
import { startConnectorTestApp, TEST_ADMIN_TOKEN, type ConnectorTestApp } from '#test-support/connector/connector-test-app';
import { SyncClock, SystemSyncClock } from './sync-clock.js';
import { MARKETPLACE_KEY } from './feeds/marketplace-feed.job.js';
import { SyncStateStore } from './sync-state.store.js';
import { SyncService } from './sync.service.js';
import { ManualSyncClock } from '#test-support/connector/sync/manual-sync-clock';
import { ScriptedSyncJobModule, scenario } from '#test-support/connector/sync/scripted-sync-job';

const databases = await availableDatabases();
const SYNC_ENV = { SYNC_ENABLED: 'false', SYNC_LEASE_MS: '30000' };
const admin = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

function resetScenario(): void {
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

  it('a tick runs the job only when its feed is due, and makes sure of its one state row once, not on every tick', async () => {
    const clock = new ManualSyncClock();
    const { app: nest } = await start(clock);
    const store = nest.get(SyncStateStore);
    const sync = nest.get(SyncService);
    resetScenario();
    const ensure = jest.spyOn(store, 'ensure');
    const claim = jest.spyOn(store, 'claim');
    const jobs = ['scripted', 'scripted-2', 'scripted-3'];
    const ticks = () => Promise.all(jobs.map((job) => sync.tick(job)));

    await ticks();
    expect(scenario.reads.map((read) => read.job).sort()).toEqual(jobs); // equally due: any order
    clock.advance(30_000);
    await sync.trigger('scripted-2');
    await sync.onApplicationShutdown(); // the triggered run has ended
    clock.advance(35_000); // scripted and scripted-3 are due again, scripted-2 (run 30 s later) is not
    scenario.reads.length = 0;
    await ticks();
    expect(scenario.reads.map((read) => read.job).sort()).toEqual(['scripted', 'scripted-3']);
    scenario.reads.length = 0;
    await ticks();
    expect(scenario.reads).toEqual([]);
    // One insert-or-keep per job and process; every tick after it is one conditional claim.
    expect(ensure).toHaveBeenCalledTimes(3);
    expect(claim.mock.calls.filter(([job]) => job === 'scripted')).toHaveLength(3);
    // A scheduled claim takes a due, free feed only.
    clock.advance(120_000);
    expect(await store.claim('scripted-2', 'holder', 30_000, true)).toBe(true);
    expect(await store.claim('scripted-2', 'thief', 30_000, true)).toBe(false);
  });

  it('keeps one state per job, under the marketplace key, shown to admins', async () => {
    const { app: nest } = await start(new SystemSyncClock());
    const sync = nest.get(SyncService);
    const http = request(nest.getHttpServer());
    const shown = async () =>
      ((await http.get('/admin/sync/states?job=scripted').set(admin).expect(200)).body as Array<{ job: string; accountKey: string }>).map(
        (s) => `${s.job}/${s.accountKey}`,
      );
    resetScenario();
    await sync.tick('scripted');
    expect(await shown()).toEqual([`scripted/${MARKETPLACE_KEY}`]);

    // Ticks and triggers after it keep that one state, and the next scan starts from its watermark.
    await http.post('/admin/sync/jobs/scripted/run?wait=true').set(admin).expect(200);
    await sync.tick('scripted');
    expect(await shown()).toEqual([`scripted/${MARKETPLACE_KEY}`]);
    expect(scenario.reads.map((read) => read.watermark)).toEqual([null, '2026-01-01T00:00:00Z']);
  });

  if (kind === 'postgres') {
    it("compares and writes leases and due times with the database's clock, whatever the host's clock says", async () => {
      const { app: nest } = await start(new HourAheadClock());
      const store = nest.get(SyncStateStore);
      const databaseNow = async () => {
        const [row] = await nest.get(DataSource).query<Array<{ now: Date }>>(`SELECT (now() AT TIME ZONE 'UTC') AS now`);
        return row.now.getTime();
      };
      resetScenario();
      await nest.get(SyncService).tick('scripted');
      const [state] = await store.list({ job: 'scripted' });
      // Due again one interval after the run, in the database's time (not an hour later).
      const dueIn = state.nextRunAt.getTime() - (await databaseNow());
      expect(dueIn).toBeGreaterThan(50_000);
      expect(dueIn).toBeLessThanOrEqual(60_000);
      // Not due in the database's time: a scheduled claim (due only) takes nothing.
      expect(await store.claim('scripted', 'early', 30_000, true)).toBe(false);

      // A live lease is not taken by a host that believes it expired an hour ago.
      expect(await store.claim('scripted', 'holder', 30_000, false)).toBe(true);
      const [leased] = await store.list({ job: 'scripted' });
      expect(leased.leaseExpiresAt!.getTime() - (await databaseNow())).toBeLessThanOrEqual(30_000);
      expect(await store.claim('scripted', 'thief', 30_000, false)).toBe(false);
      expect(await store.renew('scripted', 'holder', 30_000)).toBe(true);
      // Admins see it running, by the same clock.
      const states = (await request(nest.getHttpServer()).get('/admin/sync/states?job=scripted').set(admin).expect(200)).body;
      expect(states).toEqual([expect.objectContaining({ accountKey: MARKETPLACE_KEY, running: true, leaseOwner: 'holder' })]);
    });
  }
});
