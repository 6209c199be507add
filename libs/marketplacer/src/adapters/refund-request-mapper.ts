import type { RefundRequestFieldsFragment } from '../contract/generated/graphql.js';
import { MarketplacerError } from '../errors/marketplacer-error.js';
import type { MarketplacerRefundRequest } from '../ports/marketplacer-orders.port.js';
import { centsOf } from './formatted-money.js';

/** A `RefundRequestFields` selection as the Orders port describes it; money in integer cents. */
export function toRefundRequest(request: Omit<RefundRequestFieldsFragment, '__typename'>): MarketplacerRefundRequest {
  return {
    id: request.id,
    legacyId: request.legacyId,
    status: request.status,
    invoice: { id: request.invoice.id, legacyId: request.invoice.legacyId },
    updatedAt: changedAt(request),
    cashAmountCents: centsOf(request.cashAmountCents, request.cashAmountFormatted, 'RefundRequest.cashAmountFormatted'),
    lineItems: request.lineItems.map((line) => ({
      id: line.id,
      status: line.status,
      quantity: line.quantity,
      lineItemId: line.lineItem?.id ?? null,
      amountCents: line.amountCents,
      reason: line.reason,
    })),
  };
}

/**
 * The feed's clock: updatedAt, else createdAt (both INFERRED fields, hence nullable). Without either
 * the change cannot be placed on the feed, which breaks the contract.
 */
function changedAt(request: Pick<RefundRequestFieldsFragment, 'id' | 'updatedAt' | 'createdAt'>): string {
  const at = request.updatedAt ?? request.createdAt;
  if (at == null) {
    throw new MarketplacerError('MARKETPLACER_UNEXPECTED_RESPONSE', `Marketplacer sent refund request ${request.id} without updatedAt or createdAt`, [
      { field: 'RefundRequest.updatedAt', messages: ['is null, and so is createdAt'] },
    ]);
  }
  return at;
}
