import { Injectable } from '@nestjs/common';
import type { OrderStatus } from '#anymarket';
import type { MarketplacerInvoice } from '#marketplacer';
import type { ActiveAnymarketAccount } from '../accounts/index.js';
import { ListingSkus } from '../products/index.js';
import { buildOrderPost, type BuiltOrder } from './order-post.mapper.js';

/** The OrderPost of an invoice for an account, its items named by the account's listings (the push and `GET /order` alike). */
@Injectable()
export class OrderPostBuilder {
  constructor(private readonly skus: ListingSkus) {}

  async build(invoice: MarketplacerInvoice, account: ActiveAnymarketAccount, target: OrderStatus): Promise<BuiltOrder> {
    const variantIds = invoice.lineItems.map((line) => line.variantId).filter((id): id is string => id !== null);
    const skuOfVariant = await this.skus.ofVariants(account.id, variantIds);
    return buildOrderPost(invoice, { idAccount: account.idAccount, accountName: account.settings.accountName }, skuOfVariant, target);
  }
}
