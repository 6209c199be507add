import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '#common';
import type { PublicationStatus, TransmissionStatus } from '#anymarket';

/**
 * Where a listing's work stands: `queued` (recorded, waiting or waiting to retry), `syncing` (its job
 * is running, or its process stopped and recovery or the engine will run it again), `synced` (Marketplacer and ANYMARKET agree), `error`
 * (given up; reported to ANYMARKET when possible), `deleted` (deletePublication done).
 */
export type ListingState = 'queued' | 'syncing' | 'synced' | 'error' | 'deleted';
export const LISTING_STATES: ListingState[] = ['queued', 'syncing', 'synced', 'error', 'deleted'];

/** What the queued work must read from ANYMARKET: the whole transmission, or only price and stock. */
export type ListingReadMode = 'full' | 'price_stock';

/** What ANYMARKET last asked for: its publication status, or DELETED after deletePublication. */
export type RequestedStatus = PublicationStatus | 'DELETED';

/**
 * One ANYMARKET transmission (a SKU published on one account) and its Marketplacer counterpart:
 * a variant of the advert shared by every transmission of the same ANYMARKET product. ANYMARKET's
 * int64 ids are kept as decimal strings (exact on both databases).
 */
@Entity('listing')
@Index('uq_listing_account_transmission', ['accountId', 'idSkuMarketplace'], { unique: true })
@Index('idx_listing_account_product', ['accountId', 'idProduct'])
@Index('idx_listing_account_advert', ['accountId', 'advertId'])
/** The adverts feed's routing: the listings on a page's adverts, of any account (migration 1765540000000). */
@Index('idx_listing_advert', ['advertId', 'state'])
@Index('idx_listing_state', ['state', 'nextAttemptAt'])
export class ListingEntity {
  @PrimaryGeneratedColumn() id: number;

  /** The connector's id of the ANYMARKET account. */
  @Column({ name: 'account_id', type: 'integer' }) accountId: number;

  /** The account's organisation and ANYMARKET id, to find it again (AccountsService.findActiveAccount). */
  @Column({ type: 'varchar', length: 64 }) oi: string;

  @Column({ name: 'id_account', type: 'varchar', length: 20 }) idAccount: string;

  /** The transmission id (`idSkuMarketplace`, the `{id}` of `/skumarketplace/{id}`). */
  @Column({ name: 'id_sku_marketplace', type: 'varchar', length: 20 }) idSkuMarketplace: string;

  @Column({ name: 'id_sku_marketplace_main', type: 'varchar', length: 20, nullable: true }) idSkuMarketplaceMain: string | null;

  @Column({ name: 'id_sku', type: 'varchar', length: 20, nullable: true }) idSku: string | null;

  /** ANYMARKET product: every transmission of one product is a variant of the same advert. */
  @Column({ name: 'id_product', type: 'varchar', length: 20, nullable: true }) idProduct: string | null;

  @Column({ name: 'sku_in_marketplace', type: 'varchar', length: 255, nullable: true }) skuInMarketplace: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true }) title: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true }) ean: string | null;

  @Column({ name: 'advert_id', type: 'varchar', length: 100, nullable: true }) advertId: string | null;

  /** Marketplacer's database id of the advert: the `idInSite` reported to ANYMARKET. */
  @Column({ name: 'advert_legacy_id', type: 'integer', nullable: true }) advertLegacyId: number | null;

  @Column({ name: 'variant_id', type: 'varchar', length: 100, nullable: true }) variantId: string | null;

  /**
   * The external id put on the advert this listing is creating: saved before Marketplacer is asked,
   * cleared once the advert's id is saved, so a retry finds an advert whose creation answer was lost
   * (timeout, crash) instead of creating a second one. See listing-advert-ref.ts.
   */
  @Column({ name: 'pending_advert_ref', type: 'varchar', length: 100, nullable: true }) pendingAdvertRef: string | null;

  /**
   * The advert's `updatedAt` (as Marketplacer wrote it) when the adverts poll last read its details
   * for this listing. The poll's watermark is inclusive, so the newest adverts of one scan come back
   * in the next; an unpublished one (sent without details) is not read again while it is unchanged.
   */
  @Column({ name: 'advert_seen_at', type: 'varchar', length: 40, nullable: true }) advertSeenAt: string | null;

  @Column({ type: 'varchar', length: 16 }) state: ListingState;

  @Column({ name: 'requested_status', type: 'varchar', length: 16 }) requestedStatus: RequestedStatus;

  @Column({ name: 'read_mode', type: 'varchar', length: 16 }) readMode: ListingReadMode;

  /** Bumped by every request (sendProduct, deletePublication, admin resync): a run finishing an older one leaves the newer queued. */
  @Column({ name: 'request_seq', type: 'integer' }) requestSeq: number;

  /** Failed attempts at the current request. */
  @Column({ type: 'integer' }) attempts: number;

  @TimestampColumn({ name: 'next_attempt_at', nullable: true }) nextAttemptAt: Date | null;

  /** Last status reported to ANYMARKET (PUT /skumarketplace/{id}). */
  @Column({ name: 'publication_status', type: 'varchar', length: 16, nullable: true }) publicationStatus: PublicationStatus | null;

  @Column({ name: 'transmission_status', type: 'varchar', length: 16, nullable: true }) transmissionStatus: TransmissionStatus | null;

  @Column({ name: 'marketplace_status', type: 'varchar', length: 500, nullable: true }) marketplaceStatus: string | null;

  /** sha256 of the last PUT body ANYMARKET accepted: an unchanged state is never reported twice. */
  @Column({ name: 'reported_hash', type: 'varchar', length: 64, nullable: true }) reportedHash: string | null;

  @TimestampColumn({ name: 'reported_at', nullable: true }) reportedAt: Date | null;

  /** An admin's vetting rejection (Marketplacer's own vetting cannot be set through advertUpsert). */
  @Column({ name: 'vetting_rejected_reason', type: 'text', nullable: true }) vettingRejectedReason: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;

  @TimestampColumn({ name: 'created_at' }) createdAt: Date;

  @TimestampColumn({ name: 'updated_at' }) updatedAt: Date;

  @TimestampColumn({ name: 'synced_at', nullable: true }) syncedAt: Date | null;
}
