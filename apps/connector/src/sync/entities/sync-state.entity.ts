import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '#common';

/**
 * One job's feed: its incremental position, its lease, and its health. `account_key` is part of the
 * key for history (jobs were once run per account); every row now has `marketplace` there.
 */
@Entity('sync_state')
@Index('idx_sync_state_due', ['job', 'nextRunAt'])
export class SyncStateEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) job: string;

  @PrimaryColumn({ name: 'account_key', type: 'varchar', length: 128 }) accountKey: string;

  @Column({ type: 'varchar', length: 64, nullable: true }) watermark: string | null;

  @Column({ type: 'text', nullable: true }) cursor: string | null;

  @Column({ name: 'pending_watermark', type: 'varchar', length: 64, nullable: true }) pendingWatermark: string | null;

  @TimestampColumn({ name: 'next_run_at' }) nextRunAt: Date;

  @Column({ name: 'lease_owner', type: 'varchar', length: 64, nullable: true }) leaseOwner: string | null;

  @TimestampColumn({ name: 'lease_expires_at', nullable: true }) leaseExpiresAt: Date | null;

  @Column({ name: 'consecutive_failures', type: 'integer' }) consecutiveFailures: number;

  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;

  @TimestampColumn({ name: 'last_success_at', nullable: true }) lastSuccessAt: Date | null;

  @Column({ name: 'last_run_id', type: 'integer', nullable: true }) lastRunId: number | null;
}
