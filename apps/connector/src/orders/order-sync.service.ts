import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, retryAt } from '#common';
import { AnymarketError, AnymarketMarketplaceApi, isDuplicateOrderError, type AnymarketAccountContext, type Order, type OrderStatus } from '#anymarket';
import type { MarketplacerInvoice } from '#marketplacer';
import { AccountsService, type ActiveAnymarketAccount, anymarketContextOf } from '../accounts/index.js';
import { isPermanentFailure } from '../work/index.js';
import type { OrderEntity } from './entities/order.entity.js';
import { OrderPostBuilder } from './order-post.builder.js';
import { isStepForward } from './order-status.js';
import { OrderTrackingUpdates } from './order-tracking-updates.js';
import { knownFromAnymarket, knownFromSent, type ShippedTracking } from './shipment-tracking.js';
import { transitionCall } from './order-transitions.js';
import { invoiceOf, knownTrackingOf, OrderStore } from './order.store.js';
import type { OrdersConfig } from './orders.config.js';

/** How one run at an order ended, for the work queue. */
export type OrderRunOutcome = { kind: 'done' } | { kind: 'retry'; at: Date; order: OrderEntity };

/**
 * The work behind one order: create it in ANYMARKET from the invoice kept on it (one `POST /orders`,
 * as PAID when paid), then move it forward to the status the invoice calls for with the one markAs*
 * call that gets there (jumps allowed, never backwards, never twice), and once shipped send a changed
 * tracking again (OrderTrackingUpdates). Exactly once, in effect: the
 * create is recorded before the call (timeline) and after it (ANYMARKET's id and status); a repeated
 * create (a lost answer, a crash before the commit, another replica) is refused by ANYMARKET as "Já
 * existe um pedido com id" and the existing order is adopted. One run per order at a time is the
 * WorkQueue's job (OrderWork's key).
 */
@Injectable()
export class OrderSyncService {
  private readonly logger = new Logger('Orders');

  constructor(
    private readonly store: OrderStore,
    private readonly accounts: AccountsService,
    private readonly anymarket: AnymarketMarketplaceApi,
    private readonly posts: OrderPostBuilder,
    private readonly tracking: OrderTrackingUpdates,
    @Inject(APP_CONFIG) private readonly config: OrdersConfig,
  ) {}

  async process(id: number): Promise<OrderRunOutcome> {
    // A fresh read on purpose, the one of this run: the job names only the order, and the run holds
    // the WorkQueue's key for it, so the row read now is what this run works from (a copy from when
    // the job was queued may be old: another invoice version, refunds, a previous attempt's outcome).
    const order = await this.store.get(id);
    if (!order || order.state !== 'pending' || order.accountId === null) return { kind: 'done' };
    const now = new Date();
    // A job that came before the retry's time (a duplicate, recovery): the order runs at its time.
    if (order.nextAttemptAt !== null && order.nextAttemptAt > now) return { kind: 'retry', at: order.nextAttemptAt, order };
    const account = await this.accounts.findActiveAccountById(order.accountId);
    if (!account) return this.stop(order, `ANYMARKET account ${order.accountId} is not active here any more; re-push once it is`);
    const api = anymarketContextOf(account);
    if (!api) return this.stop(order, `ANYMARKET account ${account.idAccount} has no ANYMARKET token (saveAccount sent none)`);
    const invoice = invoiceOf(order);
    try {
      let known = order.anymarketStatus;
      if (known === null) {
        if (order.targetStatus === 'CANCELED') {
          await this.store.finish(order.id, { state: 'skipped', lastError: 'Cancelled in Marketplacer before it was imported into ANYMARKET' }, new Date());
          return { kind: 'done' };
        }
        known = await this.create(order, invoice, api, account);
      }
      if (isStepForward(known, order.targetStatus)) known = await this.moveForward(order, invoice, api, known, order.targetStatus);
      if (known === 'SHIPPED' || known === 'DELIVERED') await this.tracking.bringUp(order.id, invoice, api);
      await this.store.finish(order.id, { state: 'synced' }, new Date());
      return { kind: 'done' };
    } catch (error) {
      return this.failed(order, error);
    }
  }

  /** `POST /orders`; a duplicate means ANYMARKET has it already: adopted. Returns the status ANYMARKET has. */
  private async create(order: OrderEntity, invoice: MarketplacerInvoice, api: AnymarketAccountContext, account: ActiveAnymarketAccount): Promise<OrderStatus> {
    const built = await this.posts.build(invoice, account, order.targetStatus);
    await this.store.addEvent({
      orderId: order.id,
      source: 'anymarket',
      action: 'POST /orders',
      outcome: 'info',
      detail: `sending status ${built.post.status}, total ${built.post.total}`,
    });
    try {
      const created = await this.anymarket.createOrder(api, built.post);
      const status = created.status ?? built.post.status!;
      await this.store.markCreated(order.id, String(created.id), status, built.unlinkedSkus, new Date());
      await this.store.addEvent({
        orderId: order.id,
        source: 'anymarket',
        action: 'POST /orders',
        outcome: 'ok',
        detail: `ANYMARKET order ${created.id}, status ${status}${unlinkedNote(built.unlinkedSkus)}`,
      });
      return status;
    } catch (error) {
      if (!isDuplicateOrderError(error)) throw error;
      const existing = await this.readExisting(order, api);
      const status = existing?.status ?? built.post.status!;
      await this.store.markCreated(order.id, existing ? String(existing.id) : null, status, built.unlinkedSkus, new Date());
      await this.store.addEvent({
        orderId: order.id,
        source: 'anymarket',
        action: 'POST /orders',
        outcome: 'ok',
        detail: `already in ANYMARKET${existing ? ` as order ${existing.id}` : ''}: adopted, status ${status}`,
      });
      return status;
    }
  }

  /**
   * The one call from `known` to `target`; answers the status ANYMARKET has after it. ANYMARKET
   * refusing it (the seller moved the order on in ANYMARKET meanwhile) is settled by reading the order:
   * a status at or past the target is adopted, with ANYMARKET's tracking.
   */
  private async moveForward(
    order: OrderEntity,
    invoice: MarketplacerInvoice,
    api: AnymarketAccountContext,
    known: OrderStatus,
    target: OrderStatus,
  ): Promise<OrderStatus> {
    const call = transitionCall(invoice, target);
    try {
      await call.send(this.anymarket, api, order.marketPlaceId);
      const sent = call.name === 'markAsShipped' ? knownFromSent(call.body as ShippedTracking) : null;
      await this.store.markStatus(order.id, target, new Date(), sent);
      await this.store.addEvent({
        orderId: order.id,
        source: 'anymarket',
        action: call.name,
        outcome: 'ok',
        detail: `${known} → ${target}: ${JSON.stringify(call.body)}`,
      });
      return target;
    } catch (error) {
      if (!(error instanceof AnymarketError) || error.code !== 'ANYMARKET_REJECTED') throw error;
      const existing = await this.readExisting(order, api);
      if (existing?.status && !isStepForward(existing.status, target)) {
        await this.store.markStatus(order.id, existing.status, new Date(), knownFromAnymarket(knownTrackingOf(order), existing.tracking));
        await this.store.addEvent({
          orderId: order.id,
          source: 'anymarket',
          action: call.name,
          outcome: 'ok',
          detail: `refused (${error.message}); ANYMARKET has ${existing.status} already: adopted`,
        });
        return existing.status;
      }
      await this.store.addEvent({ orderId: order.id, source: 'anymarket', action: call.name, outcome: 'failed', detail: error.message });
      throw error;
    }
  }

  /** The order as ANYMARKET has it, by `marketPlaceId`; null when it cannot be read. */
  private async readExisting(order: OrderEntity, api: AnymarketAccountContext): Promise<Order | null> {
    try {
      return await this.anymarket.getOrder(api, order.marketPlaceId);
    } catch (error) {
      this.logger.warn({ msg: 'could not read an existing order back from ANYMARKET', orderId: order.id, reason: messageOf(error) });
      return null;
    }
  }

  private async failed(order: OrderEntity, error: unknown): Promise<OrderRunOutcome> {
    const reason = messageOf(error);
    const attempts = order.attempts + 1;
    if (isPermanentFailure(error) || attempts >= this.config.orderMaxAttempts) {
      this.logger.warn({ msg: 'order not synced', orderId: order.id, invoiceId: order.invoiceId, attempts, reason });
      await this.store.addEvent({ orderId: order.id, source: 'anymarket', action: 'error', outcome: 'failed', detail: reason });
      await this.store.finish(order.id, { state: 'error', lastError: reason, attempts }, new Date());
      return { kind: 'done' };
    }
    const at = retryAt(attempts, { baseMs: this.config.orderRetryBaseMs });
    await this.store.finish(order.id, { state: 'pending', lastError: reason, attempts, nextAttemptAt: at }, new Date());
    return { kind: 'retry', at, order };
  }

  private async stop(order: OrderEntity, reason: string): Promise<OrderRunOutcome> {
    await this.store.addEvent({ orderId: order.id, source: 'anymarket', action: 'error', outcome: 'failed', detail: reason });
    await this.store.finish(order.id, { state: 'error', lastError: reason }, new Date());
    return { kind: 'done' };
  }
}

function unlinkedNote(skus: string[]): string {
  return skus.length ? `; lines without an ANYMARKET listing here, sent with Marketplacer's SKU: ${skus.join(', ')}` : '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
