import { DomainError } from '#common';

export class AccountsError extends DomainError {}

/** A remote's caller has no active account here that it may mean (the one code, answered 404). */
const ANYMARKET_ACCOUNT_NOT_FOUND = 'ANYMARKET_ACCOUNT_NOT_FOUND';

/** The coded errors of the Accounts context, one factory each (the kind decides the HTTP status). */
export const accountsErrors = {
  /** Marketplacer has no seller with the given global or legacy id. */
  sellerNotFound: (reference: string) =>
    new AccountsError('SELLER_NOT_FOUND', 'not_found', `Marketplacer has no seller ${reference}`, [
      { field: 'sellerId', messages: ['no such seller in Marketplacer'] },
    ]),
  /** The seller exists in Marketplacer but may not trade (see MarketplacerSeller.active). */
  sellerInactive: (sellerId: string, businessName: string) =>
    new AccountsError('SELLER_INACTIVE', 'unprocessable', `Seller ${sellerId} (${businessName}) is not active in Marketplacer`, [
      { field: 'sellerId', messages: ['the seller is not active in Marketplacer'] },
    ]),
  /** The seller already has an active link; revoke it first (or rotate its secret). */
  sellerAlreadyLinked: (sellerId: string, linkId: number) =>
    new AccountsError('SELLER_ALREADY_LINKED', 'conflict', `Seller ${sellerId} already has active link ${linkId}; rotate its secret or revoke it first`, [
      { field: 'sellerId', messages: [`active link ${linkId}`] },
    ]),
  sellerLinkNotFound: (id: number) => new AccountsError('SELLER_LINK_NOT_FOUND', 'not_found', `Seller link ${id} was not found`),
  /** The link was revoked; a revoked link is history and cannot change. */
  sellerLinkRevoked: (id: number) => new AccountsError('SELLER_LINK_REVOKED', 'conflict', `Seller link ${id} is revoked; create a new link instead`),
  /** An activation remote whose caller is not a linked, active seller (answered `401 false`). */
  sellerNotIdentified: (reason: string) => new AccountsError('SELLER_NOT_IDENTIFIED', 'unauthenticated', `The seller could not be identified: ${reason}`),
  /** `idAccount` names no active account of the organisation; or, none given, it has no single active account to mean. */
  callerAccountNotFound: (oi: string, idAccount: string | undefined) =>
    new AccountsError(
      ANYMARKET_ACCOUNT_NOT_FOUND,
      'not_found',
      idAccount === undefined
        ? `The organisation ${oi} has no active ANYMARKET account here; send idAccount`
        : `No active ANYMARKET account ${idAccount} for organisation ${oi} (module not activated, or deactivated)`,
    ),
  /** The organisation has no active account here at all. */
  noCallerAccount: (oi: string) =>
    new AccountsError(
      ANYMARKET_ACCOUNT_NOT_FOUND,
      'not_found',
      `The organisation ${oi} has no active ANYMARKET account here (module not activated, or deactivated)`,
    ),
  accountNotFound: (id: number) => new AccountsError('ACCOUNT_NOT_FOUND', 'not_found', `Account ${id} was not found`),
};
