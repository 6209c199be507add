import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '#common';

/** An advert of the seller that no listing links, as operators see it (ANYMARKET links it through `GET /product/{partnerId}`). */
export interface UnlinkedAdvert {
  id: string;
  legacyId: number;
  title: string | null;
  /** The SKUs of its variants: the `partnerId`s ANYMARKET can look it up by. */
  skus: string[];
}

/**
 * The listings reconciliation of one account (its Marketplacer seller): when it last ran, what it
 * found and what it repaired (counts of its last pass), so each seller is reconciled once per
 * interval at its own slot. One row per account, written by every pass.
 */
@Entity('listing_reconciliation')
export class ListingReconciliationEntity {
  /** The connector's account id. */
  @PrimaryColumn({ name: 'account_id', type: 'integer' }) accountId: number;

  /** The account's Marketplacer seller (global id) as of the last pass; null before the first. */
  @Column({ name: 'seller_id', type: 'varchar', length: 100, nullable: true }) sellerId: string | null;

  /** When the job first saw the account: a never-reconciled seller is due at its first slot after it. */
  @TimestampColumn({ name: 'first_seen_at' }) firstSeenAt: Date;

  @TimestampColumn({ name: 'last_started_at', nullable: true }) lastStartedAt: Date | null;

  @TimestampColumn({ name: 'last_finished_at', nullable: true }) lastFinishedAt: Date | null;

  /** Adverts advertsWhere returned for the seller in the last pass. */
  @Column({ name: 'adverts_seen', type: 'integer' }) advertsSeen: number;

  /** Synced listings of the account compared in the last pass. */
  @Column({ name: 'listings_checked', type: 'integer' }) listingsChecked: number;

  /** Marketplacer requests the last pass made (advertsWhere pages and reads by id). */
  @Column({ name: 'marketplacer_requests', type: 'integer' }) marketplacerRequests: number;

  @Column({ name: 'drift_advert_gone', type: 'integer' }) driftAdvertGone: number;

  @Column({ name: 'drift_unpublished', type: 'integer' }) driftUnpublished: number;

  @Column({ name: 'drift_status', type: 'integer' }) driftStatus: number;

  @Column({ name: 'drift_price', type: 'integer' }) driftPrice: number;

  @Column({ name: 'drift_stock', type: 'integer' }) driftStock: number;

  /** Drifted listings reported to ANYMARKET (the repair). */
  @Column({ type: 'integer' }) repaired: number;

  /** Drifted listings whose report failed (the next pass tries again). */
  @Column({ type: 'integer' }) failed: number;

  /** Adverts of the seller no listing links. */
  @Column({ name: 'unlinked_count', type: 'integer' }) unlinkedCount: number;

  /** The first of them (JSON UnlinkedAdvert[], capped). */
  @Column({ name: 'unlinked_adverts', type: 'text' }) unlinkedAdverts: string;

  /** Why the last pass stopped short (Marketplacer unreachable, no budget share in time), or null. */
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
}
