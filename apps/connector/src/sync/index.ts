// What other contexts and the composition floor may use of sync (ADR 0018): everything else in this folder is internal.
export { SyncRunEntity } from './entities/sync-run.entity.js';
export { SyncStateEntity } from './entities/sync-state.entity.js';
export { MARKETPLACE_SHARE, MarketplaceFeedJob } from './feeds/marketplace-feed.job.js';
export type { FeedQuery, FeedShare, FeedShareResult } from './feeds/marketplace-feed.job.js';
export { MarketplaceScanJob } from './feeds/marketplace-scan.job.js';
export { PerAccountJob } from './feeds/per-account.job.js';
export type { ScanKept } from './feeds/marketplace-scan.job.js';
export { SyncCadence } from './sync-cadence.js';
export { SyncJobRegistry } from './sync-job.registry.js';
export type { SyncCounts, SyncJob, SyncPageResult, SyncPosition } from './sync-job.js';
export { reconciliationShareOf, syncConfigShape } from './sync.config.js';
export type { SyncConfig } from './sync.config.js';
export { SyncModule } from './sync.module.js';
export { SyncService } from './sync.service.js';
export { SyncAdminService } from './sync-admin.service.js';
export type { SyncStateDto } from './dto/sync.dto.js';
