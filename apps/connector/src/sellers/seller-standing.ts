import type { MarketplacerSeller } from '#marketplacer';
import type { SellerStanding } from '../accounts/index.js';

export type { SellerStanding };

/** The seller's fields the standing is read from (a kept row or Marketplacer's answer). */
export interface StandingFields {
  deleted: boolean;
  active: boolean;
  online?: boolean | null;
  accountType?: string | null;
}

/**
 * Why a seller may not trade, in words for admins, or null when it may. The order matters: a deleted
 * seller is also offline, a PROSPECTIVE one is offline until approved. How "active" is derived from
 * Marketplacer's fields is inferred (see `isActiveSeller` in the library).
 */
export function inactiveReasonOf(seller: StandingFields): string | null {
  if (seller.deleted) return 'the seller was deleted in Marketplacer';
  if (seller.active) return null;
  const accountType = seller.accountType?.toUpperCase();
  if (accountType && accountType !== 'RETAILER') return `the seller is no longer a RETAILER in Marketplacer (account type ${accountType})`;
  if (seller.online === false) return 'the seller is offline in Marketplacer';
  return 'the seller may not trade in Marketplacer';
}

export function standingOf(seller: StandingFields & { businessName?: string | null }): SellerStanding {
  const inactiveReason = inactiveReasonOf(seller);
  return { exists: true, active: inactiveReason === null, inactiveReason, businessName: seller.businessName ?? null };
}

const NO_SUCH_SELLER: SellerStanding = {
  exists: false,
  active: false,
  inactiveReason: 'the seller no longer exists in Marketplacer',
  businessName: null,
};

/** A live answer as a standing (null: Marketplacer has no such seller, or it was deleted). */
export function standingOfAnswer(seller: MarketplacerSeller | null): SellerStanding {
  return seller ? standingOf({ ...seller, deleted: false }) : NO_SUCH_SELLER;
}
