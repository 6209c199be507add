import { DomainError } from '#common';

export class MarketplacerOperatorError extends DomainError {}

/** Refusals of the operators' Marketplacer order and refund operations that are the connector's own (Marketplacer's come as MarketplacerError). */
export const marketplacerOperatorErrors = {
  /** The requestId already made a refund request, of another invoice: it cannot be this request's repeat. */
  refundRequestIdReused: (requestId: string, refundRequestId: string, invoiceLegacyId: number) =>
    new MarketplacerOperatorError(
      'REFUND_REQUEST_ID_REUSED',
      'conflict',
      `requestId "${requestId}" already made refund request ${refundRequestId}, of invoice ${invoiceLegacyId}: give a new requestId for a new refund request`,
    ),
};
