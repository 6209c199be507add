import { Injectable } from '@nestjs/common';
import type { MarketplacerInvoice } from '#marketplacer';
import type { OrderEntity } from './entities/order.entity.js';
import { OrderWork } from './orders.queue.js';
import { OrderStore, type InvoiceDestination } from './order.store.js';
import { shippedLinesNote } from './shipped-lines.js';

/**
 * Where every read invoice enters (the invoices feed, `/order/force`, `/forceImportOrders`, a
 * re-push): recorded on its order row, and the order's job queued when there is work. Recording is
 * an upsert on the invoice's unique id, so the feed and a force racing each other make one order.
 */
@Injectable()
export class InvoiceIntake {
  constructor(
    private readonly store: OrderStore,
    private readonly work: OrderWork,
  ) {}

  /**
   * Records the invoice; queues its order when it has work. A changed version is noted on the order's
   * timeline, with which lines are shipped and which not yet when that changed. Returns the order and
   * whether it changed.
   */
  async take(invoice: MarketplacerInvoice, destination: InvoiceDestination, now = new Date()): Promise<{ order: OrderEntity; changed: boolean }> {
    const recorded = await this.store.recordInvoice(invoice, destination, now);
    if (recorded.changed) {
      await this.store.addEvent({
        orderId: recorded.order.id,
        source: 'marketplacer',
        action: 'invoice',
        outcome: 'info',
        detail: `${invoice.status} [${invoice.statusFlags.join(', ')}] as of ${invoice.updatedAt}`,
        at: now,
      });
      const partial = shippedLinesNote(recorded.previous, invoice);
      if (partial)
        await this.store.addEvent({ orderId: recorded.order.id, source: 'marketplacer', action: 'shipped lines', outcome: 'info', detail: partial, at: now });
    }
    if (recorded.needsWork) await this.work.enqueue(recorded.order);
    return { order: recorded.order, changed: recorded.changed };
  }

  /** Asks for the order's work again (force, re-push, the orders reconciliation): queued unless it has no account. */
  async again(order: OrderEntity, source: 'remote' | 'admin' | 'reconciliation', now = new Date()): Promise<OrderEntity> {
    const requeued = await this.store.requeue(order.id, now);
    await this.store.addEvent({ orderId: order.id, source, action: source === 'remote' ? 'force' : 're-push', outcome: 'info', at: now });
    if (requeued.state === 'pending') await this.work.enqueue(requeued);
    return requeued;
  }
}
