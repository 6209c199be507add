import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { OrderStatus } from '#anymarket';
import { TimestampColumn } from '#common';

/**
 * `pending`: ANYMARKET announced a change (updateOrderStatusInMarketPlace, or an NF-e XML came) that
 * is still to be applied in Marketplacer and acknowledged with `transmissionStatus`; `reported`: done,
 * with what ANYMARKET was told (`reportedSuccess`, `reportedMessage`).
 */
export type OrderUpdateState = 'pending' | 'reported';

/**
 * The ANYMARKET → Marketplacer half of one order: the latest change ANYMARKET announced, the invoice
 * data (NF-e) the seller sent, and how applying it went. One row per order.
 */
@Entity('anymarket_order_update')
@Index('uq_anymarket_order_update_order', ['orderId'], { unique: true })
@Index('idx_anymarket_order_update_state', ['state', 'nextAttemptAt'])
export class OrderUpdateEntity {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'order_id', type: 'integer' }) orderId: number;

  /** ANYMARKET's order id from the remote (`orderId`); read with `GET /orders/{id}`. */
  @Column({ name: 'anymarket_order_id', type: 'varchar', length: 20, nullable: true }) anymarketOrderId: string | null;

  /** `currentStatus` of the latest remote (what ANYMARKET announced; the order read back is the truth). */
  @Column({ name: 'announced_status', type: 'varchar', length: 16, nullable: true }) announcedStatus: OrderStatus | null;

  @Column({ type: 'varchar', length: 16 }) state: OrderUpdateState;

  /** The invoice data (NF-e) as ANYMARKET's order carries it (`Order.invoice`, the JSON way), as JSON. */
  @Column({ name: 'invoice_data_json', type: 'text', nullable: true }) invoiceDataJson: string | null;

  /** The NF-e read from the XML the seller sent (remote `/order/{id}/invoice/document`), as JSON. */
  @Column({ name: 'invoice_document_json', type: 'text', nullable: true }) invoiceDocumentJson: string | null;

  /** Counts every announcement and document: a run only closes the row if nothing new came while it worked. */
  @Column({ type: 'integer' }) revision: number;

  @Column({ type: 'integer' }) attempts: number;

  @TimestampColumn({ name: 'next_attempt_at', nullable: true }) nextAttemptAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;

  /** What the last `transmissionStatus` said (null before the first). */
  @Column({ name: 'reported_success', type: 'boolean', nullable: true }) reportedSuccess: boolean | null;

  @Column({ name: 'reported_message', type: 'text', nullable: true }) reportedMessage: string | null;

  @TimestampColumn({ name: 'reported_at', nullable: true }) reportedAt: Date | null;

  @TimestampColumn({ name: 'updated_at' }) updatedAt: Date;
}
