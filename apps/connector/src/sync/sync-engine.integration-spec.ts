import { tmpdir } from 'node:os';
import request from 'supertest';
import { availableDatabases, createTestDatabase, until, type TestDatabase } from '#common/testing';
import { startConnectorTestApp, TEST_ADMIN_TOKEN, type ConnectorTestApp } from '#test-support/connector/connector-test-app';
import { SyncRunLedger } from './sync-run.ledger.js';
import { SyncStateStore } from './sync-state.store.js';
import { SyncClock } from './sync-runner.js';
import { SyncService } from './sync.service.js';
import { ManualSyncClock } from '#test-support/connector/sync/manual-sync-clock';
import { MARKETPLACE_KEY } from './feeds/marketplace-feed.job.js';
import { ScriptedJobRegistration, ScriptedSyncJobModule, scenario, SCRIPTED_JOBS, type PageRead } from '#test-support/connector/sync/scripted-sync-job';

const databases = await availableDatabases();
const SYNC_ENV = { SYNC_ENABLED: 'false', SYNC_LEASE_MS: '30000' };
const admin = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

function resetScenario(pagesPerScan = 3): void {
  scenario.pagesPerScan = pagesPerScan;
  scenario.intervalMs = 60_000;
  scenario.reads.length = 0;
  scenario.pushes.clear();
  scenario.beforePage = async () => undefined;
}

const cursors = (reads: PageRead[]) => reads.map((read) => read.cursor);
describe.each(databases)('sync engine on %s', (kind) => {
  let database: TestDatabase;
  let a: ConnectorTestApp;

  beforeEach(async () => {
    database = await createTestDatabase(kind, tmpdir());
    a = await startConnectorTestApp(database.target, SYNC_ENV, [ScriptedSyncJobModule]);
  });

  afterEach(async () => {
    await a?.close();
    await database?.drop();
  });

  it("scans each job's feed page by page, commits the watermark, and starts the next scan from it", async () => {
    resetScenario();
    await Promise.all(['scripted', 'scripted-2'].map((job) => a.app.get(SyncService).tick(job)));
    expect(cursors(scenario.readsOf('scripted'))).toEqual([null, '1', '2']);
    expect(cursors(scenario.readsOf('scripted-2'))).toEqual([null, '1', '2']);
    const [state] = await a.app.get(SyncStateStore).list({ job: 'scripted', accountKey: MARKETPLACE_KEY });
    expect(state).toMatchObject({ watermark: '2026-01-01T00:00:02Z', cursor: null, leaseOwner: null, consecutiveFailures: 0 });

    // Not due again before its interval: a second tick reads nothing.
    await Promise.all(['scripted', 'scripted-2'].map((job) => a.app.get(SyncService).tick(job)));
    expect(scenario.reads).toHaveLength(6);

    // The next scan (admin trigger) starts from the committed watermark.
    const run = await request(a.app.getHttpServer()).post('/admin/sync/jobs/scripted/run').set(admin).expect(202);
    await until(async () => (await request(a.app.getHttpServer()).get(`/admin/sync/runs/${run.body.id}`).set(admin)).body.outcome === 'succeeded', 'the run');
    expect(
      scenario
        .readsOf('scripted')
        .slice(3)
        .map((read) => read.watermark),
    ).toEqual(['2026-01-01T00:00:02Z', '2026-01-01T00:00:02Z', '2026-01-01T00:00:02Z']);
    const finished = (await request(a.app.getHttpServer()).get(`/admin/sync/runs/${run.body.id}`).set(admin)).body;
    expect(finished).toMatchObject({
      job: 'scripted',
      accountKey: MARKETPLACE_KEY,
      trigger: 'admin',
      pages: 3,
      itemsSeen: 30,
      itemsChanged: 30,
      errorCode: null,
    });
  });

  it('backs a failing feed off without stopping the others, and resumes it from its committed page', async () => {
    resetScenario();
    const [good, bad] = ['scripted', 'scripted-2'];
    scenario.beforePage = async (read) => {
      if (read.job === bad && read.cursor === '2') throw new Error('remote says no');
    };
    await Promise.all([good, bad].map((job) => a.app.get(SyncService).tick(job)));
    expect(cursors(scenario.readsOf(good))).toEqual([null, '1', '2']);
    expect(cursors(scenario.readsOf(bad))).toEqual([null, '1']);

    const states = (await request(a.app.getHttpServer()).get(`/admin/sync/states?job=${bad}`).set(admin).expect(200)).body;
    expect(states).toHaveLength(1);
    const [badState] = states;
    expect(badState).toMatchObject({ consecutiveFailures: 1, scanInProgress: true, running: false, lastError: 'INTERNAL_ERROR: remote says no' });
    // Back-off: twice the interval after the first failure.
    expect(Date.parse(badState.nextRunAt) - Date.now()).toBeGreaterThan(60_000);
    const runs = (await request(a.app.getHttpServer()).get('/admin/sync/runs?outcome=failed').set(admin)).body;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ job: bad, accountKey: MARKETPLACE_KEY, pages: 2, errorCode: 'INTERNAL_ERROR', errorMessage: 'remote says no' });

    // Fixed remote: the retry resumes at the failed page; pages 0 and 1 are not read or pushed again.
    scenario.beforePage = async () => undefined;
    const run = await a.app.get(SyncService).trigger(bad);
    await until(async () => (await a.app.get(SyncStateStore).list({ job: bad }))[0].lastRunId === run.id, 'the retry');
    expect(cursors(scenario.readsOf(bad))).toEqual([null, '1', '2']);
    expect([...scenario.pushes.values()].every((count) => count === 1)).toBe(true);
    expect(scenario.pushes.size).toBe(60);
  });

  it('with ?wait=true, answers an admin trigger once the run has ended, with its outcome', async () => {
    resetScenario();
    const http = request(a.app.getHttpServer());
    const done = await http.post('/admin/sync/jobs/scripted/run?wait=true').set(admin).expect(200);
    expect(done.body).toMatchObject({ outcome: 'succeeded', pages: 3, itemsSeen: 30 });
    scenario.beforePage = async () => {
      throw new Error('remote says no');
    };
    const failed = await http.post('/admin/sync/jobs/scripted/run?wait=true').set(admin).expect(200);
    expect(failed.body).toMatchObject({ outcome: 'failed', errorMessage: 'remote says no' });
    await http.post('/admin/sync/jobs/scripted/run?wait=maybe').set(admin).expect(400);
  });

  it('answers admin triggers: 404 for unknown jobs (and on the per-account route, gone), 409 while running', async () => {
    resetScenario();
    const http = request(a.app.getHttpServer());
    expect((await http.post('/admin/sync/jobs/nope/run').set(admin).expect(404)).body.error.code).toBe('SYNC_JOB_UNKNOWN');
    // Every job has one key: there is no account to name.
    await http.post(`/admin/sync/jobs/scripted/accounts/${MARKETPLACE_KEY}/run`).set(admin).expect(404);
    let release: () => void = () => undefined;
    scenario.beforePage = () => new Promise<void>((resolve) => (release = resolve));
    await http.post('/admin/sync/jobs/scripted/run').set(admin).expect(202);
    expect((await http.post('/admin/sync/jobs/scripted/run').set(admin).expect(409)).body.error.code).toBe('SYNC_ALREADY_RUNNING');
    scenario.beforePage = async () => undefined;
    release();
    await until(async () => (await http.get('/admin/sync/runs?outcome=succeeded').set(admin)).body.length === 1, 'the run to finish');
    expect((await http.get('/admin/sync/jobs').set(admin).expect(200)).body).toContainEqual({
      name: 'scripted',
      intervalMs: 60_000,
      contractFeature: null,
      switchedOff: null,
    });
    await http.get('/admin/sync/runs?limit=0').set(admin).expect(400);
    await http.get('/admin/sync/runs').expect(401);
  });

  it('makes a triggered job due now, so that a run that dies with its process is run again by the first tick after its lease', async () => {
    resetScenario();
    const http = request(a.app.getHttpServer());
    const store = a.app.get(SyncStateStore);
    const dueIn = async () => (await store.list({ job: 'scripted' }))[0].nextRunAt.getTime() - (await store.now()).getTime();
    await http.post('/admin/sync/jobs/scripted/run?wait=true').set(admin).expect(200);
    expect(await dueIn()).toBeGreaterThan(0);

    let release: () => void = () => undefined;
    scenario.beforePage = () => new Promise<void>((resolve) => (release = resolve));
    await http.post('/admin/sync/jobs/scripted/run').set(admin).expect(202);
    // While it runs (or after its process died), the job is due: only its lease keeps a tick off it.
    expect(await dueIn()).toBeLessThanOrEqual(0);

    scenario.beforePage = async () => undefined;
    release();
    await until(async () => (await http.get('/admin/sync/runs?outcome=succeeded').set(admin)).body.length === 2, 'the run to finish');
    expect(await dueIn()).toBeGreaterThan(0);
  });

  if (kind === 'postgres') {
    it('never runs a job in two processes at once, keeps a slow run leased by its heartbeat, and takes over a frozen holder from its committed page', async () => {
      // Two processes on one timeline that only the test moves: leases expire when it says so, however
      // loaded the machine. A short lease makes the heartbeat beat every third of a second.
      const clock = new ManualSyncClock();
      const overrides = { overrides: [{ provide: SyncClock, useValue: clock }] };
      const [first, second] = await Promise.all(
        [0, 1].map(() => startConnectorTestApp(database.target, { ...SYNC_ENV, SYNC_LEASE_MS: '1000' }, [ScriptedSyncJobModule], overrides)),
      );
      let unstall: () => void = () => undefined;
      try {
        const [processA, processB] = [first, second].map((app) => app.app.get(ScriptedJobRegistration, { strict: false }).process);
        const leaseMs = first.config.syncLeaseMs;
        resetScenario(4);
        // Both processes run jobs at the same time: first reads wait until each process has started one.
        const started = new Set<string>();
        scenario.beforePage = async (read) => {
          started.add(read.process);
          await until(() => started.size === 2, 'both processes to run jobs', 15_000);
        };
        // Each process ticks half the jobs first, then (while those run) every job: the other's are leased.
        const halves = [SCRIPTED_JOBS.slice(0, 3), SCRIPTED_JOBS.slice(3)];
        const own = [first, second].flatMap((app, index) => halves[index].map((job) => app.app.get(SyncService).tick(job)));
        await until(() => started.size === 2, 'both processes to run jobs', 15_000);
        const theirs = [second, first].flatMap((app, index) => halves[index].map((job) => app.app.get(SyncService).tick(job)));
        await Promise.all([...own, ...theirs]);
        for (const job of SCRIPTED_JOBS) expect(cursors(scenario.readsOf(job))).toEqual([null, '1', '2', '3']);
        expect(new Set(scenario.reads.map((read) => read.process))).toEqual(new Set([processA, processB]));
        expect([...scenario.pushes.values()].every((count) => count === 1)).toBe(true);

        // A's page 2 of a new scan takes long...
        resetScenario(4);
        const crashy = 'scripted';
        scenario.beforePage = (read) =>
          read.cursor === '2' && read.process === processA ? new Promise<void>((resolve) => (unstall = resolve)) : Promise.resolve();
        const stalled = await first.app.get(SyncService).trigger(crashy);
        await until(() => scenario.readsOf(crashy).length === 2, 'A to reach page 2');
        const leaseOfCrashy = async () => (await second.app.get(SyncStateStore).list({ job: crashy }))[0].leaseExpiresAt?.getTime();
        // ...B cannot claim it while A's lease lives...
        await second.app.get(SyncService).tick('scripted');
        expect(scenario.readsOf(crashy)).toHaveLength(2);
        // ...nor after more than a lease since A's last page began: A's heartbeat kept renewing it.
        clock.advance(leaseMs * 0.6);
        await until(async () => (await leaseOfCrashy()) === clock.now().getTime() + leaseMs, "A's heartbeat");
        clock.advance(leaseMs * 0.6);
        await second.app.get(SyncService).tick('scripted');
        expect(scenario.readsOf(crashy)).toHaveLength(2);
        // A freezes (no beat for a whole lease): B takes over from A's committed page.
        clock.advance(leaseMs + 1);
        await second.app.get(SyncService).tick('scripted');
        expect(cursors(scenario.readsOf(crashy))).toEqual([null, '1', '2', '3']);
        expect(
          scenario
            .readsOf(crashy)
            .slice(2)
            .every((read) => read.process === processB),
        ).toBe(true);
        // A wakes up: its lease is gone, so it commits nothing and its run is recorded as abandoned.
        unstall();
        await until(async () => (await first.app.get(SyncRunLedger).get(stalled.id))?.outcome === 'abandoned', 'A to give up');
        const [state] = await second.app.get(SyncStateStore).list({ job: crashy });
        expect(state).toMatchObject({ cursor: null, watermark: '2026-01-01T00:00:03Z', leaseOwner: null });
      } finally {
        unstall(); // a failed assertion must not leave A's run waiting forever and hang its shutdown
        await Promise.all([first, second].map((app) => app.close()));
      }
    }, 60_000);
  }
});
