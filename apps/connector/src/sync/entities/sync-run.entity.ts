import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '#common';

export type SyncRunOutcome = 'running' | 'succeeded' | 'failed' | 'abandoned';

/** The ledger: one row per run of one job for one account. */
@Entity('sync_run')
@Index('idx_sync_run_job_account', ['job', 'accountKey'])
export class SyncRunEntity {
  @PrimaryGeneratedColumn() id: number;

  @Column({ type: 'varchar', length: 64 }) job: string;

  @Column({ name: 'account_key', type: 'varchar', length: 128 }) accountKey: string;

  @TimestampColumn({ name: 'started_at' }) startedAt: Date;

  @TimestampColumn({ name: 'finished_at', nullable: true }) finishedAt: Date | null;

  @Column({ type: 'varchar', length: 16 }) outcome: SyncRunOutcome;

  /** Who ran it: `schedule` or `admin`. */
  @Column({ type: 'varchar', length: 16 }) trigger: string;

  @Column({ type: 'integer' }) pages: number;

  @Column({ name: 'items_seen', type: 'integer' }) itemsSeen: number;

  @Column({ name: 'items_changed', type: 'integer' }) itemsChanged: number;

  @Column({ name: 'items_failed', type: 'integer' }) itemsFailed: number;

  @Column({ name: 'error_code', type: 'varchar', length: 100, nullable: true }) errorCode: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true }) errorMessage: string | null;

  /** The process that ran it (lease owner id). */
  @Column({ type: 'varchar', length: 64 }) runner: string;
}
