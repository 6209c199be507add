import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '#common';

/**
 * An admin's permission for one Marketplacer seller to activate the ANYMARKET module: the seller
 * proves it on the module screen with its store id and the integration secret (kept only as a hash).
 * The first ANYMARKET organisation (`oi`) that passes testIntegration is bound to the link for good.
 */
@Entity('seller_link')
@Index('idx_seller_link_active_seller', ['sellerId'], { unique: true, where: 'revoked_at IS NULL' })
@Index('idx_seller_link_legacy_id', ['sellerLegacyId'])
export class SellerLinkEntity {
  @PrimaryGeneratedColumn() id: number;

  /** Marketplacer global id (canonical, as the Operator API returns it). */
  @Column({ name: 'seller_id', type: 'varchar', length: 100 }) sellerId: string;

  @Column({ name: 'seller_legacy_id', type: 'integer' }) sellerLegacyId: number;

  /** As Marketplacer named the seller when the link was made (for admins; not kept in sync). */
  @Column({ name: 'seller_business_name', type: 'varchar', length: 255 }) sellerBusinessName: string;

  /** `hashSecret` of the integration secret; the secret itself is shown once and never stored. */
  @Column({ name: 'secret_hash', type: 'varchar', length: 200 }) secretHash: string;

  /** The ANYMARKET organisation id bound at the first successful testIntegration, verbatim (ends in a dot). */
  @Column({ name: 'anymarket_oi', type: 'varchar', length: 64, nullable: true }) anymarketOi: string | null;

  @TimestampColumn({ name: 'bound_at', nullable: true }) boundAt: Date | null;

  @TimestampColumn({ name: 'created_at' }) createdAt: Date;

  @TimestampColumn({ name: 'secret_rotated_at', nullable: true }) secretRotatedAt: Date | null;

  /** Set when an admin revoked the link: it no longer authenticates and its accounts were deactivated. */
  @TimestampColumn({ name: 'revoked_at', nullable: true }) revokedAt: Date | null;

  /**
   * Why the seller may not trade in Marketplacer (offline, deleted, not a RETAILER), as the seller
   * directory last saw it; null while it may. Its accounts are inactive meanwhile and come back
   * with it: the accounts' own `active` stays what ANYMARKET and admins set.
   */
  @Column({ name: 'seller_inactive_reason', type: 'varchar', length: 200, nullable: true }) sellerInactiveReason: string | null;

  @TimestampColumn({ name: 'seller_inactive_since', nullable: true }) sellerInactiveSince: Date | null;
}
