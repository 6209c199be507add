import { DomainError } from '#common';

/** Refusals of the Sellers context that are the connector's own (Marketplacer's come as MarketplacerError). */
export class SellersError extends DomainError {}

export const sellersErrors = {
  sellerNotInDirectory: (reference: string) =>
    new SellersError('SELLER_NOT_FOUND', 'not_found', `Seller ${reference} is not in the seller directory (give its global id or its legacy id)`),
  /** The requestId already onboarded a seller from other details: it cannot be this request's repeat. */
  onboardingRequestIdReused: (requestId: string, sellerId: string | null) =>
    new SellersError(
      'ONBOARDING_REQUEST_ID_REUSED',
      'conflict',
      `requestId "${requestId}" was used ${sellerId ? `to onboard seller ${sellerId}` : 'for another seller'} with other details: give a new requestId for a new seller`,
    ),
  nothingToUpdate: () =>
    new SellersError('SELLER_UPDATE_EMPTY', 'invalid', 'Give at least one field to change', [{ field: 'body', messages: ['no field to change'] }]),
  /** Another request with this requestId is being made right now. */
  onboardingInProgress: (requestId: string) =>
    new SellersError('ONBOARDING_IN_PROGRESS', 'conflict', `requestId "${requestId}" is being onboarded by another request; repeat it in a moment`),
};
