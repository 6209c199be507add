import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '#common';

/**
 * `creating`: a request is calling Marketplacer now; `created`: the seller and its link exist;
 * `failed`: the last attempt ended without a seller in hand (Marketplacer may have made it: the repeat
 * looks it up first); `refused`: Marketplacer refused the details (nothing was made).
 */
export type OnboardingState = 'creating' | 'created' | 'failed' | 'refused';

/**
 * One admin onboarding request (`sellerCreate` + seller link), recorded under its requestId BEFORE
 * Marketplacer is called: the requestId goes into the seller's metadata, so a repeat after a lost
 * answer finds the seller Marketplacer made instead of making a second one.
 */
@Entity('seller_onboarding')
export class SellerOnboardingEntity {
  @PrimaryColumn({ name: 'request_id', type: 'varchar', length: 100 }) requestId: string;

  @Column({ type: 'varchar', length: 16 }) state: OnboardingState;

  /** SHA-256 of the request's details: a repeat with other details is another seller, refused. */
  @Column({ name: 'details_hash', type: 'varchar', length: 64 }) detailsHash: string;

  /** The primary user's e-mail (Marketplacer's login: one seller per address). */
  @Column({ name: 'user_email', type: 'varchar', length: 255 }) userEmail: string;

  @Column({ name: 'seller_id', type: 'varchar', length: 100, nullable: true }) sellerId: string | null;

  @Column({ name: 'seller_link_id', type: 'integer', nullable: true }) sellerLinkId: number | null;

  /** Marketplacer's refusal, as it wrote it, when `refused`. */
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;

  @TimestampColumn({ name: 'requested_at' }) requestedAt: Date;

  @TimestampColumn({ name: 'updated_at' }) updatedAt: Date;
}
