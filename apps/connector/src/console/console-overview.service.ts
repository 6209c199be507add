import { Injectable } from '@nestjs/common';
import { accountInactiveReasonOf, type LinkStandingFilter, SellerLinksOverview, type LinkWithAccounts } from '../accounts/index.js';
import { type OrderStateCounts, OrdersOverview } from '../orders/index.js';
import { ListingsOverview } from '../products/index.js';
import { type SyncStateDto, SyncAdminService } from '../sync/index.js';
import { ContractCheckService, type ContractReport } from '../system/index.js';
import { type WebhookEventState, WebhooksAdminService } from '../webhooks/index.js';
import { type FailedJobDto, WorkAdminService } from '../work/index.js';
import { accountOfJob, type TokenStanding, tokenStandings } from './console-reads.js';

/** Sellers per overview page. */
export const OVERVIEW_PAGE_SIZE = 50;
/** How many failed jobs are read for the totals and the attribution to accounts (the admin API's largest page). */
export const FAILED_JOBS_READ = 500;

export interface AccountLine {
  id: number;
  name: string | null;
  idAccount: string;
  oi: string;
  /** Why the connector does not act for it; null while it does. */
  stoppedBecause: string | null;
  token: { status: TokenStanding; message: string | null } | null;
  orders: OrderStateCounts | null;
  listingsInError: number;
  failedJobs: number;
}

export interface SellerLine {
  linkId: number;
  sellerId: string;
  sellerLegacyId: number;
  businessName: string;
  /** `active`, `stopped` (the seller may not trade: `reason`), `revoked`, or `not activated` (no account yet). */
  standing: 'active' | 'stopped' | 'revoked' | 'not activated';
  reason: string | null;
  since: Date | null;
  accounts: AccountLine[];
}

export interface ConsoleHeader {
  contract: ContractReport | null;
  contractRunning: boolean;
  feeds: SyncStateDto[];
  failedJobs: FailedJobDto[];
  /** More failed jobs exist than were read. */
  failedJobsCapped: boolean;
  webhookEvents: Record<WebhookEventState, number>;
}

export interface OverviewPage {
  header: ConsoleHeader;
  show: LinkStandingFilter;
  page: number;
  pages: number;
  total: number;
  sellers: SellerLine[];
}

/**
 * The console's overview: the system's header (contract check, feeds, failed work and webhook events)
 * and one page of sellers with their accounts' standing and counts. One query per table for the whole
 * page (links, accounts, orders grouped, listings grouped), whatever the page size: no query per seller.
 */
@Injectable()
export class ConsoleOverviewService {
  constructor(
    private readonly links: SellerLinksOverview,
    private readonly orders: OrdersOverview,
    private readonly listings: ListingsOverview,
    private readonly sync: SyncAdminService,
    private readonly contract: ContractCheckService,
    private readonly webhooks: WebhooksAdminService,
    private readonly work: WorkAdminService,
  ) {}

  async header(): Promise<ConsoleHeader> {
    const [feeds, failedJobs, webhookEvents] = await Promise.all([
      this.sync.states({}),
      this.work.failed({ limit: FAILED_JOBS_READ }),
      this.webhooks.countsByState(),
    ]);
    return {
      contract: this.contract.lastReport(),
      contractRunning: this.contract.isRunning(),
      feeds,
      failedJobs,
      failedJobsCapped: failedJobs.length >= FAILED_JOBS_READ,
      webhookEvents,
    };
  }

  async page(show: LinkStandingFilter, page: number, size = OVERVIEW_PAGE_SIZE): Promise<OverviewPage> {
    const header = await this.header();
    const { total, items } = await this.links.page(show, (page - 1) * size, size);
    const sellers = await this.lines(items, header);
    return { header, show, page, pages: Math.max(1, Math.ceil(total / size)), total, sellers };
  }

  /** The sellers' lines: two grouped queries for all their accounts, the rest from what the header read. */
  async lines(items: LinkWithAccounts[], header: ConsoleHeader): Promise<SellerLine[]> {
    const accountIds = items.flatMap((item) => item.accounts.map((account) => account.id));
    const [orderCounts, listingErrors] = await Promise.all([this.orders.countsByAccount(accountIds), this.listings.errorCountsByAccount(accountIds)]);
    const tokens = tokenStandings(header.contract);
    const failedByAccount = new Map<number, number>();
    for (const job of header.failedJobs) {
      const accountId = accountOfJob(job);
      if (accountId !== null) failedByAccount.set(accountId, (failedByAccount.get(accountId) ?? 0) + 1);
    }
    return items.map(({ link, accounts }) => ({
      linkId: link.id,
      sellerId: link.sellerId,
      sellerLegacyId: link.sellerLegacyId,
      businessName: link.sellerBusinessName,
      ...standingOf(link.revokedAt, link.sellerInactiveReason, link.sellerInactiveSince, accounts.length),
      accounts: accounts.map((account) => ({
        id: account.id,
        name: account.accountName,
        idAccount: account.idAccount,
        oi: account.oi,
        stoppedBecause: accountInactiveReasonOf(account, link),
        token: tokens.get(account.id) ?? (account.tokenEncrypted === null ? { status: 'no-token', message: 'saved without a token' } : null),
        orders: orderCounts.get(account.id) ?? null,
        listingsInError: listingErrors.get(account.id) ?? 0,
        failedJobs: failedByAccount.get(account.id) ?? 0,
      })),
    }));
  }
}

function standingOf(
  revokedAt: Date | null,
  inactiveReason: string | null,
  inactiveSince: Date | null,
  accounts: number,
): Pick<SellerLine, 'standing' | 'reason' | 'since'> {
  if (revokedAt) return { standing: 'revoked', reason: 'the seller link was revoked', since: revokedAt };
  if (inactiveReason !== null) return { standing: 'stopped', reason: inactiveReason, since: inactiveSince };
  if (accounts === 0) return { standing: 'not activated', reason: 'no ANYMARKET account has activated the module yet', since: null };
  return { standing: 'active', reason: null, since: null };
}
