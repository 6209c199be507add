import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '#common';

/** `pending`: waiting, due at `dueAt`, or running; `failed`: every retry spent, kept for admins to retry. */
export type WorkJobState = 'pending' | 'failed';

/**
 * One job of the in-process WorkQueue (SQLite), written before `send` resolves and deleted once its
 * handler succeeded, so that a job accepted by `send` outlives a crash (ADR 0015). On Postgres the
 * table stays empty: pg-boss keeps the jobs in its own schema.
 */
@Entity('work_job')
@Index('idx_work_job_queue_state', ['queue', 'state'])
export class WorkJobEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;

  @Column({ type: 'varchar', length: 100 }) queue: string;

  /** Jobs with one key never run at the same time; null for none. */
  @Column({ name: 'job_key', type: 'varchar', length: 200, nullable: true }) key: string | null;

  /** The job's data as JSON. */
  @Column({ type: 'text' }) data: string;

  @Column({ type: 'varchar', length: 16 }) state: WorkJobState;

  /** The attempt the next run is (1 for the first run); for a failed job, the attempts made. */
  @Column({ type: 'integer' }) attempt: number;

  /** Not run before this time (sent with startAfter, or a retry's back-off). */
  @TimestampColumn({ name: 'due_at' }) dueAt: Date;

  /** The last error's message (a retry or a failure for good). */
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;

  @TimestampColumn({ name: 'created_at' }) createdAt: Date;

  @TimestampColumn({ name: 'failed_at', nullable: true }) failedAt: Date | null;

  /** The W3C `traceparent` of the flow that sent it: its runs join that trace (null: each run starts one). */
  @Column({ type: 'varchar', length: 55, nullable: true }) traceparent: string | null;
}
