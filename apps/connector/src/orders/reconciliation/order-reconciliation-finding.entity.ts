import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '#common';
import type { OrderStatus } from '#anymarket';

/**
 * What an orders reconciliation found:
 * - `unknown`: ANYMARKET has an order of the account that the connector does not know (reported only);
 * - `behind`: ANYMARKET's status is behind what the invoice calls for (the order's work is queued again);
 * - `ahead`: ANYMARKET's status is past what the invoice calls for and the connector was not told (reported; never moved back);
 * - `missing`: a paid order ANYMARKET does not have (pushed again).
 */
export const FINDING_KINDS = ['unknown', 'behind', 'ahead', 'missing'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** What the connector did about a finding: nothing but report it, or queued the order's work. */
export type FindingRepair = 'moved-forward' | 'pushed-again' | null;

/**
 * One divergence between ANYMARKET's orders and the connector's, as the account's runs keep seeing
 * it (first and last seen); a complete run drops the account's findings it no longer sees.
 */
@Entity('order_reconciliation_finding')
@Index('uq_order_reconciliation_finding', ['accountId', 'kind', 'marketPlaceId'], { unique: true })
@Index('idx_order_reconciliation_finding_account', ['accountId', 'id'])
export class OrderReconciliationFindingEntity {
  @PrimaryGeneratedColumn() id: number;

  @Column({ name: 'account_id', type: 'integer' }) accountId: number;

  @Column({ type: 'varchar', length: 16 }) kind: FindingKind;

  /** The order's `marketPlaceId` (the invoice's legacy id for the connector's orders). */
  @Column({ name: 'market_place_id', type: 'varchar', length: 40 }) marketPlaceId: string;

  /** ANYMARKET's order id, when ANYMARKET has the order. */
  @Column({ name: 'anymarket_order_id', type: 'varchar', length: 20, nullable: true }) anymarketOrderId: string | null;

  /** The connector's order, when it has one. */
  @Column({ name: 'order_id', type: 'integer', nullable: true }) orderId: number | null;

  /** The status ANYMARKET's list gave. */
  @Column({ name: 'anymarket_status', type: 'varchar', length: 16, nullable: true }) anymarketStatus: OrderStatus | null;

  /** The status the connector believed ANYMARKET had. */
  @Column({ name: 'known_status', type: 'varchar', length: 16, nullable: true }) knownStatus: OrderStatus | null;

  /** The status the invoice calls for. */
  @Column({ name: 'target_status', type: 'varchar', length: 16, nullable: true }) targetStatus: OrderStatus | null;

  @Column({ type: 'varchar', length: 16, nullable: true }) repair: FindingRepair;

  @TimestampColumn({ name: 'first_seen_at' }) firstSeenAt: Date;

  @TimestampColumn({ name: 'last_seen_at' }) lastSeenAt: Date;
}
