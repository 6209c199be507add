import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import { MarketplacerFulfilment, type MarketplacerInvoice, type MarketplacerRefundRequest } from '#marketplacer';
import { openLinesOf, unshippedItemsOf } from '../../shipments/index.js';
import { OrderStore } from '../order.store.js';
import type { OrdersConfig } from '../orders.config.js';

/** The external id a cancellation's refund request carries: one per invoice, so a repeat finds it. */
export const CANCELLATION_EXTERNAL_ID_KEY = 'anymarket-cancellation';

export type CancellationOutcome =
  | { kind: 'requested' | 'refunded' | 'exists'; refundRequest: MarketplacerRefundRequest; lines: number }
  | { kind: 'nothing-left' }
  /** Every open line was shipped: cancelling shipped goods is a return, which the buyer or operator starts in Marketplacer. */
  | { kind: 'all-shipped' };

/**
 * An order CANCELED in ANYMARKET: a refund request for what was not shipped (`dispatched: false`, a
 * cancellation in Marketplacer's terms), carrying the external id `anymarket-cancellation` = the
 * invoice, recorded on the timeline before the call: a repeat or a lost answer finds the request made
 * the first time. With ORDER_CANCEL_REFUND=refund the connector also accepts every line and refunds it.
 */
@Injectable()
export class OrderCancellation {
  constructor(
    private readonly marketplacer: MarketplacerFulfilment,
    private readonly store: OrderStore,
    @Inject(APP_CONFIG) private readonly config: OrdersConfig,
  ) {}

  async cancel(orderId: number, invoice: MarketplacerInvoice, reason: string): Promise<CancellationOutcome> {
    const [made] = await this.marketplacer.findRefundRequestsByExternalId(CANCELLATION_EXTERNAL_ID_KEY, invoice.id);
    if (made) return { kind: 'exists', refundRequest: await this.complete(orderId, made), lines: made.lineItems.length };
    const open = unshippedItemsOf(invoice);
    if (open.length === 0) return openLinesOf(invoice).length > 0 ? { kind: 'all-shipped' } : { kind: 'nothing-left' };
    const lines = open.map(({ lineItemId, quantity }) => ({ lineItemId, quantity, reason, dispatched: false }));
    await this.store.addEvent({
      orderId,
      source: 'marketplacer',
      action: 'refundRequestCreate',
      outcome: 'info',
      detail: `cancelling ${describe(open)} (external id ${CANCELLATION_EXTERNAL_ID_KEY})`,
    });
    const created = await this.marketplacer.createRefundRequest({
      invoiceId: invoice.id,
      lines,
      notes: [reason],
      externalIds: [{ key: CANCELLATION_EXTERNAL_ID_KEY, value: invoice.id }],
    });
    await this.store.addEvent({
      orderId,
      source: 'marketplacer',
      action: 'refundRequestCreate',
      outcome: 'ok',
      detail: `refund request ${created.id} (${created.status})`,
    });
    const completed = await this.complete(orderId, created);
    return { kind: completed.status === 'REFUNDED' ? 'refunded' : 'requested', refundRequest: completed, lines: lines.length };
  }

  /** ORDER_CANCEL_REFUND=refund: each line still pending accepted, then the request refunded. */
  private async complete(orderId: number, request: MarketplacerRefundRequest): Promise<MarketplacerRefundRequest> {
    if (this.config.orderCancelRefund !== 'refund' || request.status === 'REFUNDED') return request;
    let current = request;
    if (current.status === 'AWAITING') {
      for (const line of current.lineItems.filter((item) => item.status === 'PENDING_APPROVAL'))
        await this.marketplacer.acceptRefundLine(line.id, ['Cancelled by the seller in ANYMARKET']);
      [current] = await this.marketplacer.findRefundRequestsByExternalId(CANCELLATION_EXTERNAL_ID_KEY, request.invoice.id);
    }
    if (current && (current.status === 'PROCESSED' || current.status === 'RETURNED')) {
      current = await this.marketplacer.refundRefundRequest({ refundRequestId: current.id, notes: ['Refunded: the seller cancelled the order in ANYMARKET'] });
      await this.store.addEvent({
        orderId,
        source: 'marketplacer',
        action: 'refundRequestRefund',
        outcome: 'ok',
        detail: `refund request ${current.id} refunded`,
      });
    }
    return current ?? request;
  }
}

function describe(lines: Array<{ quantity: number }>): string {
  const units = lines.reduce((sum, line) => sum + line.quantity, 0);
  return `${lines.length} line${lines.length === 1 ? '' : 's'}, ${units} unit${units === 1 ? '' : 's'}`;
}
