import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '#common';
import type { OrderStatus } from '#anymarket';

/**
 * Where an order stands in the connector:
 * - `pending`: work to do (create it in ANYMARKET, or send a transition); a job is queued for it;
 * - `synced`: ANYMARKET has what the invoice says;
 * - `error`: ANYMARKET refused it for a reason another attempt cannot fix (shown to admins; a re-push,
 *   `/order/force` or ANYMARKET's own retry through `GET /order/{id}` brings it back);
 * - `unrouted`: the seller has several active accounts and none is the default: never guessed;
 * - `skipped`: nothing to send (cancelled before it was ever imported).
 */
export const ORDER_STATES = ['pending', 'synced', 'error', 'unrouted', 'skipped'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/**
 * One Marketplacer invoice and the ANYMARKET order made of it (one per invoice, ever). The invoice as
 * last read is kept (`invoiceJson`), so the push, `GET /order/{id}` and admins need no re-read.
 * `marketPlaceId` is the invoice's legacy id: ANYMARKET refuses a second order with it, which is what
 * makes a repeated push harmless (see ADR 0007).
 */
@Entity('anymarket_order')
@Index('uq_anymarket_order_invoice', ['invoiceId'], { unique: true })
@Index('idx_anymarket_order_account_mpid', ['accountId', 'marketPlaceId'])
@Index('idx_anymarket_order_state', ['state', 'nextAttemptAt'])
export class OrderEntity {
  @PrimaryGeneratedColumn() id: number;

  /** The ANYMARKET account the invoice went to; null while unrouted. */
  @Column({ name: 'account_id', type: 'integer', nullable: true }) accountId: number | null;

  /** Marketplacer global id of the invoice. */
  @Column({ name: 'invoice_id', type: 'varchar', length: 100 }) invoiceId: string;

  /** `OrderPost.marketPlaceId`: the invoice's legacy id, as text. */
  @Column({ name: 'market_place_id', type: 'varchar', length: 40 }) marketPlaceId: string;

  /** Marketplacer global id of the invoice's seller. */
  @Column({ name: 'seller_id', type: 'varchar', length: 100 }) sellerId: string;

  /** ANYMARKET's order id (int64 as text) once it exists there. */
  @Column({ name: 'anymarket_order_id', type: 'varchar', length: 20, nullable: true }) anymarketOrderId: string | null;

  /** The status ANYMARKET has, as far as the connector knows (what it sent, or what ANYMARKET said). */
  @Column({ name: 'anymarket_status', type: 'varchar', length: 16, nullable: true }) anymarketStatus: OrderStatus | null;

  /** The status the invoice (and its refunds) call for. */
  @Column({ name: 'target_status', type: 'varchar', length: 16 }) targetStatus: OrderStatus;

  @Column({ type: 'varchar', length: 16 }) state: OrderState;

  /** The invoice's Marketplacer status, for admins. */
  @Column({ name: 'invoice_status', type: 'varchar', length: 32 }) invoiceStatus: string;

  /** `updatedAt` of the invoice version kept: an older read never replaces a newer one. */
  @Column({ name: 'invoice_updated_at', type: 'varchar', length: 40 }) invoiceUpdatedAt: string;

  /** The invoice as last read (`MarketplacerInvoice` JSON). */
  @Column({ name: 'invoice_json', type: 'text' }) invoiceJson: string;

  /** Refund requests of the invoice as last read (`OrderRefund[]` JSON). */
  @Column({ name: 'refunds_json', type: 'text', nullable: true }) refundsJson: string | null;

  /** Lines whose variant has no listing here: sent with Marketplacer's SKU (JSON list of SKUs), shown to admins. */
  @Column({ name: 'unlinked_skus', type: 'text', nullable: true }) unlinkedSkus: string | null;

  /**
   * The tracking ANYMARKET has, as far as the connector knows (`KnownTracking` JSON): the markAsShipped
   * body it sent last, or ANYMARKET's own tracking read back. Null until the order is shipped.
   */
  @Column({ name: 'anymarket_tracking', type: 'text', nullable: true }) anymarketTracking: string | null;

  /** A tracking update ANYMARKET did not take (`TrackingNotDelivered` JSON: reason, tracking, when), shown to operators; null when none. */
  @Column({ name: 'tracking_not_delivered', type: 'text', nullable: true }) trackingNotDelivered: string | null;

  @Column({ type: 'integer' }) attempts: number;

  @TimestampColumn({ name: 'next_attempt_at', nullable: true }) nextAttemptAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;

  @TimestampColumn({ name: 'created_at' }) createdAt: Date;

  @TimestampColumn({ name: 'updated_at' }) updatedAt: Date;

  /** When ANYMARKET last confirmed what the invoice says. */
  @TimestampColumn({ name: 'synced_at', nullable: true }) syncedAt: Date | null;
}
