import { tmpdir } from 'node:os';
import request from 'supertest';
import { availableDatabases, createTestDatabase, type TestDatabase } from '#common/testing';
import { startConnectorTestApp, type ConnectorTestApp } from '#test-support/connector/connector-test-app';
import { ManualSyncClock } from '#test-support/connector/sync/manual-sync-clock';
import { scenario, ScriptedSyncJobModule } from '#test-support/connector/sync/scripted-sync-job';
import { SyncClock } from './sync-clock.js';
import { SyncService } from './sync.service.js';

const databases = await availableDatabases();
const MINUTE = 60_000;

interface Readiness {
  status: string;
  degraded: Array<{ component: string; reason: string }>;
}

/**
 * Feed staleness in /health/ready on the real sync_state rows, on the manual sync clock: a scripted
 * feed (1 min interval) that succeeded, then fails past 3 intervals, then succeeds again.
 */
describe.each(databases)('readiness and the sync feeds on %s', (kind) => {
  let database: TestDatabase;
  let t: ConnectorTestApp;
  const clock = new ManualSyncClock();

  beforeAll(async () => {
    database = await createTestDatabase(kind, tmpdir());
    t = await startConnectorTestApp(database.target, { SYNC_ENABLED: 'false' }, [ScriptedSyncJobModule], {
      overrides: [{ provide: SyncClock, useValue: clock }],
    });
  });

  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  const scripted = async () => {
    const res = await request(t.app.getHttpServer()).get('/health/ready').expect(200);
    return (res.body as Readiness).degraded.filter((each) => each.component === 'feed.scripted');
  };

  it('names a feed whose runs keep failing once it has not succeeded for 3 of its intervals, and clears it when one succeeds', async () => {
    scenario.intervalMs = MINUTE;
    scenario.pagesPerScan = 1;
    scenario.beforePage = async () => undefined;
    await t.app.get(SyncService).tick('scripted');
    expect(await scripted()).toEqual([]);

    scenario.beforePage = async () => {
      throw new Error('remote says no');
    };
    clock.advance(MINUTE);
    await t.app.get(SyncService).tick('scripted');
    clock.advance(2 * MINUTE);
    expect(await scripted()).toEqual([]);
    clock.advance(1000);
    expect(await scripted()).toEqual([
      {
        component: 'feed.scripted',
        reason: expect.stringMatching(
          /^scripted feed: no successful run for over 3 × its 1 min interval \(last success 2026-01-01T00:00:00Z\); 1 failed run, the last: .*remote says no/,
        ),
      },
    ]);

    scenario.beforePage = async () => undefined;
    clock.advance(10 * MINUTE); // past the back-off
    await t.app.get(SyncService).tick('scripted');
    expect(await scripted()).toEqual([]);
  });
});
