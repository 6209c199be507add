import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, DomainError, runInSpan, startSpan, type FlowSpan } from '#common';
import type { SyncRunEntity } from './entities/sync-run.entity.js';
import { addCounts, NO_COUNTS, type SyncJob } from './sync-job.js';
import { startHeartbeat, type Heartbeat } from './heartbeat.js';
import { syncErrors } from './sync.errors.js';
import { SyncRunLedger } from './sync-run.ledger.js';
import { SyncStateStore } from './sync-state.store.js';
import { SyncClock } from './sync-clock.js';
import { SyncCadence } from './sync-cadence.js';
import { SyncMetrics } from './sync.metrics.js';
import type { SyncConfig } from './sync.config.js';

export { SyncClock, SystemSyncClock } from './sync-clock.js';

/**
 * Runs one claimed job's feed page by page: each page's work first, then its position, committed
 * only while the lease is still held, so a crash resumes from the last committed page. Failures back
 * off exponentially per job and never touch other jobs.
 */
@Injectable()
export class SyncRunner {
  private readonly logger = new Logger('Sync');
  /** This process's identity as a lease holder. */
  readonly owner = `${hostname().slice(0, 30)}:${process.pid}:${randomBytes(4).toString('hex')}`;

  constructor(
    private readonly store: SyncStateStore,
    private readonly ledger: SyncRunLedger,
    private readonly clock: SyncClock,
    private readonly cadence: SyncCadence,
    @Inject(APP_CONFIG) private readonly config: SyncConfig,
    private readonly metrics: SyncMetrics,
  ) {}

  /**
   * Records the run's start (the lease must already be held), then returns the run and its completion.
   * Each run is a flow of its own (a new trace, whoever triggered it): its log lines, the jobs it
   * queues and its outbound calls carry that trace.
   */
  async start(job: SyncJob, trigger: 'schedule' | 'admin'): Promise<{ run: SyncRunEntity; done: Promise<void> }> {
    const span = startSpan(`feed run ${job.name}`, 'internal', null, { attributes: { 'sync.job': job.name, 'sync.trigger': trigger } });
    return runInSpan(span, async () => {
      try {
        const run = await this.ledger.start(job.name, trigger, this.owner, this.clock.now());
        await this.ledger.abandonStale(job.name, run.id, this.clock.now());
        this.logger.debug({ msg: 'sync run started', job: job.name, runId: run.id, trigger });
        return { run, done: this.execute(job, run.id, span, trigger).finally(() => span.end({ attributes: { 'sync.run_id': run.id } })) };
      } catch (error) {
        span.end({ error });
        throw error;
      }
    });
  }

  private async execute(job: SyncJob, runId: number, span: FlowSpan, trigger: 'schedule' | 'admin'): Promise<void> {
    try {
      const heartbeat = this.keepLeased(job.name, runId);
      try {
        await this.scan(job, runId, trigger);
      } finally {
        heartbeat.stop();
      }
      await this.store.finish(job.name, this.owner, { runId, delayMs: await this.cadence.intervalOf(job), failed: false, error: null });
      await this.ledger.finish(runId, 'succeeded', this.clock.now());
      this.metrics.runEnded(job.name, 'succeeded');
    } catch (error) {
      span.fail(error);
      await this.fail(job, runId, error);
    }
  }

  /** Pages from the committed position to the end of the scan, committing each page's position. */
  private async scan(job: SyncJob, runId: number, trigger: 'schedule' | 'admin'): Promise<void> {
    let pages = 0;
    let counts = NO_COUNTS;
    let position = { ...(await this.store.position(job.name)), trigger };
    for (;;) {
      if (!(await this.store.renew(job.name, this.owner, this.config.syncLeaseMs))) {
        throw syncErrors.leaseLost(job.name);
      }
      const page = await job.processPage(position);
      if (!(await this.store.commitPage(job.name, this.owner, page.nextCursor, page.pendingWatermark, position.watermark))) {
        throw syncErrors.leaseLost(job.name);
      }
      pages += 1;
      counts = addCounts(counts, page.counts);
      this.metrics.pageRead(job.name, page.counts);
      await this.ledger.progress(runId, pages, counts);
      if (page.nextCursor === null) return;
      position = { ...position, cursor: page.nextCursor, pendingWatermark: page.pendingWatermark };
    }
  }

  /**
   * Heartbeat: renews the lease every third of SYNC_LEASE_MS while a run is alive, so a slow page
   * (remote back-off, a long ANYMARKET queue) keeps its lease; only a process that stops beating
   * (crashed, frozen) loses it. A lost lease stops the beat; the run notices at its next commit.
   */
  private keepLeased(job: string, runId: number): Heartbeat {
    return startHeartbeat(this.config.syncLeaseMs, () => this.store.renew(job, this.owner, this.config.syncLeaseMs), {
      lost: () => this.logger.warn({ msg: 'sync lease lost while running; the run stops at its next commit', job, runId }),
      error: (error) => this.logger.warn({ msg: 'could not renew a sync lease', job, runId, reason: String(error) }),
    });
  }

  private async fail(job: SyncJob, runId: number, error: unknown): Promise<void> {
    const now = this.clock.now();
    const code = error instanceof DomainError ? error.code : 'INTERNAL_ERROR';
    const message = error instanceof Error ? error.message : String(error);
    try {
      if (code === 'SYNC_LEASE_LOST') {
        this.logger.warn({ msg: 'sync run lost its lease', job: job.name, runId });
        await this.ledger.finish(runId, 'abandoned', now, { code, message });
        this.metrics.runEnded(job.name, 'abandoned');
        return;
      }
      const { consecutiveFailures } = await this.store.position(job.name);
      const backoffMs = Math.min(job.intervalMs * 2 ** (consecutiveFailures + 1), this.config.syncMaxBackoffMs);
      this.logger.error({
        msg: 'sync run failed',
        job: job.name,
        runId,
        code,
        reason: message,
        retryInMs: backoffMs,
        ...(error instanceof DomainError ? {} : { stack: error instanceof Error ? error.stack : undefined }),
      });
      await this.store.finish(job.name, this.owner, { runId, delayMs: backoffMs, failed: true, error: `${code}: ${message}` });
      await this.ledger.finish(runId, 'failed', now, { code, message });
      this.metrics.runEnded(job.name, 'failed');
    } catch (bookkeepingError) {
      // The database itself is failing: the lease will expire and another tick will retry.
      this.logger.error({ msg: 'could not record a failed sync run', job: job.name, runId, reason: String(bookkeepingError) });
    }
  }
}
