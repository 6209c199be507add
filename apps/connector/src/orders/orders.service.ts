import { Injectable, Logger } from '@nestjs/common';
import type { AnymarketIdentity, OrderStatus } from '#anymarket';
import { MarketplacerOrders, type MarketplacerInvoice } from '#marketplacer';
import { AccountsService, type ActiveAnymarketAccount, initialDateOf } from '../accounts/index.js';
import { buildApiOrder } from './api-order.mapper.js';
import type { ForceImportOrdersDto } from './dto/order-remotes.dto.js';
import type { OrderEntity } from './entities/order.entity.js';
import { InvoiceIntake } from './invoice-intake.js';
import { mayTakeSellersOrders } from './invoice-routing.js';
import { importStartOf } from './order-import-date.js';
import { OrderImports } from './order-imports.queue.js';
import { OrderPostBuilder } from './order-post.builder.js';
import { isStepForward, targetStatusOf } from './order-status.js';
import { invoiceOf, OrderStore } from './order.store.js';
import { ordersErrors } from './orders.errors.js';

/**
 * ANYMARKET's order remotes (14–16): force one order, import all, read one. Each checks that the
 * caller's organisation owns the account; the work itself runs in the background (OrderWork,
 * OrderImports), so ANYMARKET gets its `true` at once.
 */
@Injectable()
export class OrdersService {
  private readonly logger = new Logger('Orders');

  constructor(
    private readonly accounts: AccountsService,
    private readonly store: OrderStore,
    private readonly marketplacer: MarketplacerOrders,
    private readonly intake: InvoiceIntake,
    private readonly imports: OrderImports,
    private readonly posts: OrderPostBuilder,
  ) {}

  /** `/order/force/{id}`: the invoice read afresh and its order created if missing, else brought up to date. */
  async force(caller: AnymarketIdentity, idInMarketPlace: string, query: { idAccount?: string; oi: string }): Promise<true> {
    if (query.oi !== caller.oi) throw ordersErrors.oiMismatch();
    const account = await this.account(caller, query.idAccount);
    const invoice = await this.sellersInvoice(account, idInMarketPlace);
    const sellerId = account.seller.sellerId;
    if (!mayTakeSellersOrders((await this.accounts.listActiveAccountsOfSellers([sellerId])).get(sellerId), account))
      throw ordersErrors.orderNotFound(idInMarketPlace);
    const { order } = await this.intake.take(invoice, { accountId: account.id });
    // The seller's order went to another of its accounts (the default one): not this account's to force.
    if (order.accountId !== account.id) throw ordersErrors.orderNotFound(idInMarketPlace);
    await this.intake.again(order, 'remote');
    return true;
  }

  /** `/forceImportOrders`: every PENDING/PAID invoice of the seller since the date, imported in the background. */
  async forceImport(caller: AnymarketIdentity, idAccount: string, body: ForceImportOrdersDto): Promise<true> {
    const account = await this.account(caller, idAccount);
    const date = initialDateOf(body) ?? account.settings.initialOrderImportDate;
    const since = importStartOf(date);
    if (since === null) throw ordersErrors.importDateMissing();
    await this.imports.enqueue(account.id, new Date(since));
    return true;
  }

  /** `GET /order/{id}`: the order as the marketplace has it now (read afresh; the kept copy if Marketplacer fails). */
  async get(caller: AnymarketIdentity, idInMarketPlace: string, idAccount: string): Promise<Record<string, unknown>> {
    const account = await this.account(caller, idAccount);
    const order = await this.store.findByMarketPlaceId(account.id, idInMarketPlace.trim());
    const invoice = order ? await this.freshOr(order) : await this.sellersInvoice(account, idInMarketPlace);
    const target = order?.targetStatus ?? targetStatusOf(invoice);
    const { post } = await this.posts.build(invoice, account, target);
    return buildApiOrder(post, invoice, {
      anymarketOrderId: order?.anymarketOrderId ?? null,
      status: furthestOf(order?.anymarketStatus ?? null, target),
      transmissionOk: order?.state !== 'error',
    });
  }

  private async account(caller: AnymarketIdentity, idAccount: string | undefined): Promise<ActiveAnymarketAccount> {
    return this.accounts.callerAccount(caller.oi, idAccount);
  }

  /** The invoice `idInMarketPlace` names, if it is one of the account's seller's. */
  private async sellersInvoice(account: ActiveAnymarketAccount, idInMarketPlace: string): Promise<MarketplacerInvoice> {
    const invoice = await this.marketplacer.findInvoice(idInMarketPlace.trim());
    if (!invoice || invoice.seller?.id !== account.seller.sellerId) throw ordersErrors.orderNotFound(idInMarketPlace);
    return invoice;
  }

  private async freshOr(order: OrderEntity): Promise<MarketplacerInvoice> {
    try {
      return (await this.marketplacer.findInvoice(order.invoiceId)) ?? invoiceOf(order);
    } catch (error) {
      // ANYMARKET still gets the order as last read: better than no answer to its retry.
      this.logger.warn({
        msg: 'Marketplacer unavailable; GET /order answered from the kept invoice',
        orderId: order.id,
        reason: error instanceof Error ? error.message : String(error),
      });
      return invoiceOf(order);
    }
  }
}

/** The order's status as the marketplace sees it now: what the invoice calls for, unless ANYMARKET is already past it. */
function furthestOf(known: OrderStatus | null, target: OrderStatus): OrderStatus {
  return known === null || isStepForward(known, target) ? target : known;
}
