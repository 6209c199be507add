import { Injectable } from '@nestjs/common';
import type { AnymarketIdentity } from '#anymarket';
import { AccountsService } from '../../accounts/index.js';
import type { UpdateOrderStatusDto } from '../dto/order-remotes.dto.js';
import type { OrderEntity } from '../entities/order.entity.js';
import { parseNfe } from './nfe/nfe-document.js';
import { OrderUpdateWork } from './order-updates.queue.js';
import { OrderUpdateStore } from './order-update.store.js';
import { invoiceOf, OrderStore } from '../order.store.js';
import { ordersErrors } from '../orders.errors.js';

/** A Marketplacer invoice number (legacy id): what `idInMarketplace` must be. */
const MARKET_PLACE_ID = /^\d{1,20}$/;

/**
 * ANYMARKET's order remotes 17–18: a status changed in ANYMARKET, and the seller's NF-e XML. Both are
 * recorded on the order and answered at once; applying them in Marketplacer and acknowledging with
 * `transmissionStatus` is background work (OrderUpdateWork).
 */
@Injectable()
export class OrderUpdatesService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly orders: OrderStore,
    private readonly updates: OrderUpdateStore,
    private readonly work: OrderUpdateWork,
  ) {}

  /** `PUT /order/updateOrderStatusInMarketPlace`: the order among the caller's accounts' orders (the remote names no account). */
  async announce(caller: AnymarketIdentity, body: UpdateOrderStatusDto): Promise<true> {
    const id = this.marketPlaceIdOf(body.idInMarketplace);
    const accounts = await this.accounts.callerAccounts(caller.oi);
    const order = await this.orders.findByMarketPlaceIdIn(
      accounts.map((account) => account.id),
      id,
    );
    if (!order) throw ordersErrors.orderNotFound(id);
    const now = new Date();
    await this.updates.announce(order.id, String(body.orderId), body.currentStatus, now);
    await this.orders.addEvent({
      orderId: order.id,
      source: 'remote',
      action: 'updateOrderStatusInMarketPlace',
      outcome: 'info',
      detail: `${body.oldStatus ?? '?'} → ${body.currentStatus} (ANYMARKET order ${body.orderId})`,
      at: now,
    });
    await this.work.enqueue(order);
    return true;
  }

  /** `PUT /order/{id}/invoice/document`: the NF-e XML read and kept; the order's status is then acknowledged. */
  async receiveDocument(caller: AnymarketIdentity, idInMarketPlace: string, idAccount: string | undefined, xml: unknown): Promise<true> {
    const id = this.marketPlaceIdOf(idInMarketPlace);
    const account = await this.accounts.callerAccount(caller.oi, idAccount);
    const order = await this.orders.findByMarketPlaceId(account.id, id);
    if (!order) throw ordersErrors.orderNotFound(id);
    if (typeof xml !== 'string' || xml.trim() === '') throw ordersErrors.invoiceDocumentMissing();
    const document = parseNfe(xml);
    const now = new Date();
    await this.updates.keepDocument(order.id, document, now);
    await this.orders.addEvent({
      orderId: order.id,
      source: 'remote',
      action: 'invoice/document',
      outcome: 'info',
      detail: `NF-e ${document.number} series ${document.series}, key ${document.accessKey}, total ${document.totalCents} cents${totalNote(order, document.totalCents)}`,
      at: now,
    });
    await this.work.enqueue(order);
    return true;
  }

  private marketPlaceIdOf(idInMarketPlace: string): string {
    const id = idInMarketPlace.trim();
    if (!MARKET_PLACE_ID.test(id)) throw ordersErrors.orderIdInvalid(idInMarketPlace);
    return id;
  }
}

/** An NF-e whose total differs from the invoice's is kept (discounts, freight rules differ) but noted for admins. */
function totalNote(order: OrderEntity, totalCents: number): string {
  const invoiceTotal = invoiceOf(order).totalCents;
  return invoiceTotal === totalCents ? '' : ` (the invoice's total is ${invoiceTotal} cents)`;
}
