import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '#common';

/**
 * Who a timeline entry is about: a call to ANYMARKET, a change read from Marketplacer, an ANYMARKET
 * request, an admin, or the orders reconciliation (what it found in ANYMARKET's list, what it queued).
 */
export type OrderEventSource = 'anymarket' | 'marketplacer' | 'remote' | 'admin' | 'reconciliation';

/** `ok` and `failed` for calls; `info` for what was read or decided. */
export type OrderEventOutcome = 'ok' | 'failed' | 'info';

/** One entry of an order's timeline: what was sent to ANYMARKET and what came back, what Marketplacer changed. */
@Entity('order_event')
@Index('idx_order_event_order', ['orderId', 'id'])
export class OrderEventEntity {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'order_id', type: 'integer' }) orderId: number;

  @TimestampColumn() at: Date;

  @Column({ type: 'varchar', length: 16 }) source: OrderEventSource;

  /** e.g. `POST /orders`, `markAsPaid`, `invoice changed`, `refund request`, `force`. */
  @Column({ type: 'varchar', length: 64 }) action: string;

  @Column({ type: 'varchar', length: 8 }) outcome: OrderEventOutcome;

  /** What was sent, what came back, or why; bounded, never a secret. */
  @Column({ type: 'text', nullable: true }) detail: string | null;
}
