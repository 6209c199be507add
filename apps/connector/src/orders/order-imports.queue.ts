import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import { MarketplacerOrders } from '#marketplacer';
import { AccountsService } from '../accounts/index.js';
import { WorkQueue } from '../work/index.js';
import { InvoiceIntake } from './invoice-intake.js';
import { mayTakeSellersOrders } from './invoice-routing.js';
import type { OrdersConfig } from './orders.config.js';

/** The queue of `/forceImportOrders` work: one job per request, one account at a time. */
export const ORDER_IMPORTS_QUEUE = 'order-imports';

/** Invoice statuses `/forceImportOrders` imports: ANYMARKET's "PENDENTES ou PAGOS". */
const IMPORTED_STATUSES = ['AWAITING_PAYMENT', 'PAYMENT_UNDER_REVIEW', 'PAID'];

interface ImportJob {
  accountId: number;
  /** ISO instant: invoices created from then on. */
  since: string;
}

/**
 * `/forceImportOrders` as background work: the marketplace's PENDING and PAID invoices created since
 * the import date (Marketplacer cannot filter invoices by seller: the search is marketplace-wide and
 * the seller's are kept), each through the InvoiceIntake like the feed's, so an import racing the
 * feed or another import makes one order per invoice.
 */
@Injectable()
export class OrderImports implements OnModuleInit {
  private readonly logger = new Logger('Orders');

  constructor(
    private readonly queue: WorkQueue,
    private readonly accounts: AccountsService,
    private readonly marketplacer: MarketplacerOrders,
    private readonly intake: InvoiceIntake,
    @Inject(APP_CONFIG) private readonly config: OrdersConfig,
  ) {}

  onModuleInit(): void {
    this.queue.define<ImportJob>({
      name: ORDER_IMPORTS_QUEUE,
      handler: (job) => this.run(job.data),
      concurrency: 1,
      retryLimit: 5,
      retryDelayMs: this.config.orderRetryBaseMs,
      expireInMs: 3_600_000,
    });
  }

  async enqueue(accountId: number, since: Date): Promise<void> {
    await this.queue.send<ImportJob>(ORDER_IMPORTS_QUEUE, { accountId, since: since.toISOString() }, { key: `account-${accountId}` });
  }

  private async run({ accountId, since }: ImportJob): Promise<void> {
    const account = await this.accounts.findActiveAccountById(accountId);
    if (!account) return;
    const sellerId = account.seller.sellerId;
    // The seller's orders go to its default account: another account asking imports nothing.
    if (!mayTakeSellersOrders((await this.accounts.listActiveAccountsOfSellers([sellerId])).get(sellerId), account)) {
      this.logger.warn({ msg: 'forceImportOrders from an account that is not the seller’s order account; nothing imported', accountId });
      return;
    }
    let after: string | undefined;
    let taken = 0;
    do {
      const page = await this.marketplacer.searchInvoices({ createdSince: since, statuses: IMPORTED_STATUSES, first: 500, after });
      for (const invoice of page.nodes) {
        if (invoice.seller?.id !== sellerId) continue;
        await this.intake.take(invoice, { accountId });
        taken += 1;
      }
      after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? undefined) : undefined;
    } while (after);
    this.logger.log({ msg: 'orders imported', accountId, since, invoices: taken });
  }
}
