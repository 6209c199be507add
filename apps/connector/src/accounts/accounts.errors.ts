import { DomainError, type ErrorDetail, type ErrorKind } from '#common';

/** Stable codes of the Accounts context. */
export const ACCOUNTS_ERROR_KINDS = {
  /** Marketplacer has no seller with the given global or legacy id. */
  SELLER_NOT_FOUND: 'not_found',
  /** The seller exists in Marketplacer but may not trade (see MarketplacerSeller.active). */
  SELLER_INACTIVE: 'unprocessable',
  /** The seller already has an active link; revoke it first (or rotate its secret). */
  SELLER_ALREADY_LINKED: 'conflict',
  SELLER_LINK_NOT_FOUND: 'not_found',
  /** The link was revoked; a revoked link is history and cannot change. */
  SELLER_LINK_REVOKED: 'conflict',
  /** An activation remote whose caller is not a linked, active seller (answered `401 false`). */
  SELLER_NOT_IDENTIFIED: 'unauthenticated',
  ACCOUNT_NOT_FOUND: 'not_found',
} as const satisfies Record<string, ErrorKind>;

export type AccountsErrorCode = keyof typeof ACCOUNTS_ERROR_KINDS;

export class AccountsError extends DomainError {
  declare readonly code: AccountsErrorCode;

  constructor(code: AccountsErrorCode, message: string, details: ErrorDetail[] = []) {
    super(code, ACCOUNTS_ERROR_KINDS[code], message, details);
  }
}
