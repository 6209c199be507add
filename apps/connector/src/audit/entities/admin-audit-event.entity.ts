import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '#common';

/** One state-changing admin request: who can look back at what was changed through the admin API. */
@Entity('admin_audit_event')
@Index('idx_admin_audit_event_occurred_at', ['occurredAt'])
export class AdminAuditEventEntity {
  @PrimaryGeneratedColumn() id: number;

  @TimestampColumn({ name: 'occurred_at' }) occurredAt: Date;

  @Column({ name: 'request_id', type: 'varchar', length: 128 }) requestId: string;

  @Column({ type: 'varchar', length: 10 }) method: string;

  @Column({ type: 'varchar', length: 500 }) path: string;

  @Column({ name: 'status_code', type: 'integer' }) statusCode: number;

  /** The error code when the request failed, else null. */
  @Column({ name: 'error_code', type: 'varchar', length: 100, nullable: true }) errorCode: string | null;
}
