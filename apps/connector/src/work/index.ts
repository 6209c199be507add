// What other contexts and the composition floor may use of work (ADR 0018): everything else in this folder is internal.
export { WorkJobEntity } from './entities/work-job.entity.js';
export { isPermanentFailure } from './remote-failures.js';
export { WorkQueue } from './work-queue.js';
export type { BatchJob, QueueDefinition, RecoveredJob, SentWithin, WorkJob } from './work-queue.js';
export { workConfigShape } from './work.config.js';
export { WorkModule } from './work.module.js';
export { WorkAdminService } from './work-admin.service.js';
export type { FailedJobDto } from './dto/work.dto.js';
