import type { RefundRequestFieldsFragment } from '../contract/generated/graphql.js';
import type { MarketplacerRefundRequest } from '../ports/marketplacer-orders.port.js';
import { centsOf } from './formatted-money.js';

/** A `RefundRequestFields` selection as the Orders port describes it; money in integer cents. */
export function toRefundRequest(request: Omit<RefundRequestFieldsFragment, '__typename'>): MarketplacerRefundRequest {
  return {
    id: request.id,
    legacyId: request.legacyId,
    status: request.status,
    invoice: { id: request.invoice.id, legacyId: request.invoice.legacyId },
    // The feed's clock (RefundRequest.updatedAt: ISO8601DateTime!, 2023 schema).
    updatedAt: request.updatedAt,
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
