import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '#common';
import { CENTS } from './seller-remittance.entity.js';

/**
 * The connector's copy of a Marketplacer `RemittanceAdvice`: released remittances grouped for one
 * payment to the seller; paid once `paidAt` is recorded. Kept by reading Marketplacer's whole list
 * each interval, and at once from the answer of an operator's payment update.
 */
@Entity('seller_remittance_advice')
@Index('idx_seller_remittance_advice_seller', ['sellerId', 'legacyId'])
export class SellerRemittanceAdviceEntity {
  /** Marketplacer's global id. */
  @PrimaryColumn({ type: 'varchar', length: 100 }) id: string;

  @Column({ name: 'legacy_id', type: 'integer' }) legacyId: number;

  @Column({ name: 'seller_id', type: 'varchar', length: 100 }) sellerId: string;

  @Column({ name: 'seller_legacy_id', type: 'integer' }) sellerLegacyId: number;

  @Column({ name: 'seller_business_name', type: 'text' }) sellerBusinessName: string;

  /** The remittances' total, in cents. */
  @Column({ name: 'total_cents', type: 'bigint', transformer: CENTS }) totalCents: number;

  /** What was paid, in cents, once recorded. */
  @Column({ name: 'total_paid_cents', type: 'bigint', nullable: true, transformer: CENTS }) totalPaidCents: number | null;

  @Column({ name: 'commission_cents', type: 'bigint', nullable: true, transformer: CENTS }) commissionCents: number | null;

  /** When the seller was paid; null while unpaid. */
  @TimestampColumn({ name: 'paid_at', nullable: true }) paidAt: Date | null;

  @Column({ name: 'payment_reference', type: 'text', nullable: true }) paymentReference: string | null;

  /** Marketplacer's `createdAt`. */
  @TimestampColumn({ name: 'created_at', nullable: true }) createdAt: Date | null;

  /** Global ids of the remittances it lists (JSON list). */
  @Column({ name: 'remittance_ids_json', type: 'text' }) remittanceIdsJson: string;

  /** When this copy last took a change from Marketplacer. */
  @TimestampColumn({ name: 'synced_at' }) syncedAt: Date;
}
