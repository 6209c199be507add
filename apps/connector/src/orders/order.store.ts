import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, LessThan, type FindOptionsWhere, type Repository } from 'typeorm';
import type { OrderStatus } from '#anymarket';
import { insertOrLoseRace } from '#common';
import type { MarketplacerInvoice } from '#marketplacer';
import { boundedText } from './order-timeline.js';
import { OrderEventEntity, type OrderEventOutcome, type OrderEventSource } from './entities/order-event.entity.js';
import { OrderEntity, type OrderState } from './entities/order.entity.js';
import { maskEmail } from './order-post.mapper.js';
import { refundedInFull, type OrderRefund } from './order-refunds.js';
import { isStepForward, targetStatusOf } from './order-status.js';
import { trackingDecisionOf, type KnownTracking, type TrackingDecision, type TrackingNotDelivered } from './shipment-tracking.js';

/** Where a read invoice goes: an account, or nowhere yet (ambiguous, with the reason). */
export type InvoiceDestination = { accountId: number } | { unrouted: string };

/** What recording an invoice did. */
export interface RecordedInvoice {
  order: OrderEntity;
  /** The order has work now (a job must be queued). */
  needsWork: boolean;
  /** Something changed (a new order, a newer invoice version, a new destination). */
  changed: boolean;
  /** The invoice version kept before this one, when an existing order changed (null for a new order or no change). */
  previous: MarketplacerInvoice | null;
}

/** One entry for an order's timeline: who it is about, what was done, how it went, and the detail (bounded when kept). */
export interface NewOrderEvent {
  orderId: number;
  source: OrderEventSource;
  action: string;
  outcome: OrderEventOutcome;
  detail?: string | null;
  at?: Date;
}

/** An invoice's change time in one form (UTC, milliseconds), so versions compare as text. */
export const versionOf = (iso: string): string => new Date(Date.parse(iso)).toISOString();

/**
 * The orders table: the durable truth of order work, one row per Marketplacer invoice (unique), and
 * each order's timeline. A newer invoice version replaces an older one, never the reverse.
 */
@Injectable()
export class OrderStore {
  constructor(
    @InjectRepository(OrderEntity) private readonly orders: Repository<OrderEntity>,
    @InjectRepository(OrderEventEntity) private readonly events: Repository<OrderEventEntity>,
  ) {}

  /**
   * Orders per state, and of those still waiting (`pending`, `unrouted`) how many have been out of
   * step with ANYMARKET since before `waitingSince` (since their last sync, or their creation): one query.
   */
  async countsByState(waitingSince: Date): Promise<Array<{ state: OrderState; count: number; waitingTooLong: number }>> {
    const rows = await this.orders
      .createQueryBuilder('o')
      .select('o.state', 'state')
      .addSelect('COUNT(*)', 'count')
      .addSelect(`SUM(CASE WHEN o.state IN ('pending', 'unrouted') AND COALESCE(o.synced_at, o.created_at) < :since THEN 1 ELSE 0 END)`, 'waiting')
      .setParameter('since', waitingSince)
      .groupBy('o.state')
      .getRawMany<{ state: OrderState; count: string | number; waiting: string | number | null }>();
    return rows.map((row) => ({ state: row.state, count: Number(row.count), waitingTooLong: Number(row.waiting ?? 0) }));
  }

  /**
   * Records an invoice as read (from a feed, a force, an import): creates its order row, or updates it
   * when this version is at least as new as the one kept, and says whether there is work to do. The
   * status asked of ANYMARKET is what the invoice and the refunds kept on the order call for.
   */
  async recordInvoice(invoice: MarketplacerInvoice, destination: InvoiceDestination, now: Date): Promise<RecordedInvoice> {
    // Read here, just before the write it decides, and not taken from the invoices feed's read of the
    // page's orders (which only decides what is imported): by now the refunds feed or the order's run
    // may have moved the row on, and a stale copy would ask ANYMARKET for the wrong status.
    const existing = await this.orders.findOneBy({ invoiceId: invoice.id });
    if (!existing) {
      const created = await insertOrLoseRace(
        async (): Promise<RecordedInvoice | null> => {
          const order = await this.orders.save(this.orders.create(this.newOrder(invoice, destination, targetStatusOf(invoice), now)));
          return { order, needsWork: order.state === 'pending', changed: true, previous: null };
        },
        // The feed and a force recorded the same new invoice at once: the other insert won; update it.
        () => Promise.resolve(null),
      );
      if (created) return created;
    }
    const order = existing ?? (await this.orders.findOneByOrFail({ invoiceId: invoice.id }));
    const target = targetStatusOf(invoice, refundedInFull(invoice, refundsOf(order)));
    return this.updateFromInvoice(order, invoice, destination, target, now);
  }

  private async updateFromInvoice(
    order: OrderEntity,
    invoice: MarketplacerInvoice,
    destination: InvoiceDestination,
    target: OrderStatus,
    now: Date,
  ): Promise<RecordedInvoice> {
    const version = versionOf(invoice.updatedAt);
    const unchanged: RecordedInvoice = { order, needsWork: false, changed: false, previous: null };
    if (version < order.invoiceUpdatedAt) return unchanged;
    // An order keeps the account it went to (its ANYMARKET order is that account's); only an unrouted one gets one.
    const accountId = order.accountId ?? ('accountId' in destination ? destination.accountId : null);
    const rerouted = order.accountId === null && 'accountId' in destination;
    // Marketplacer stamps changes to the second: two versions in one second differ in their content only
    // (a partial shipment right after the payment), so the same stamp is the same version only with the same content.
    const kept = keptInvoiceJson(invoice);
    const sameVersion = version === order.invoiceUpdatedAt && order.targetStatus === target && !rerouted && kept === order.invoiceJson;
    if (sameVersion) return unchanged;
    const tracking = trackingDecisionOf(order.anymarketStatus, knownTrackingOf(order), trackingNotDeliveredOf(order), invoice);
    const state = this.stateFor(order, destination, target, rerouted, tracking);
    const update: Partial<OrderEntity> = {
      accountId,
      invoiceJson: kept,
      invoiceUpdatedAt: version,
      invoiceStatus: invoice.status,
      targetStatus: target,
      updatedAt: now,
      // An order ANYMARKET shipped before its tracking was kept: the tracking now is taken as ANYMARKET's.
      ...(tracking.kind === 'baseline' ? { anymarketTracking: JSON.stringify(tracking.known) } : {}),
      ...(state !== order.state || state === 'pending'
        ? { state, attempts: 0, nextAttemptAt: null, lastError: state === 'unrouted' ? unroutedReason(destination) : null }
        : {}),
    };
    // Only a version at least as new as the kept one is written (another writer may have moved on).
    const result = await this.orders
      .createQueryBuilder()
      .update()
      .set(update)
      .where('id = :id AND invoice_updated_at <= :version', { id: order.id, version })
      .execute();
    if (!result.affected) return unchanged;
    // The row as just written, without reading it back: what this update set, over the row it was
    // decided on. A column another writer moved meanwhile may be older here, but the callers use only
    // the id, the invoice and the account (which this update writes), and a writer that made the order
    // pending queues it itself.
    const saved = this.orders.create({ ...order, ...update });
    return { order: saved, needsWork: saved.state === 'pending', changed: true, previous: invoiceOf(order) };
  }

  private stateFor(order: OrderEntity, destination: InvoiceDestination, target: OrderStatus, rerouted: boolean, tracking: TrackingDecision): OrderState {
    if (order.accountId === null && !('accountId' in destination)) return 'unrouted';
    const exists = order.anymarketStatus !== null;
    if (!exists) return target === 'CANCELED' ? 'skipped' : 'pending';
    if (isStepForward(order.anymarketStatus!, target)) return 'pending';
    // The shipment's tracking changed since ANYMARKET got it: the run sends it again (or records why not).
    if (tracking.kind === 'send') return 'pending';
    // Nothing to send; an order in error stays so until something new is asked of it.
    return order.state === 'error' && !rerouted ? 'error' : 'synced';
  }

  private newOrder(invoice: MarketplacerInvoice, destination: InvoiceDestination, target: OrderStatus, now: Date): Partial<OrderEntity> {
    const routed = 'accountId' in destination;
    return {
      accountId: routed ? destination.accountId : null,
      invoiceId: invoice.id,
      marketPlaceId: String(invoice.legacyId),
      sellerId: invoice.seller?.id ?? '',
      anymarketOrderId: null,
      anymarketStatus: null,
      targetStatus: target,
      state: !routed ? 'unrouted' : target === 'CANCELED' ? 'skipped' : 'pending',
      invoiceStatus: invoice.status,
      invoiceUpdatedAt: versionOf(invoice.updatedAt),
      invoiceJson: keptInvoiceJson(invoice),
      refundsJson: null,
      unlinkedSkus: null,
      anymarketTracking: null,
      trackingNotDelivered: null,
      attempts: 0,
      nextAttemptAt: null,
      lastError: routed ? null : unroutedReason(destination),
      createdAt: now,
      updatedAt: now,
      syncedAt: null,
    };
  }

  /** Keeps the invoice's refund requests and the status they call for; true when there is work now. */
  async saveRefunds(order: OrderEntity, refunds: OrderRefund[], target: OrderStatus, now: Date): Promise<boolean> {
    const work = order.accountId !== null && order.anymarketStatus !== null && isStepForward(order.anymarketStatus, target);
    await this.orders.update(
      { id: order.id },
      {
        refundsJson: JSON.stringify(refunds),
        targetStatus: target,
        updatedAt: now,
        ...(work ? { state: 'pending', attempts: 0, nextAttemptAt: null, lastError: null } : {}),
      },
    );
    return work;
  }

  /**
   * Asks for the order's work again (force, re-push, import): pending unless it has no account. A
   * tracking update ANYMARKET did not take is tried again.
   */
  async requeue(id: number, now: Date): Promise<OrderEntity> {
    await this.orders
      .createQueryBuilder()
      .update()
      .set({ state: 'pending', attempts: 0, nextAttemptAt: null, lastError: null, trackingNotDelivered: null, updatedAt: now })
      .where('id = :id AND account_id IS NOT NULL', { id })
      .execute();
    return this.orders.findOneByOrFail({ id });
  }

  /** The order exists in ANYMARKET with this status (made now, or found there). */
  async markCreated(id: number, anymarketOrderId: string | null, status: OrderStatus, unlinkedSkus: string[], now: Date): Promise<void> {
    await this.orders.update(
      { id },
      {
        ...(anymarketOrderId !== null ? { anymarketOrderId } : {}),
        anymarketStatus: status,
        unlinkedSkus: unlinkedSkus.length ? JSON.stringify(unlinkedSkus) : null,
        updatedAt: now,
      },
    );
  }

  /**
   * ANYMARKET has this status now (a transition we sent, or one it reached by itself), and, when given,
   * this tracking (what a markAsShipped sent, or ANYMARKET's own read back).
   */
  async markStatus(id: number, status: OrderStatus, now: Date, tracking?: KnownTracking | null): Promise<void> {
    await this.orders.update({ id }, { anymarketStatus: status, ...(tracking ? { anymarketTracking: JSON.stringify(tracking) } : {}), updatedAt: now });
  }

  /** ANYMARKET has this tracking now (a tracking update it took, or what it is taken to have): any refusal kept is over. */
  async keepTracking(id: number, tracking: KnownTracking, now: Date): Promise<void> {
    await this.orders.update({ id }, { anymarketTracking: JSON.stringify(tracking), trackingNotDelivered: null, updatedAt: now });
  }

  /** ANYMARKET did not take this tracking update (or it was not sent): kept for operators, and not sent again while unchanged. */
  async keepTrackingNotDelivered(id: number, notDelivered: TrackingNotDelivered, now: Date): Promise<void> {
    await this.orders.update({ id }, { trackingNotDelivered: JSON.stringify(notDelivered), updatedAt: now });
  }

  /** Ends a run: synced, in error, skipped, or pending with a retry time. */
  async finish(
    id: number,
    outcome: { state: OrderState; lastError?: string | null; attempts?: number; nextAttemptAt?: Date | null },
    now: Date,
  ): Promise<void> {
    await this.orders.update(
      { id },
      {
        state: outcome.state,
        lastError: outcome.lastError ?? null,
        ...(outcome.attempts !== undefined ? { attempts: outcome.attempts } : {}),
        nextAttemptAt: outcome.nextAttemptAt ?? null,
        ...(outcome.state === 'synced' ? { syncedAt: now, attempts: 0 } : {}),
        updatedAt: now,
      },
    );
  }

  get(id: number): Promise<OrderEntity | null> {
    return this.orders.findOneBy({ id });
  }

  findByInvoiceIds(invoiceIds: string[]): Promise<OrderEntity[]> {
    return invoiceIds.length ? this.orders.findBy({ invoiceId: In([...new Set(invoiceIds)]) }) : Promise.resolve([]);
  }

  /** The account's order with this `marketPlaceId` (the invoice's legacy id). */
  findByMarketPlaceId(accountId: number, marketPlaceId: string): Promise<OrderEntity | null> {
    return this.orders.findOneBy({ accountId, marketPlaceId });
  }

  /** The order with this marketPlaceId among these accounts' orders (the oldest if several). */
  async findByMarketPlaceIdIn(accountIds: number[], marketPlaceId: string): Promise<OrderEntity | null> {
    if (accountIds.length === 0) return null;
    const [order] = await this.orders.find({ where: { accountId: In(accountIds), marketPlaceId }, order: { id: 'ASC' }, take: 1 });
    return order ?? null;
  }

  /** The account's orders with these `marketPlaceId`s (one read per page of ANYMARKET's list). */
  findByMarketPlaceIds(accountId: number, marketPlaceIds: string[]): Promise<OrderEntity[]> {
    return marketPlaceIds.length ? this.orders.findBy({ accountId, marketPlaceId: In([...new Set(marketPlaceIds)]) }) : Promise.resolve([]);
  }

  /**
   * The account's paid orders with no ANYMARKET order id, recorded before `createdBefore` (the orders
   * reconciliation looks for them in ANYMARKET's list), oldest first, `limit` at most.
   */
  paidWithoutAnymarketId(accountId: number, paidStatuses: readonly OrderStatus[], createdBefore: Date, limit: number): Promise<OrderEntity[]> {
    return this.orders.find({
      where: {
        accountId,
        anymarketOrderId: IsNull(),
        targetStatus: In([...paidStatuses]),
        state: In(['synced', 'error', 'pending']),
        createdAt: LessThan(createdBefore),
      },
      order: { id: 'ASC' },
      take: limit,
    });
  }

  /** The first order ever recorded (where the refunds feed starts). */
  oldest(): Promise<OrderEntity[]> {
    return this.orders.find({ order: { id: 'ASC' }, take: 1 });
  }

  /** Orders with work left: recovery queues them again at start. */
  unfinished(): Promise<OrderEntity[]> {
    return this.orders.find({ where: { state: 'pending' }, order: { id: 'ASC' } });
  }

  /** Newest first, `limit` at most, before `beforeId` when paging. */
  list(filter: { accountId?: number; state?: OrderState; anymarketStatus?: OrderStatus }, page: { limit: number; beforeId?: number }): Promise<OrderEntity[]> {
    const where: FindOptionsWhere<OrderEntity> = {};
    if (filter.accountId !== undefined) where.accountId = filter.accountId;
    if (filter.state !== undefined) where.state = filter.state;
    if (filter.anymarketStatus !== undefined) where.anymarketStatus = filter.anymarketStatus;
    if (page.beforeId !== undefined) where.id = LessThan(page.beforeId);
    return this.orders.find({ where, order: { id: 'DESC' }, take: page.limit });
  }

  /** Appends to the order's timeline (now, unless `at` says when). */
  async addEvent({ orderId, source, action, outcome, detail = null, at = new Date() }: NewOrderEvent): Promise<void> {
    await this.events.insert({ orderId, source, action, outcome, detail: detail === null ? null : boundedText(detail), at });
  }

  /** The order's timeline, oldest first (the last `limit` entries). */
  async timeline(orderId: number, limit = 200): Promise<OrderEventEntity[]> {
    const newest = await this.events.find({ where: { orderId }, order: { id: 'DESC' }, take: limit });
    return newest.reverse();
  }
}

/**
 * The invoice as the order keeps it: the buyer's e-mail masked as ANYMARKET gets it, so the connector's
 * database and admin API never hold the address itself.
 */
function keptInvoiceJson(invoice: MarketplacerInvoice): string {
  const email = invoice.buyer.emailAddress;
  return JSON.stringify(email ? { ...invoice, buyer: { ...invoice.buyer, emailAddress: maskEmail(email) } } : invoice);
}

/** The refund requests kept on an order. */
export function refundsOf(order: Pick<OrderEntity, 'refundsJson'>): OrderRefund[] {
  return order.refundsJson ? (JSON.parse(order.refundsJson) as OrderRefund[]) : [];
}

/** The tracking ANYMARKET has for the order, as far as the connector knows. */
export function knownTrackingOf(order: Pick<OrderEntity, 'anymarketTracking'>): KnownTracking | null {
  return order.anymarketTracking ? (JSON.parse(order.anymarketTracking) as KnownTracking) : null;
}

/** The tracking update ANYMARKET did not take, if any. */
export function trackingNotDeliveredOf(order: Pick<OrderEntity, 'trackingNotDelivered'>): TrackingNotDelivered | null {
  return order.trackingNotDelivered ? (JSON.parse(order.trackingNotDelivered) as TrackingNotDelivered) : null;
}

/** The invoice kept on an order, as last read. */
export function invoiceOf(order: Pick<OrderEntity, 'invoiceJson'>): MarketplacerInvoice {
  return JSON.parse(order.invoiceJson) as MarketplacerInvoice;
}

function unroutedReason(destination: InvoiceDestination): string | null {
  return 'unrouted' in destination ? destination.unrouted : null;
}
