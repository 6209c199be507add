import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '#common';
import { AdminWorkController } from './admin/admin-work.controller.js';
import { InProcessWorkQueue } from './in-process-work-queue.js';
import { PgBossWorkQueue } from './pg-boss-work-queue.js';
import { WorkAdminService } from './work-admin.service.js';
import { WorkMetrics } from './work.metrics.js';
import { WorkQueue } from './work-queue.js';
import { WorkQueueLifecycle } from './work-queue.lifecycle.js';
import type { WorkConfig } from './work.config.js';

/** The schema pg-boss creates (and migrates) in the connector's database at start. */
export const PG_BOSS_SCHEMA = 'pgboss';

/**
 * The one engine for per-item background work (ADR 0003), for every context: pg-boss when the
 * connector runs on Postgres, the in-process queue (its jobs in `work_job`) on SQLite. Global, so a context only injects
 * `WorkQueue` and defines its queues in onModuleInit.
 */
@Global()
@Module({
  controllers: [AdminWorkController],
  providers: [
    {
      provide: WorkQueue,
      inject: [APP_CONFIG, DataSource],
      useFactory: (config: WorkConfig, dataSource: DataSource): WorkQueue =>
        config.databaseUrl.type === 'postgres'
          ? new PgBossWorkQueue({
              connectionString: config.databaseUrl.url,
              schema: PG_BOSS_SCHEMA,
              pollIntervalMs: config.workPollIntervalMs,
              maintenanceIntervalMs: config.workMaintenanceIntervalMs,
              failedRetentionDays: config.workFailedRetentionDays,
            })
          : new InProcessWorkQueue(dataSource),
    },
    WorkQueueLifecycle,
    WorkAdminService,
    WorkMetrics,
  ],
  exports: [WorkQueue, WorkAdminService],
})
export class WorkModule {}
