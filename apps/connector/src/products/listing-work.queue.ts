import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG } from '#common';
import { ListingStore } from './listing.store.js';
import { ListingSyncService } from './listing-sync.service.js';
import type { ProductsConfig } from './products.config.js';

const SWEEP_INTERVAL = 'listings:sweep';
const SWEEP_BATCH = 100;

/**
 * Runs listing work in this process: right after a remote recorded it, when a retry is due, and
 * from a periodic sweep that also picks up what a crashed process left queued or claimed. The
 * database decides who works on a listing (ListingStore.claim); this only schedules.
 */
@Injectable()
export class ListingWorkQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Listings');
  private readonly runs = new Map<number, Promise<void>>();
  private readonly again = new Set<number>();
  private readonly retries = new Map<number, NodeJS.Timeout>();
  private readonly idleWaiters = new Map<number, Array<() => void>>();
  private stopped = false;

  constructor(
    private readonly sync: ListingSyncService,
    private readonly store: ListingStore,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: ProductsConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.syncEnabled) return;
    this.scheduler.addInterval(
      SWEEP_INTERVAL,
      setInterval(() => void this.sweep(), this.config.listingSweepIntervalMs),
    );
    // Work a previous process recorded but did not finish.
    void this.sweep();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.scheduler.doesExist('interval', SWEEP_INTERVAL)) this.scheduler.deleteInterval(SWEEP_INTERVAL);
    for (const [id, timer] of this.retries) {
      clearTimeout(timer);
      this.retries.delete(id);
      this.notifyIfIdle(id);
    }
    // What is left queued is picked up by the next start's sweep.
    await Promise.allSettled([...this.runs.values()]);
  }

  /**
   * Works on the listing now, or again right after the run in progress. Resolves when this run ends
   * (a retry may then be scheduled: see `whenIdle`).
   */
  kick(id: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.cancelRetry(id);
    const running = this.runs.get(id);
    if (running) {
      this.again.add(id);
      return running;
    }
    const run = this.loop(id).finally(() => {
      this.runs.delete(id);
      this.notifyIfIdle(id);
    });
    this.runs.set(id, run);
    return run;
  }

  /** Resolves once the listing has no run in progress and no retry scheduled in this process (for tests and tools). */
  whenIdle(id: number): Promise<void> {
    if (this.isIdle(id)) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.set(id, [...(this.idleWaiters.get(id) ?? []), resolve]));
  }

  /** Runs every due listing (queued, retry due, or abandoned by a crashed owner); resolves when those runs end. */
  async sweep(): Promise<number> {
    let ids: number[];
    try {
      ids = await this.store.findDue(new Date(), SWEEP_BATCH);
    } catch (error) {
      this.logger.error({ msg: 'listing sweep failed', reason: error instanceof Error ? error.message : String(error) });
      return 0;
    }
    if (ids.length) this.logger.log({ msg: 'listing sweep found due work', listings: ids.length });
    await Promise.all(ids.map((id) => this.kick(id)));
    return ids.length;
  }

  private async loop(id: number): Promise<void> {
    // Lets the remote that recorded the work answer before the work starts.
    await new Promise((resolve) => setImmediate(resolve));
    do {
      this.again.delete(id);
      try {
        const outcome = await this.sync.process(id);
        if (outcome.kind === 'requeued') this.again.add(id);
        else if (outcome.kind === 'retry') this.scheduleRetry(id, outcome.at);
      } catch (error) {
        // Bookkeeping itself failed (database down): the claim expires and the sweep retries.
        this.logger.error({
          msg: 'listing run failed',
          listingId: id,
          reason: error instanceof Error ? error.message : String(error),
          stack: error instanceof Error ? error.stack : undefined,
        });
        return;
      }
    } while (this.again.has(id) && !this.stopped);
  }

  private scheduleRetry(id: number, at: Date): void {
    if (this.stopped) return;
    this.cancelRetry(id);
    const timer = setTimeout(
      () => {
        this.retries.delete(id);
        if (this.stopped) this.notifyIfIdle(id);
        else void this.kick(id);
      },
      Math.max(0, at.getTime() - Date.now()),
    );
    timer.unref();
    this.retries.set(id, timer);
  }

  private cancelRetry(id: number): void {
    const timer = this.retries.get(id);
    if (timer) clearTimeout(timer);
    this.retries.delete(id);
  }

  private isIdle(id: number): boolean {
    return !this.runs.has(id) && !this.retries.has(id);
  }

  private notifyIfIdle(id: number): void {
    if (!this.isIdle(id)) return;
    const waiters = this.idleWaiters.get(id) ?? [];
    this.idleWaiters.delete(id);
    for (const resolve of waiters) resolve();
  }
}
