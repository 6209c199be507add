import { Inject, Injectable, Logger } from '@nestjs/common';
import { AnymarketBudgetShares, AnymarketMarketplaceApi, type AnymarketAccountContext, type AnymarketBackgroundBudget, type Order } from '#anymarket';
import { APP_CONFIG } from '#common';
import { anymarketContextOf, type ActiveAnymarketAccount } from '../../accounts/index.js';
import { reconciliationShareOf, type SyncConfig } from '../../sync/index.js';
import type { OrderEntity } from '../entities/order.entity.js';
import { InvoiceIntake } from '../invoice-intake.js';
import { importStartOf } from '../order-import-date.js';
import { invoiceOf, OrderStore } from '../order.store.js';
import type { OrdersConfig } from '../orders.config.js';
import { ordersErrors } from '../orders.errors.js';
import { compareOrder, needsPushAgain, PAID_STATUSES } from './order-comparison.js';
import type { ReconciliationOutcome } from './order-reconciliation.entity.js';
import { NO_RECONCILIATION_COUNTS, OrderReconciliationStore, type ReconciliationCounts, type SeenFinding } from './order-reconciliation.store.js';

/**
 * Orders per `GET /orders` request: the most ANYMARKET's paging allows (INFERRED: marketplace_pt.yaml
 * gives `limit` a minimum of 5 and no maximum; the API v2 paging convention, ANYMARKET-NOTES §2.3, says 100).
 */
export const RECONCILIATION_PAGE_SIZE = 100;
/** Pages of one account's list per run (100 000 orders): past it the run compares what it read and says `capped`. */
const MAX_PAGES = 1_000;
/** Paid orders without an ANYMARKET id looked at per run. */
const PUSH_CANDIDATES_PER_RUN = 200;
/** Findings kept per account and run: a list of thousands of unknown orders is counted, not all kept. */
const MAX_FINDINGS_KEPT = 1_000;
const DAY_MS = 86_400_000;

/** What one account's reconciliation did. */
export interface AccountReconciliation {
  accountId: number;
  outcome: ReconciliationOutcome;
  counts: ReconciliationCounts;
  /** ANYMARKET orders whose comparison failed on its own (logged; the next run compares them again). */
  failed: number;
}

/** One account's run under way: its counts and what it read. */
class AccountRun {
  readonly counts: ReconciliationCounts = { ...NO_RECONCILIATION_COUNTS };
  /** marketPlaceIds of the account's orders in ANYMARKET's list. */
  readonly listed = new Set<string>();
  failed = 0;
  kept = 0;

  constructor(
    readonly account: ActiveAnymarketAccount,
    readonly api: AnymarketAccountContext,
    readonly startedAt: Date,
    readonly createdAfter: Date,
  ) {}
}

/**
 * The orders reconciliation of one account (issue 26): ANYMARKET's `GET /orders` since the account's
 * import date, page by page within the reconciliation's share of the token's budget, against the
 * connector's orders of the account (matched by marketPlaceId, the invoice's legacy id):
 * - an order ANYMARKET has that the connector does not know is reported (a finding, one log line, a metric), never created or changed;
 * - a status behind what the invoice calls for is moved forward: the order's work is queued again from
 *   ANYMARKET's status, and the existing transitions send the one call that gets there;
 * - a status past it that the connector was not told is reported (finding, timeline), never moved back;
 * - a paid order ANYMARKET lacks (no ANYMARKET id here, not in the complete list, older than
 *   ORDERS_RECONCILIATION_PUSH_AFTER_MS) is pushed again the way an admin's re-push does.
 * It sends ANYMARKET nothing but the list reads itself: every change goes through the order's work.
 */
@Injectable()
export class OrderReconciler {
  private readonly logger = new Logger('OrdersReconciliation');
  private readonly budget: AnymarketBackgroundBudget;

  constructor(
    private readonly anymarket: AnymarketMarketplaceApi,
    shares: AnymarketBudgetShares,
    private readonly orders: OrderStore,
    private readonly intake: InvoiceIntake,
    private readonly store: OrderReconciliationStore,
    @Inject(APP_CONFIG) private readonly config: OrdersConfig & SyncConfig,
  ) {
    this.budget = shares.share(reconciliationShareOf(config));
  }

  async reconcile(account: ActiveAnymarketAccount, now = new Date()): Promise<AccountReconciliation> {
    const api = anymarketContextOf(account);
    if (!api) throw ordersErrors.reconciliationWithoutToken(account.id);
    const run = new AccountRun(account, api, now, this.createdAfterOf(account, now));
    await this.store.started(account.id, now);
    try {
      const complete = await this.compareList(run);
      // Only a complete list can say an order is not in ANYMARKET.
      if (complete) await this.pushMissing(run);
      const outcome: ReconciliationOutcome = complete ? 'complete' : 'capped';
      await this.store.finished(account.id, outcome, run.counts, null, new Date());
      if (complete) await this.store.dropUnseen(account.id, now);
      this.logger.log({ msg: 'orders reconciled with ANYMARKET', accountId: account.id, outcome, ...run.counts, failed: run.failed });
      return { accountId: account.id, outcome, counts: run.counts, failed: run.failed };
    } catch (error) {
      await this.store.finished(account.id, 'failed', run.counts, messageOf(error), new Date());
      throw error;
    }
  }

  /**
   * Where the list starts: the account's initialDateForOrderImport (the invoices feed imports nothing
   * created before it), else ORDER_FIRST_SCAN_DAYS back, as the first invoices scan.
   */
  private createdAfterOf(account: ActiveAnymarketAccount, now: Date): Date {
    const start = importStartOf(account.settings.initialOrderImportDate);
    return new Date(start ?? now.getTime() - this.config.orderFirstScanDays * DAY_MS);
  }

  /** Reads the list page by page and compares each page; true when it was read to its end. */
  private async compareList(run: AccountRun): Promise<boolean> {
    let offset = 0;
    for (let pages = 0; pages < MAX_PAGES; pages += 1) {
      await this.budget.acquire(run.api);
      const readAt = new Date();
      // INFERRED: `offset` counts the orders to skip ("a partir de qual recurso", API v2); the first page sends none (the yaml's minimum is 1).
      const page = await this.anymarket.listOrders(run.api, {
        limit: RECONCILIATION_PAGE_SIZE,
        createdAfter: run.createdAfter.toISOString(),
        ...(offset > 0 ? { offset } : {}),
      });
      const content = page.content ?? [];
      await this.comparePage(run, content, readAt);
      offset += content.length;
      const total = page.page?.totalElements;
      if (content.length < RECONCILIATION_PAGE_SIZE || (typeof total === 'number' && offset >= total)) return true;
    }
    return false;
  }

  private async comparePage(run: AccountRun, content: Order[], readAt: Date): Promise<void> {
    const ids = content.map((order) => order.marketPlaceId).filter((id): id is string => typeof id === 'string' && id.length > 0);
    const ours = new Map((await this.orders.findByMarketPlaceIds(run.account.id, ids)).map((order) => [order.marketPlaceId, order]));
    for (const theirs of content) {
      if (typeof theirs.marketPlaceId !== 'string' || theirs.marketPlaceId.length === 0) continue;
      try {
        await this.compareOne(run, theirs, ours.get(theirs.marketPlaceId) ?? null, readAt);
      } catch (error) {
        run.failed += 1;
        this.logger.error({
          msg: 'could not compare an ANYMARKET order; the next run compares it again',
          accountId: run.account.id,
          marketPlaceId: theirs.marketPlaceId,
          reason: messageOf(error),
        });
      }
    }
  }

  private async compareOne(run: AccountRun, theirs: Order, ours: OrderEntity | null, readAt: Date): Promise<void> {
    const comparison = compareOrder(theirs, ours, run.account.idAccount, readAt);
    if (comparison.kind === 'not-ours') return;
    run.counts.ordersCompared += 1;
    run.listed.add(theirs.marketPlaceId);
    const anymarketOrderId = theirs.id === undefined || theirs.id === null ? null : String(theirs.id);
    switch (comparison.kind) {
      case 'unknown': {
        run.counts.unknownCount += 1;
        const status = theirs.status ?? null;
        const isNew = await this.keep(run, {
          kind: 'unknown',
          marketPlaceId: theirs.marketPlaceId,
          anymarketOrderId,
          orderId: null,
          anymarketStatus: status,
          knownStatus: null,
          targetStatus: null,
          repair: null,
        });
        if (isNew) {
          this.logger.warn({
            msg: 'ANYMARKET has an order the connector does not know; reported, not changed',
            accountId: run.account.id,
            marketPlaceId: theirs.marketPlaceId,
            anymarketOrderId,
            status,
          });
        }
        return;
      }
      case 'behind': {
        const order = ours!;
        const status = comparison.anymarketStatus;
        run.counts.behindCount += 1;
        if (order.anymarketStatus !== status) await this.orders.markStatus(order.id, status, new Date());
        await this.orders.addEvent({
          orderId: order.id,
          source: 'reconciliation',
          action: 'GET /orders',
          outcome: 'info',
          detail: `ANYMARKET has ${status} (known here: ${order.anymarketStatus ?? 'none'}), behind the ${order.targetStatus} the invoice calls for: moved forward`,
        });
        await this.intake.again(order, 'reconciliation');
        run.counts.movedForward += 1;
        await this.keep(run, this.findingOf('behind', order, status, anymarketOrderId, 'moved-forward'));
        return;
      }
      case 'ahead': {
        const order = ours!;
        const status = comparison.anymarketStatus;
        run.counts.aheadCount += 1;
        if (await this.keep(run, this.findingOf('ahead', order, status, anymarketOrderId, null))) {
          await this.orders.addEvent({
            orderId: order.id,
            source: 'reconciliation',
            action: 'GET /orders',
            outcome: 'info',
            detail: `ANYMARKET has ${status}, past the ${order.targetStatus} the invoice calls for, and the connector was not told (known here: ${order.anymarketStatus ?? 'none'}): reported, never moved back`,
          });
        }
        return;
      }
      case 'adopt': {
        const order = ours!;
        const status = comparison.anymarketStatus;
        await this.orders.markStatus(order.id, status, new Date());
        await this.orders.addEvent({
          orderId: order.id,
          source: 'reconciliation',
          action: 'GET /orders',
          outcome: 'info',
          detail: `ANYMARKET has ${status}, what the invoice calls for (known here: ${order.anymarketStatus ?? 'none'}): adopted`,
        });
        // An order in error whose call took effect after all: its run finds nothing to send and ends synced.
        if (order.state === 'error') await this.intake.again(order, 'reconciliation');
        run.counts.statusAdopted += 1;
        return;
      }
      default:
        return;
    }
  }

  /** Paid orders ANYMARKET lacks: pushed again (the create carries marketPlaceId, so ANYMARKET refuses a second order). */
  private async pushMissing(run: AccountRun): Promise<void> {
    const { startedAt } = run;
    const pushAfterMs = this.config.ordersReconciliationPushAfterMs;
    const candidates = await this.orders.paidWithoutAnymarketId(
      run.account.id,
      PAID_STATUSES,
      new Date(startedAt.getTime() - pushAfterMs),
      PUSH_CANDIDATES_PER_RUN,
    );
    for (const order of candidates) {
      if (!needsPushAgain(order, run.listed, startedAt, pushAfterMs)) continue;
      // Created before the list's start: the list could not show it (it is the /forceImportOrders kind).
      if (Date.parse(invoiceOf(order).createdAt) < run.createdAfter.getTime()) continue;
      try {
        run.counts.missingCount += 1;
        await this.orders.addEvent({
          orderId: order.id,
          source: 'reconciliation',
          action: 'GET /orders',
          outcome: 'info',
          detail: `paid (${order.targetStatus}) but not in ANYMARKET's order list, and no ANYMARKET order id here: pushed again`,
        });
        await this.intake.again(order, 'reconciliation');
        run.counts.pushedAgain += 1;
        await this.keep(run, this.findingOf('missing', order, null, null, 'pushed-again'));
      } catch (error) {
        run.failed += 1;
        this.logger.error({
          msg: 'could not push a missing order again; the next run tries again',
          accountId: run.account.id,
          orderId: order.id,
          reason: messageOf(error),
        });
      }
    }
  }

  private findingOf(
    kind: SeenFinding['kind'],
    order: OrderEntity,
    status: SeenFinding['anymarketStatus'],
    anymarketOrderId: string | null,
    repair: SeenFinding['repair'],
  ): SeenFinding {
    return {
      kind,
      marketPlaceId: order.marketPlaceId,
      anymarketOrderId: anymarketOrderId ?? order.anymarketOrderId,
      orderId: order.id,
      anymarketStatus: status,
      knownStatus: order.anymarketStatus,
      targetStatus: order.targetStatus,
      repair,
    };
  }

  /** Keeps a finding unless the run kept its most already; true when it is new. */
  private async keep(run: AccountRun, finding: SeenFinding): Promise<boolean> {
    if (run.kept >= MAX_FINDINGS_KEPT) return false;
    run.kept += 1;
    return this.store.seen(run.account.id, finding, new Date());
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
