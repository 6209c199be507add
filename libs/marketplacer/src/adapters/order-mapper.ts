import type { OrderFieldsFragment } from '../contract/generated/graphql.js';
import { MarketplacerError } from '../errors/marketplacer-error.js';
import { presentNodes } from '../pagination/paginate.js';
import type { MarketplacerOrder } from '../ports/marketplacer-fulfilment.port.js';

/** An `OrderFields` selection as the Fulfilment port describes it. */
export function toOrder(order: Omit<OrderFieldsFragment, '__typename'>): MarketplacerOrder {
  // One invoice per seller and delivery type: more than a page of them means the selection is too small,
  // and a caller reading the order's invoices must not get part of them.
  if (order.invoices.pageInfo.hasNextPage) {
    throw new MarketplacerError('MARKETPLACER_UNEXPECTED_RESPONSE', `Marketplacer order ${order.id} has more invoices than one page holds`, [
      { field: 'Order.invoices', messages: ['has another page'] },
    ]);
  }
  return {
    id: order.id,
    legacyId: order.legacyId,
    status: order.status,
    invoices: presentNodes(order.invoices.nodes).map((invoice) => ({
      id: invoice.id,
      legacyId: invoice.legacyId,
      lineItems: invoice.lineItems.map((line) => ({ id: line.id, legacyId: line.legacyId, variantId: line.variantId, quantity: line.quantity })),
    })),
  };
}
