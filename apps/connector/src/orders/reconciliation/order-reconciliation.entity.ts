import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '#common';

/** How an account's last orders reconciliation ended: the whole list compared, only its first pages (capped), or failed. */
export const RECONCILIATION_OUTCOMES = ['complete', 'capped', 'failed'] as const;
export type ReconciliationOutcome = (typeof RECONCILIATION_OUTCOMES)[number];

/**
 * One account's orders reconciliation with ANYMARKET: when it last ran, how it ended, and what that
 * run compared, found and repaired (the findings themselves are `order_reconciliation_finding`).
 */
@Entity('order_reconciliation')
export class OrderReconciliationEntity {
  /** The connector's account id. */
  @PrimaryColumn({ name: 'account_id', type: 'integer' }) accountId: number;

  @TimestampColumn({ name: 'last_started_at' }) lastStartedAt: Date;

  @TimestampColumn({ name: 'last_finished_at', nullable: true }) lastFinishedAt: Date | null;

  /** Null while the first run is under way. */
  @Column({ type: 'varchar', length: 16, nullable: true }) outcome: ReconciliationOutcome | null;

  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;

  /** ANYMARKET orders of the account read and compared by the last run. */
  @Column({ name: 'orders_compared', type: 'integer' }) ordersCompared: number;

  @Column({ name: 'unknown_count', type: 'integer' }) unknownCount: number;

  @Column({ name: 'behind_count', type: 'integer' }) behindCount: number;

  @Column({ name: 'ahead_count', type: 'integer' }) aheadCount: number;

  @Column({ name: 'missing_count', type: 'integer' }) missingCount: number;

  /** Orders whose work was queued again to move ANYMARKET forward. */
  @Column({ name: 'moved_forward', type: 'integer' }) movedForward: number;

  /** Paid orders ANYMARKET lacked, pushed again. */
  @Column({ name: 'pushed_again', type: 'integer' }) pushedAgain: number;

  /** Orders in step with their invoice whose status as known here was corrected to ANYMARKET's. */
  @Column({ name: 'status_adopted', type: 'integer' }) statusAdopted: number;
}
