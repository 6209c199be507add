import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '#common';

/**
 * The seller directory: the connector's copy of one Marketplacer seller, kept by the `sellers` feed
 * (`allSellers(updatedSince, includeDeleted: true)`, read once per marketplace) and by the live
 * look-ups that link and onboard sellers. Activation answers from it while it is fresh.
 */
@Entity('marketplacer_seller')
@Index('idx_marketplacer_seller_legacy_id', ['legacyId'], { unique: true })
export class MarketplacerSellerEntity {
  /** Marketplacer global id (canonical, as the Operator API returns it). */
  @PrimaryColumn({ type: 'varchar', length: 100 }) id: string;

  @Column({ name: 'legacy_id', type: 'integer' }) legacyId: number;

  /** Null for a seller known only as deleted (a `DeletedSeller` carries no name). */
  @Column({ name: 'business_name', type: 'varchar', length: 255, nullable: true }) businessName: string | null;

  @Column({ name: 'account_type', type: 'varchar', length: 32, nullable: true }) accountType: string | null;

  @Column({ type: 'boolean', nullable: true }) online: boolean | null;

  @Column({ type: 'boolean' }) deleted: boolean;

  /** May trade (a RETAILER that is online and not deleted): what activation and the accounts go by. */
  @Column({ type: 'boolean' }) active: boolean;

  @Column({ name: 'email_address', type: 'varchar', length: 255, nullable: true }) emailAddress: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true }) phone: string | null;

  /** `Seller.metadata` as JSON key/values (the onboarding request id is one). */
  @Column({ name: 'metadata_json', type: 'text' }) metadataJson: string;

  /** Marketplacer's `updatedAt` of what is kept (ISO 8601), as its feed compares it. */
  @Column({ name: 'marketplacer_updated_at', type: 'varchar', length: 40, nullable: true }) marketplacerUpdatedAt: string | null;

  /** When the connector last wrote this copy. */
  @TimestampColumn({ name: 'synced_at' }) syncedAt: Date;
}
