import { Inject, Injectable, Logger, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import { MarketplacerContractStatus, type FeatureOff } from '#marketplacer';
import type { SyncConfig } from './sync.config.js';
import type { SyncRunEntity } from './entities/sync-run.entity.js';
import type { SyncJob } from './sync-job.js';
import { syncErrors } from './sync.errors.js';
import { SyncJobRegistry } from './sync-job.registry.js';
import { SyncRunLedger } from './sync-run.ledger.js';
import { SyncRunner } from './sync-runner.js';
import { FEED_KEY, SyncStateStore } from './sync-state.store.js';

/**
 * Decides what runs: a tick claims the job's feed when it is due and nobody holds it (the lease on
 * its one `sync_state` row is the one claim, across every replica) and hands it to the runner; an
 * admin trigger claims it now. Tracks the runs in flight so shutdown can wait for them.
 */
@Injectable()
export class SyncService implements OnApplicationShutdown {
  private readonly logger = new Logger('Sync');
  private readonly ticking = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly triggered = new Map<number, Promise<void>>();
  /** Jobs whose state row this process has made sure of (it is never deleted). */
  private readonly ensured = new Set<string>();
  /** Jobs not run because their contract feature is off, with the reason last logged. */
  private readonly switchedOff = new Map<string, string>();

  constructor(
    private readonly registry: SyncJobRegistry,
    private readonly store: SyncStateStore,
    private readonly runner: SyncRunner,
    private readonly ledger: SyncRunLedger,
    @Inject(APP_CONFIG) private readonly config: SyncConfig,
    // Absent where a test composes the module without Marketplacer: then nothing is switched off.
    @Optional() private readonly contract?: MarketplacerContractStatus,
  ) {}

  /** One scheduling pass for `jobName`; overlapping ticks of the same job are skipped. Resolves when its runs end. */
  async tick(jobName: string): Promise<void> {
    if (this.ticking.has(jobName)) return;
    this.ticking.add(jobName);
    try {
      const job = this.registry.get(jobName);
      if (this.isSwitchedOff(job)) return;
      await this.ensureState(job);
      await this.runIfClaimed(job);
    } catch (error) {
      this.logger.error({ msg: 'sync tick failed', job: jobName, reason: error instanceof Error ? error.message : String(error) });
    } finally {
      this.ticking.delete(jobName);
    }
  }

  /** Admin: run `jobName` now, whatever its schedule. Resolves once the run is recorded. */
  async trigger(jobName: string): Promise<SyncRunEntity> {
    const job = this.registry.get(jobName);
    if (job.contractFeature) this.contract?.assertFeature(job.contractFeature);
    await this.ensureState(job);
    if (!(await this.store.claim(job.name, this.runner.owner, this.config.syncLeaseMs, false))) throw syncErrors.alreadyRunning(jobName);
    const { run, done } = await this.runner.start(job, 'admin');
    this.triggered.set(run.id, done);
    void this.track(done).finally(() => this.triggered.delete(run.id));
    return run;
  }

  /**
   * Runs the job now and resolves once the run has ended: another context's "do the feed's work at
   * once" (a taxonomy webhook). Throws when the run failed, or when one is already running (it may
   * have read before the change: the caller tries again after it).
   */
  async runNow(jobName: string): Promise<SyncRunEntity> {
    const run = await this.trigger(jobName);
    await this.whenTriggeredRunEnds(run.id);
    const ended = (await this.ledger.get(run.id)) ?? run;
    if (ended.outcome !== 'succeeded') throw syncErrors.runFailed(jobName, ended.errorMessage ?? ended.outcome);
    return ended;
  }

  /** Resolves when a run this process started on an admin's trigger has ended (at once for any other). */
  async whenTriggeredRunEnds(runId: number): Promise<void> {
    await this.triggered.get(runId);
  }

  /**
   * How long ago (ms, in the schedule clock) the job's last successful run ended: how fresh what the
   * job keeps is. Null when it never succeeded.
   */
  async sinceLastSuccess(jobName: string): Promise<number | null> {
    const [state] = await this.store.list({ job: jobName, accountKey: FEED_KEY });
    if (!state?.lastSuccessAt) return null;
    return (await this.store.now()).getTime() - state.lastSuccessAt.getTime();
  }

  /** Why the job does not run now: its contract feature is off (a document it needs is refused by the live schema); null while it runs. */
  switchedOffBecause(job: SyncJob): FeatureOff | null {
    return (job.contractFeature && this.contract?.featureOff(job.contractFeature)) || null;
  }

  /**
   * A job whose contract feature is off is not run (its feed keeps its place and is due as before,
   * so the first tick after a passing check runs it); the change either way is logged once.
   */
  private isSwitchedOff(job: SyncJob): boolean {
    const off = this.switchedOffBecause(job);
    const before = this.switchedOff.get(job.name);
    if (off && before !== off.reason) {
      this.logger.warn({ msg: 'sync job not run: its contract feature is off', job: job.name, feature: off.feature, reason: off.reason });
      this.switchedOff.set(job.name, off.reason);
    } else if (!off && before !== undefined) {
      this.logger.log({ msg: 'sync job runs again: its contract feature is back on', job: job.name, feature: job.contractFeature });
      this.switchedOff.delete(job.name);
    }
    return off !== null;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /** The job's one state row, inserted by the first tick or trigger of this process that needs it. */
  private async ensureState(job: SyncJob): Promise<void> {
    if (this.ensured.has(job.name)) return;
    await this.store.ensure(job.name);
    this.ensured.add(job.name);
  }

  private async runIfClaimed(job: SyncJob): Promise<void> {
    if (!(await this.store.claim(job.name, this.runner.owner, this.config.syncLeaseMs, true))) return;
    const { done } = await this.runner.start(job, 'schedule');
    await this.track(done);
  }

  private track(done: Promise<void>): Promise<void> {
    this.inFlight.add(done);
    return done.finally(() => this.inFlight.delete(done));
  }
}
