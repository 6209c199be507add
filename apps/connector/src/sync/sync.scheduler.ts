import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG } from '#common';
import type { SyncConfig } from './sync.config.js';
import { SyncJobRegistry } from './sync-job.registry.js';
import { SyncService } from './sync.service.js';

/** How often a job is looked at for being due, at most; due-ness itself lives in the database. */
const MAX_TICK_MS = 10_000;

/** Registers one @nestjs/schedule interval per job (when SYNC_ENABLED) once every context has registered its jobs. */
@Injectable()
export class SyncScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Sync');

  constructor(
    private readonly registry: SyncJobRegistry,
    private readonly sync: SyncService,
    private readonly schedulerRegistry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: SyncConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.syncEnabled) {
      this.logger.warn({ msg: 'scheduled sync is off (SYNC_ENABLED=false); admins can still trigger runs' });
      return;
    }
    for (const job of this.registry.all()) {
      const everyMs = Math.min(job.intervalMs, MAX_TICK_MS);
      const handle = setInterval(() => void this.sync.tick(job.name), everyMs);
      this.schedulerRegistry.addInterval(`sync:${job.name}`, handle);
      this.logger.log({ msg: 'sync job scheduled', job: job.name, intervalMs: job.intervalMs });
    }
  }

  onApplicationShutdown(): void {
    for (const name of this.schedulerRegistry.getIntervals()) {
      if (name.startsWith('sync:')) this.schedulerRegistry.deleteInterval(name);
    }
  }
}
