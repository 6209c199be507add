import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, HealthContributors, reasonTime, type HealthContribution, type HealthContributor, type HealthDegradation } from '#common';
import type { SyncJob } from './sync-job.js';
import { SyncJobRegistry } from './sync-job.registry.js';
import { SyncCadence } from './sync-cadence.js';
import { SyncClock } from './sync-clock.js';
import type { SyncConfig } from './sync.config.js';
import { SyncStateStore } from './sync-state.store.js';
import { SyncService } from './sync.service.js';
import type { SyncStateEntity } from './entities/sync-state.entity.js';

/** The longest piece of a feed's last error a reason quotes. */
const ERROR_IN_REASON = 200;

/** One feed as readiness looked at it. */
export interface FeedFreshness {
  job: string;
  /** The interval it polls at now (its own, or longer while webhooks cover it). */
  intervalMs: number;
  staleAfterMs: number;
  lastSuccessAt: string | null;
  consecutiveFailures: number;
  stale: boolean;
}

/**
 * Readiness from the sync feeds (the `sync_state` rows, in the local database): a feed is stale when
 * it has not run successfully for HEALTH_FEED_STALE_AFTER_INTERVALS of the interval it polls at now
 * (SyncCadence: its own, or the safety-net interval while webhooks deliver its changes). A feed that has
 * not succeeded since this process started counts from the start, so a restart after a long stop is
 * not degraded before the feeds had their chance. Judged whoever runs the feeds (SYNC_ENABLED=false on
 * this replica included): the rows are the marketplace's. A feed switched off by the live contract
 * check is left to the contract's contribution, which names why. Times are the schedule clock's
 * (SyncClock), the one the rows are written in.
 */
@Injectable()
export class FeedsHealth implements HealthContributor, OnModuleInit {
  readonly key = 'feeds';
  private readonly startedAt: Date;

  constructor(
    private readonly registry: SyncJobRegistry,
    private readonly store: SyncStateStore,
    private readonly cadence: SyncCadence,
    private readonly sync: SyncService,
    private readonly contributors: HealthContributors,
    clock: SyncClock,
    @Inject(APP_CONFIG) private readonly config: SyncConfig,
  ) {
    this.startedAt = clock.scheduleNow() ?? clock.now();
  }

  onModuleInit(): void {
    this.contributors.add(this);
  }

  async contribute(): Promise<HealthContribution> {
    const jobs = this.registry.all().filter((job) => !this.sync.switchedOffBecause(job));
    if (!jobs.length) return { degraded: [], details: { feeds: [] } };
    const [now, states] = await Promise.all([this.store.now(), this.store.list({})]);
    const stateOf = new Map(states.map((state) => [state.job, state]));
    const feeds = await Promise.all(jobs.map((job) => this.freshnessOf(job, stateOf.get(job.name), now)));
    const degraded = feeds.filter((feed) => feed.stale).map((feed) => staleness(feed, stateOf.get(feed.job), this.config.healthFeedStaleAfterIntervals));
    return { degraded, details: { feeds } };
  }

  private async freshnessOf(job: SyncJob, state: SyncStateEntity | undefined, now: Date): Promise<FeedFreshness> {
    const intervalMs = await this.cadence.intervalOf(job);
    const staleAfterMs = intervalMs * this.config.healthFeedStaleAfterIntervals;
    const lastSuccessAt = state?.lastSuccessAt ?? null;
    const since = lastSuccessAt && lastSuccessAt > this.startedAt ? lastSuccessAt : this.startedAt;
    return {
      job: job.name,
      intervalMs,
      staleAfterMs,
      lastSuccessAt: lastSuccessAt?.toISOString() ?? null,
      consecutiveFailures: state?.consecutiveFailures ?? 0,
      stale: now.getTime() - since.getTime() > staleAfterMs,
    };
  }
}

function staleness(feed: FeedFreshness, state: SyncStateEntity | undefined, intervals: number): HealthDegradation {
  const last = feed.lastSuccessAt ? `last success ${reasonTime(new Date(feed.lastSuccessAt))}` : 'never succeeded';
  let reason = `${feed.job} feed: no successful run for over ${intervals} × its ${duration(feed.intervalMs)} interval (${last})`;
  if (feed.consecutiveFailures > 0) {
    const error = state?.lastError ? `, the last: ${state.lastError.slice(0, ERROR_IN_REASON)}` : '';
    reason += `; ${feed.consecutiveFailures === 1 ? '1 failed run' : `${feed.consecutiveFailures} failed runs in a row`}${error}`;
  }
  return { component: `feed.${feed.job}`, reason };
}

/** `60 s`, `15 min`, `1 h`: an interval as people say it. */
export function duration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
