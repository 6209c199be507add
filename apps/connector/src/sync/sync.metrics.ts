import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Metrics } from '#common';
import type { SyncRunOutcome } from './entities/sync-run.entity.js';
import { markOf } from './feeds/feed-mark.js';
import type { SyncCounts } from './sync-job.js';
import { SyncClock } from './sync-clock.js';
import { SyncStateStore } from './sync-state.store.js';

/**
 * The sync jobs' families, labelled `feed` with the job's name (change feeds, scans, refreshes: a
 * fixed set): runs by outcome and items seen, counted as runs end and pages commit; at scrape time,
 * from the one `sync_state` row per job, seconds since the last successful run, the feed's lag
 * (now − its watermark, for feeds whose watermark is a time) and failures in a row.
 */
@Injectable()
export class SyncMetrics implements OnModuleInit {
  private readonly runs;
  private readonly items;

  constructor(
    private readonly metrics: Metrics,
    private readonly states: SyncStateStore,
    private readonly clock: SyncClock,
  ) {
    this.runs = metrics.counter({
      name: 'connector_feed_runs_total',
      help: 'Sync job runs by feed (job name) and outcome: succeeded, failed, abandoned (its process stopped or lost the lease)',
      labelNames: ['feed', 'outcome'],
    });
    this.items = metrics.counter({
      name: 'connector_feed_items_seen_total',
      help: 'Items a sync job read from the remote, by feed',
      labelNames: ['feed'],
    });
  }

  runEnded(feed: string, outcome: Exclude<SyncRunOutcome, 'running'>): void {
    this.runs.inc({ feed, outcome });
  }

  pageRead(feed: string, counts: SyncCounts): void {
    this.items.inc({ feed }, counts.seen);
  }

  onModuleInit(): void {
    const sinceSuccess = this.metrics.gauge({
      name: 'connector_feed_seconds_since_success',
      help: 'Seconds since the last successful run of each sync job (absent until it first succeeds: see connector_feed_never_succeeded)',
      labelNames: ['feed'],
    });
    const neverSucceeded = this.metrics.gauge({
      name: 'connector_feed_never_succeeded',
      help: '1 for a sync job that has not succeeded once yet',
      labelNames: ['feed'],
    });
    const lag = this.metrics.gauge({
      name: 'connector_feed_lag_seconds',
      help: "How far behind now a change feed's watermark is (now − the newest change it has read)",
      labelNames: ['feed'],
    });
    const failures = this.metrics.gauge({
      name: 'connector_feed_consecutive_failures',
      help: 'Failed runs in a row of each sync job (0 once a run succeeds)',
      labelNames: ['feed'],
    });
    this.metrics.onScrape('feeds', async () => {
      const states = await this.states.list({});
      const now = this.clock.now().getTime();
      for (const gauge of [sinceSuccess, neverSucceeded, lag, failures]) gauge.reset();
      for (const state of states) {
        const feed = state.job;
        failures.set({ feed }, state.consecutiveFailures);
        neverSucceeded.set({ feed }, state.lastSuccessAt ? 0 : 1);
        if (state.lastSuccessAt) sinceSuccess.set({ feed }, Math.max(0, (now - state.lastSuccessAt.getTime()) / 1000));
        const watermarkAt = timeOf(state.watermark);
        if (watermarkAt !== undefined) lag.set({ feed }, Math.max(0, (now - watermarkAt) / 1000));
      }
    });
  }
}

/** A watermark that is a time (a change feed's mark, held or not: see markOf); scans keep other marks. */
function timeOf(watermark: string | null): number | undefined {
  if (!watermark) return undefined;
  const at = Date.parse(markOf(watermark).at);
  return Number.isNaN(at) ? undefined : at;
}
