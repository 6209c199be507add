import type { AnymarketAccountEntity } from './entities/anymarket-account.entity.js';
import type { SellerLinkEntity } from './entities/seller-link.entity.js';

/** The link lets its accounts work: not revoked, and its seller may trade in Marketplacer. */
export function linkUsable(link: SellerLinkEntity): boolean {
  return !link.revokedAt && link.sellerInactiveReason === null;
}

/** Whether the connector acts for the account: active in ANYMARKET (and for admins), on a usable link. */
export function actsFor(account: AnymarketAccountEntity, link: SellerLinkEntity): boolean {
  return account.active && linkUsable(link);
}

/** Why the connector does not act for the account, in words for admins; null when it does. */
export function inactiveReasonOf(account: AnymarketAccountEntity, link: SellerLinkEntity): string | null {
  if (link.revokedAt) return 'the seller link was revoked';
  if (!account.active) return 'deactivated by ANYMARKET (saveAccount active: false) or by an admin';
  return link.sellerInactiveReason;
}
