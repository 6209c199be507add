import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '#common';
import { MarketplacerOrders, type MarketplacerInvoice, type PageOf } from '#marketplacer';
import { AccountsService } from '../accounts/index.js';
import { MarketplaceFeedJob, type FeedQuery, type FeedShare, type FeedShareResult, SyncJobRegistry, type SyncConfig } from '../sync/index.js';
import { InvoiceIntake } from './invoice-intake.js';
import { routeInvoice } from './invoice-routing.js';
import { OrderStore } from './order.store.js';
import type { OrdersConfig } from './orders.config.js';
import { importStartOf } from './order-import-date.js';

const DAY_MS = 86_400_000;

/**
 * Accounts' shares of one invoices page recorded at the same time. Recording is database work only
 * (the ANYMARKET calls are the order jobs'), so every seller's share runs at once and their orders
 * reach the queue interleaved: a burst of one seller's invoices then does not fill the order workers
 * with jobs that all wait on that one seller's 10 requests/s while the other sellers' tokens sit idle.
 */
const INVOICE_SHARE_LANES = 64;

/** One account's invoices of a page, and which of them already have an order here. */
interface InvoicesWork {
  known: Set<string>;
  importSince: number | null;
}

/**
 * The invoices poll: Marketplacer's `invoices(filters: {updatedSince})`, read once for the whole
 * marketplace (the feed has no seller filter) and fanned out to the account of each invoice's seller
 * (`routeInvoice`: the only active account, else the default one; ambiguous ones are recorded as
 * unrouted for admins). Each invoice is recorded on its order and the order's work queued; the
 * watermark moves on only after that (the feed engine's page commit). An invoice created before the
 * account's initialDateForOrderImport is not imported (unless it already has an order). Re-reading
 * an unchanged invoice records nothing and queues nothing: a quiet poll costs no ANYMARKET call.
 */
@Injectable()
export class InvoicesFeedJob extends MarketplaceFeedJob<MarketplacerInvoice, InvoicesWork> implements OnModuleInit {
  readonly name = 'invoices';
  readonly contractFeature = 'orders.feed';
  readonly webhookTypes = ['Invoice', 'Shipment'] as const;
  readonly intervalMs: number;
  protected readonly shareConcurrency: number;

  constructor(
    private readonly registry: SyncJobRegistry,
    private readonly accounts: AccountsService,
    private readonly marketplacer: MarketplacerOrders,
    private readonly store: OrderStore,
    private readonly intake: InvoiceIntake,
    @Inject(APP_CONFIG) private readonly config: OrdersConfig & SyncConfig,
  ) {
    super();
    this.intervalMs = config.syncInvoicesIntervalMs;
    this.shareConcurrency = Math.max(config.syncConcurrency, INVOICE_SHARE_LANES);
  }

  onModuleInit(): void {
    this.registry.register(this);
  }

  protected async hasSubscribers(): Promise<boolean> {
    return (await this.accounts.listActiveAccountIds()).length > 0;
  }

  /**
   * The earliest initialDateForOrderImport of the active accounts (or the earliest activation), but
   * no more than ORDER_FIRST_SCAN_DAYS ago: older orders are what /forceImportOrders is for.
   */
  protected async firstScanStart(): Promise<string> {
    const starts: number[] = [];
    for (const id of await this.accounts.listActiveAccountIds()) {
      const account = await this.accounts.findActiveAccountById(id);
      const start = account ? importStartOf(account.settings.initialOrderImportDate) : null;
      if (start !== null) starts.push(start);
    }
    const floor = Date.now() - this.config.orderFirstScanDays * DAY_MS;
    const earliest = starts.length ? Math.min(...starts) : Date.now() - DAY_MS;
    return new Date(Math.max(floor, earliest)).toISOString();
  }

  protected readPage(_marketplace: string, query: FeedQuery): Promise<PageOf<MarketplacerInvoice>> {
    return this.marketplacer.listInvoicesUpdatedSince(query);
  }

  protected updatedAtOf(invoice: MarketplacerInvoice): string {
    return invoice.updatedAt;
  }

  protected async fanOut(invoices: MarketplacerInvoice[]): Promise<Array<FeedShare<MarketplacerInvoice, InvoicesWork>>> {
    const sellerIds = invoices.map((invoice) => invoice.seller?.id).filter((id): id is string => Boolean(id));
    const accountsBySeller = await this.accounts.listActiveAccountsOfSellers(sellerIds);
    if (accountsBySeller.size === 0) return [];
    const known = new Set((await this.store.findByInvoiceIds(invoices.map((invoice) => invoice.id))).map((order) => order.invoiceId));
    const shares = new Map<number, FeedShare<MarketplacerInvoice, InvoicesWork>>();
    for (const invoice of invoices) {
      const route = routeInvoice(invoice.seller ? accountsBySeller.get(invoice.seller.id) : undefined);
      if (route.kind === 'none') continue;
      if (route.kind === 'ambiguous') {
        // Never guessed: recorded without an account, for admins (a re-push routes it once resolved).
        await this.intake.take(invoice, { unrouted: route.reason });
        continue;
      }
      const share = shares.get(route.account.id) ?? {
        accountId: route.account.id,
        items: [],
        work: { known, importSince: importStartOf(route.account.settings.initialOrderImportDate) },
      };
      share.items.push(invoice);
      shares.set(route.account.id, share);
    }
    return [...shares.values()];
  }

  protected handleShare({ accountId, items, work }: FeedShare<MarketplacerInvoice, InvoicesWork>): Promise<FeedShareResult> {
    // Before the account's import date: not imported (an order made earlier is still kept in step).
    const imported = items.filter((invoice) => work.known.has(invoice.id) || work.importSince === null || Date.parse(invoice.createdAt) >= work.importSince);
    return this.eachItem(imported, 'an invoice', async (invoice) => (await this.intake.take(invoice, { accountId })).changed);
  }
}
