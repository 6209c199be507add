import { DomainError } from '#common';
import { AnymarketError } from '#anymarket';
import { MarketplacerError } from '#marketplacer';

/**
 * Whether another attempt at the same work can succeed: the one rule for every context's background work
 * (listings, orders) and the feeds. Permanent: the request itself is wrong, or names nothing (a GraphQL or 4xx refusal, a
 * transmission ANYMARKET does not have, a domain error of the request's own making).
 *
 * An authentication failure is not permanent: a seller's revoked ANYMARKET token is fixed by saving
 * the module again, after which the same work succeeds; so listing work retries (and ends in error
 * after LISTING_MAX_ATTEMPTS) and the poll holds its place instead of dropping the listing.
 */
export function isPermanentFailure(error: unknown): boolean {
  if (error instanceof MarketplacerError)
    return ['MARKETPLACER_GRAPHQL_ERROR', 'MARKETPLACER_REQUEST_REJECTED', 'MARKETPLACER_CURSOR_REFUSED'].includes(error.code);
  if (error instanceof AnymarketError) return error.code === 'ANYMARKET_NOT_FOUND' || error.code === 'ANYMARKET_REJECTED';
  return error instanceof DomainError && ['invalid', 'not_found', 'unprocessable', 'forbidden'].includes(error.kind);
}
