import { RemoteActivity, type RemoteAttempt } from '../resilience/remote-activity.js';
import { HealthContributors } from './health-contributors.js';
import { RemotesHealth } from './remotes-health.js';

const attempt = (outcome: RemoteAttempt['outcome'], status?: number, operation = 'AdvertsUpdatedSince'): RemoteAttempt => ({
  remote: 'marketplacer',
  operation,
  operationClass: 'read',
  outcome,
  status,
});

describe('RemotesHealth: readiness from what the remote clients saw', () => {
  let at: Date;
  let activity: RemoteActivity;
  let health: RemotesHealth;

  beforeEach(() => {
    at = new Date('2026-01-01T19:20:01.250Z');
    activity = new RemoteActivity(() => at);
    health = new RemotesHealth(activity, new HealthContributors());
  });

  it('says nothing before any call, and nothing while calls are answered (4xx and 429 included: the remote is up)', () => {
    expect(health.contribute()).toEqual({ degraded: [], details: { remotes: [] } });
    activity.attempted(attempt('ok', 200));
    activity.attempted(attempt('4xx', 404));
    activity.attempted(attempt('429', 429));
    const { degraded, details } = health.contribute();
    expect(degraded).toEqual([]);
    expect(details).toEqual({
      remotes: [
        {
          remote: 'marketplacer',
          circuit: 'closed',
          consecutiveOutages: 0,
          lastOutage: null,
          outagesSince: null,
          lastOkAt: '2026-01-01T19:20:01.250Z',
          rateLimited: true,
        },
      ],
    });
  });

  it('is degraded from the first outage with no answer since, naming the remote, the failure, the count and since when', () => {
    at = new Date('2026-01-01T19:19:00Z');
    activity.attempted(attempt('ok', 200));
    at = new Date('2026-01-01T19:20:01.250Z');
    activity.attempted(attempt('5xx', 503));
    expect(health.contribute().degraded).toEqual([
      {
        component: 'remote.marketplacer',
        reason: 'Marketplacer: HTTP 503 on AdvertsUpdatedSince, 1 failure since 2026-01-01T19:20:01Z; last success 2026-01-01T19:19:00Z',
      },
    ]);
    at = new Date('2026-01-01T19:20:03Z');
    activity.attempted(attempt('timeout', undefined, 'Brands'));
    activity.attempted(attempt('5xx', 503));
    activity.circuitChanged('marketplacer', 'https://marketplacer.example/graphql', 'open');
    // Refused while open: not an outage, and not an answer either.
    activity.attempted(attempt('circuit_open'));
    expect(health.contribute().degraded).toEqual([
      {
        component: 'remote.marketplacer',
        reason:
          'Marketplacer: HTTP 503 on AdvertsUpdatedSince, 3 failures in a row since 2026-01-01T19:20:01Z; last success 2026-01-01T19:19:00Z; ' +
          'circuit open: calls fail fast until a probe succeeds',
      },
    ]);
  });

  it('names a timeout or a dropped connection, and a remote that never answered since start-up', () => {
    activity.attempted({ ...attempt('network', undefined, 'createOrder'), remote: 'anymarket' });
    expect(health.contribute().degraded).toEqual([
      { component: 'remote.anymarket', reason: 'ANYMARKET: network on createOrder, 1 failure since 2026-01-01T19:20:01Z; no success since start-up' },
    ]);
  });

  it('says the circuit is half-open while the probe is let through, and is ok again once a call is answered', () => {
    activity.attempted(attempt('5xx', 502));
    activity.circuitChanged('marketplacer', 'p', 'open');
    activity.circuitChanged('marketplacer', 'p', 'half-open');
    expect(health.contribute().degraded[0].reason).toMatch(/; circuit half-open: a probe is let through$/);
    activity.attempted(attempt('ok', 200));
    activity.circuitChanged('marketplacer', 'p', 'closed');
    expect(health.contribute().degraded).toEqual([]);
  });

  it('is degraded while any of a remote’s circuits is open, even with no outage counted', () => {
    activity.circuitChanged('anymarket', 'https://a.example', 'open');
    activity.circuitChanged('anymarket', 'https://b.example', 'closed');
    expect(health.contribute().degraded).toEqual([
      { component: 'remote.anymarket', reason: 'ANYMARKET: no success since start-up; circuit open: calls fail fast until a probe succeeds' },
    ]);
  });

  it('adds itself to the readiness contributors at start', () => {
    const contributors = new HealthContributors();
    const remotes = new RemotesHealth(activity, contributors);
    remotes.onModuleInit();
    expect(contributors.all()).toEqual([remotes]);
  });
});
