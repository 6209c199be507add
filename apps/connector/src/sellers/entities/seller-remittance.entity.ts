import { Column, Entity, Index, PrimaryColumn, type ValueTransformer } from 'typeorm';
import { TimestampColumn } from '#common';

/**
 * Integer cents in a `bigint` column: a marketplace's totals may pass GraphQL's 32-bit `Int`.
 * Postgres' driver reads `bigint` as text; it comes back a number (safe up to 2^53 cents).
 */
export const CENTS: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/**
 * The connector's copy of a Marketplacer `Remittance`: what a seller is owed for one invoice (or
 * amendment), held until released. Kept by reading Marketplacer's whole list each interval (it has
 * no change feed), and at once from the answer of an operator's release.
 */
@Entity('seller_remittance')
@Index('idx_seller_remittance_seller', ['sellerId', 'createdAt'])
@Index('idx_seller_remittance_advice', ['adviceId'])
export class SellerRemittanceEntity {
  /** Marketplacer's global id. */
  @PrimaryColumn({ type: 'varchar', length: 100 }) id: string;

  @Column({ name: 'seller_id', type: 'varchar', length: 100 }) sellerId: string;

  @Column({ name: 'seller_legacy_id', type: 'integer' }) sellerLegacyId: number;

  @Column({ name: 'seller_business_name', type: 'text' }) sellerBusinessName: string;

  /** The invoice it pays for (global id); null for a remittance of no invoice (e.g. an amendment's). */
  @Column({ name: 'invoice_id', type: 'varchar', length: 100, nullable: true }) invoiceId: string | null;

  @Column({ name: 'invoice_legacy_id', type: 'integer', nullable: true }) invoiceLegacyId: number | null;

  /** What the seller is owed, in cents (negative for an amendment that takes back). */
  @Column({ name: 'amount_cents', type: 'bigint', transformer: CENTS }) amountCents: number;

  @Column({ name: 'commission_cents', type: 'bigint', nullable: true, transformer: CENTS }) commissionCents: number | null;

  /** Released to be paid (on a remittance advice); false while held. */
  @Column({ type: 'boolean' }) released: boolean;

  /** Why it is held, as Marketplacer words it (JSON list of strings). */
  @Column({ name: 'pending_reasons_json', type: 'text' }) pendingReasonsJson: string;

  /** The remittance advice that lists it (global id), as the advices scan last read them; null before. */
  @Column({ name: 'advice_id', type: 'varchar', length: 100, nullable: true }) adviceId: string | null;

  /** Marketplacer's `createdAt`. */
  @TimestampColumn({ name: 'created_at' }) createdAt: Date;

  /** When this copy last took a change from Marketplacer. */
  @TimestampColumn({ name: 'synced_at' }) syncedAt: Date;
}
