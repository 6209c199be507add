import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminSyncController } from './admin/admin-sync.controller.js';
import { SyncRunEntity } from './entities/sync-run.entity.js';
import { SyncStateEntity } from './entities/sync-state.entity.js';
import { FeedsHealth } from './feeds-health.js';
import { SyncAdminService } from './sync-admin.service.js';
import { SyncJobRegistry } from './sync-job.registry.js';
import { SyncRunLedger } from './sync-run.ledger.js';
import { SyncCadence } from './sync-cadence.js';
import { SyncClock, SyncRunner, SystemSyncClock } from './sync-runner.js';
import { SyncStateStore } from './sync-state.store.js';
import { SyncService } from './sync.service.js';
import { SyncScheduler } from './sync.scheduler.js';
import { SyncMetrics } from './sync.metrics.js';

/**
 * The sync engine. Contexts import this module and register their jobs with `SyncJobRegistry` in
 * onModuleInit; scheduling starts at application bootstrap. Requires ScheduleModule.forRoot() in the app.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SyncStateEntity, SyncRunEntity])],
  controllers: [AdminSyncController],
  providers: [
    SyncJobRegistry,
    SyncStateStore,
    SyncRunLedger,
    SyncRunner,
    SyncCadence,
    SyncService,
    SyncScheduler,
    SyncAdminService,
    SyncMetrics,
    FeedsHealth,
    { provide: SyncClock, useClass: SystemSyncClock },
  ],
  exports: [SyncJobRegistry, SyncService, SyncCadence, SyncAdminService],
})
export class SyncModule {}
