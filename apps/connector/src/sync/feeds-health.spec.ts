import { HealthContributors } from '#common';
import type { FeatureOff } from '#marketplacer';
import { ManualSyncClock } from '#test-support/connector/sync/manual-sync-clock';
import type { SyncStateEntity } from './entities/sync-state.entity.js';
import { duration, FeedsHealth } from './feeds-health.js';
import type { SyncJob } from './sync-job.js';
import { SyncJobRegistry } from './sync-job.registry.js';
import { SyncCadence } from './sync-cadence.js';
import type { SyncConfig } from './sync.config.js';
import type { SyncStateStore } from './sync-state.store.js';
import type { SyncService } from './sync.service.js';

const START = Date.parse('2026-01-01T00:00:00Z');
const MINUTE = 60_000;

const job = (name: string, intervalMs = MINUTE, extra: Partial<SyncJob> = {}): SyncJob => ({
  name,
  intervalMs,
  processPage: () => Promise.reject(new Error('not run here')),
  ...extra,
});

/**
 * FeedsHealth over the sync_state rows a test writes (the store's two reads), on the manual clock.
 * The real rows and store: sync-health.integration-spec.ts.
 */
describe('FeedsHealth: readiness from the sync feeds', () => {
  let clock: ManualSyncClock;
  let registry: SyncJobRegistry;
  let cadence: SyncCadence;
  let rows: Map<string, Partial<SyncStateEntity>>;
  let off: Map<string, FeatureOff>;
  let health: FeedsHealth;

  const store = { now: async () => clock.now(), list: async () => [...rows.values()] as SyncStateEntity[] } as unknown as SyncStateStore;
  const sync = { switchedOffBecause: (feed: SyncJob) => (feed.contractFeature ? (off.get(feed.contractFeature) ?? null) : null) } as unknown as SyncService;
  const row = (name: string, state: Partial<SyncStateEntity>) =>
    rows.set(name, { job: name, consecutiveFailures: 0, lastError: null, lastSuccessAt: null, ...state });

  beforeEach(() => {
    clock = new ManualSyncClock(START);
    registry = new SyncJobRegistry();
    cadence = new SyncCadence();
    rows = new Map();
    off = new Map();
    health = new FeedsHealth(registry, store, cadence, sync, new HealthContributors(), clock, { healthFeedStaleAfterIntervals: 3 } as SyncConfig);
  });

  it('is fresh while each feed succeeded within 3 of its intervals, counting a feed that never ran from the start', async () => {
    registry.register(job('adverts'));
    registry.register(job('taxonomy', 60 * MINUTE));
    clock.advance(2 * MINUTE);
    row('adverts', { lastSuccessAt: new Date(START + MINUTE) });
    clock.advance(MINUTE); // adverts succeeded 2 min ago; taxonomy has not run in the 3 min since start (its interval: 1 h)
    const { degraded, details } = await health.contribute();
    expect(degraded).toEqual([]);
    expect(details).toEqual({
      feeds: [
        { job: 'adverts', intervalMs: MINUTE, staleAfterMs: 3 * MINUTE, lastSuccessAt: '2026-01-01T00:01:00.000Z', consecutiveFailures: 0, stale: false },
        { job: 'taxonomy', intervalMs: 60 * MINUTE, staleAfterMs: 180 * MINUTE, lastSuccessAt: null, consecutiveFailures: 0, stale: false },
      ],
    });
  });

  it('names a feed stale past its threshold, with its last success, its failed runs and the last error', async () => {
    registry.register(job('adverts'));
    row('adverts', {
      lastSuccessAt: new Date(START + MINUTE),
      consecutiveFailures: 4,
      lastError: 'MARKETPLACER_UNAVAILABLE: Marketplacer answered HTTP 503 on AdvertsUpdatedSince',
    });
    clock.advance(4 * MINUTE);
    expect((await health.contribute()).degraded).toEqual([]);
    clock.advance(1);
    expect((await health.contribute()).degraded).toEqual([
      {
        component: 'feed.adverts',
        reason:
          'adverts feed: no successful run for over 3 × its 1 min interval (last success 2026-01-01T00:01:00Z); 4 failed runs in a row, the last: ' +
          'MARKETPLACER_UNAVAILABLE: Marketplacer answered HTTP 503 on AdvertsUpdatedSince',
      },
    ]);
  });

  it('counts from the start when the last success is older (a restart after a long stop), and names a feed that never succeeded', async () => {
    registry.register(job('sellers'));
    row('sellers', { lastSuccessAt: new Date(START - 24 * 60 * MINUTE) });
    registry.register(job('invoices'));
    clock.advance(3 * MINUTE);
    expect((await health.contribute()).degraded).toEqual([]);
    clock.advance(1);
    expect((await health.contribute()).degraded).toEqual([
      { component: 'feed.sellers', reason: 'sellers feed: no successful run for over 3 × its 1 min interval (last success 2025-12-31T00:00:00Z)' },
      { component: 'feed.invoices', reason: 'invoices feed: no successful run for over 3 × its 1 min interval (never succeeded)' },
    ]);
  });

  it('judges a feed covered by webhooks on the longer interval it polls at now', async () => {
    registry.register(job('invoices', MINUTE, { webhookTypes: ['Invoice'] }));
    cadence.advise(async () => 15 * MINUTE);
    clock.advance(44 * MINUTE);
    const { degraded, details } = await health.contribute();
    expect(degraded).toEqual([]);
    expect(details).toMatchObject({ feeds: [{ job: 'invoices', intervalMs: 15 * MINUTE, staleAfterMs: 45 * MINUTE }] });
    clock.advance(2 * MINUTE);
    expect((await health.contribute()).degraded.map((each) => each.reason)).toEqual([
      'invoices feed: no successful run for over 3 × its 15 min interval (never succeeded)',
    ]);
  });

  it('leaves a feed the contract check switched off to the contract’s reason', async () => {
    registry.register(job('invoices', MINUTE, { contractFeature: 'orders.feed' }));
    off.set('orders.feed', { feature: 'orders.feed', reason: 'refused', description: '', documents: [], detail: false });
    clock.advance(10 * MINUTE);
    expect(await health.contribute()).toEqual({ degraded: [], details: { feeds: [] } });
  });

  it('says intervals as people do', () => {
    expect([duration(500), duration(30_000), duration(MINUTE), duration(15 * MINUTE), duration(60 * MINUTE), duration(90_500)]).toEqual([
      '500 ms',
      '30 s',
      '1 min',
      '15 min',
      '1 h',
      '90500 ms',
    ]);
  });
});
