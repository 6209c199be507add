import { Injectable } from '@nestjs/common';
import {
  CANCELED_STATUS_DTO,
  LIST_ORDERS_QUERY,
  MARK_AS_CANCELED,
  MARK_AS_DELIVERED,
  MARK_AS_SHIPPED,
  ORDER_POST,
  ORDER_POST_QUERY,
  ORDER_STATUS_UPDATE,
  orderMoneyViolations,
  queryViolations,
  schemaViolations,
  type ObjectSchema,
  type Order,
  type OrderDelivery,
  type OrderPage,
  type OrderPost,
  type OrderShipment,
  type OrderStatus,
  type OrderStatusDate,
  type OrderTransmissionStatusUpdate,
  type SchemaViolation,
} from '#anymarket';
import { AnymarketSimulatorState, type StoredOrder } from './anymarket-simulator.state.js';
import { canMove, CREATABLE_STATUSES } from './order-transitions.js';
import { SimulatedAnymarketError } from './simulated-anymarket-error.js';

const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

/**
 * ANYMARKET's order endpoints of the marketplace API, per seller token, keyed by `marketPlaceId`. Every
 * body and query is checked against marketplace_pt.yaml first (and an OrderPost against ANYMARKET's money
 * rules): a violation is answered 400 `{code, message}` and recorded for `GET /_control/anymarket/violations`.
 */
@Injectable()
export class SimulatedOrders {
  constructor(private readonly state: AnymarketSimulatorState) {}

  create(seller: string, post: OrderPost, query: Record<string, unknown> = {}): Order {
    const refuse = (violations: SchemaViolation[]) => this.refuse('POST /orders', marketPlaceIdOf(post), 'Erro ao criar o pedido.', violations);
    refuse([...queryViolations(ORDER_POST_QUERY, query), ...schemaViolations(ORDER_POST, post ?? {})]);
    refuse(orderMoneyViolations(post));
    const orders = this.state.ordersOf(seller);
    if (orders.has(post.marketPlaceId)) {
      throw SimulatedAnymarketError.badRequest(`Erro ao criar o pedido. Já existe um pedido com id [${post.marketPlaceId}].`);
    }
    const status = post.status ?? 'PENDING';
    if (!CREATABLE_STATUSES.includes(status)) {
      throw SimulatedAnymarketError.badRequest(`Erro ao criar o recurso. Somente é possivel criar recurso com status ${CREATABLE_STATUSES.join(' ou ')}.`);
    }
    const now = new Date().toISOString();
    const order: Order = {
      ...post,
      id: this.state.takeOrderId(),
      status,
      createdAt: post.createdAt ?? now,
      transmissionStatus: 'OK',
      deliveryStatus: 'UNKNOWN',
      ...(status === 'PAID' ? { paymentDate: post.createdAt ?? now } : {}),
    };
    orders.set(post.marketPlaceId, { order, sellerToken: seller });
    return order;
  }

  /** `GET /orders/{id}`: the spec is ambiguous between marketPlaceId and ANYMARKET's id; both are accepted. */
  get(seller: string, id: string): Order {
    const orders = this.state.ordersOf(seller);
    const stored = orders.get(id) ?? [...orders.values()].find(({ order }) => String(order.id) === id);
    if (!stored) throw SimulatedAnymarketError.notFound(id);
    return stored.order;
  }

  /** Query values arrive as strings, checked against the yaml's parameters. */
  list(seller: string, query: Record<string, unknown>): OrderPage {
    this.refuse('GET /orders', undefined, 'Requisição inválida.', queryViolations(LIST_ORDERS_QUERY, query));
    // INFERRED: offset counts orders to skip (the yaml's minimum of 1 for it is odd; it is checked, not explained).
    const limit = Math.min(MAX_PAGE_SIZE, query.limit === undefined ? DEFAULT_PAGE_SIZE : Number(query.limit));
    const offset = query.offset === undefined ? 0 : Number(query.offset);
    const status = query.status as OrderStatus | undefined;
    const createdAfter = query.createdAfter ? Date.parse(String(query.createdAfter)) : undefined;
    const matching = [...this.state.ordersOf(seller).values()]
      .map(({ order }) => order)
      .filter((order) => status === undefined || order.status === status)
      .filter((order) => createdAfter === undefined || Date.parse(order.createdAt ?? '') > createdAfter)
      .sort((a, b) => a.id - b.id);
    const content = matching.slice(offset, offset + limit);
    const links = [
      ...(offset > 0 ? [{ rel: 'prev', href: offset > limit ? `/orders?limit=${limit}&offset=${offset - limit}` : `/orders?limit=${limit}` }] : []),
      ...(offset + limit < matching.length ? [{ rel: 'next', href: `/orders?limit=${limit}&offset=${offset + limit}` }] : []),
    ];
    return {
      links,
      content,
      // Page numbers count from 0 as in ANYMARKET's API v2 (inferred; the schema does not say).
      page: { size: limit, totalElements: matching.length, totalPages: Math.ceil(matching.length / limit), number: Math.floor(offset / limit) },
    };
  }

  markAsPaid(seller: string, marketPlaceId: string, body: OrderStatusDate | undefined): Order {
    this.checkBody('markAsPaid', marketPlaceId, CANCELED_STATUS_DTO, body);
    return this.move(seller, marketPlaceId, 'PAID', (order) => ({ ...order, paymentDate: body?.date ?? new Date().toISOString() }));
  }

  markAsCanceled(seller: string, marketPlaceId: string, body: OrderStatusDate | undefined): Order {
    const { date } = this.checkBody('markAsCanceled', marketPlaceId, MARK_AS_CANCELED, body) as Required<OrderStatusDate>;
    return this.move(seller, marketPlaceId, 'CANCELED', (order) => ({ ...order, cancelDate: date }));
  }

  markAsInvoiced(seller: string, marketPlaceId: string, body: OrderStatusDate | undefined): Order {
    this.checkBody('markAsInvoiced', marketPlaceId, CANCELED_STATUS_DTO, body);
    const date = body?.date ?? new Date().toISOString();
    return this.move(seller, marketPlaceId, 'INVOICED', (order) => ({ ...order, invoice: { ...order.invoice, date } }));
  }

  markAsShipped(seller: string, marketPlaceId: string, body: OrderShipment | undefined): Order {
    const { url, number, carrier, estimateDate, shippedDate } = this.checkBody('markAsShipped', marketPlaceId, MARK_AS_SHIPPED, body) as OrderShipment;
    const tracked = (order: Order): Order => ({
      ...order,
      tracking: { ...order.tracking, ...defined({ url, number, carrier, estimateDate }), shippedDate },
      deliveryStatus: 'IN_TRANSIT',
    });
    const stored = this.stored(seller, marketPlaceId);
    if (stored.order.status === 'SHIPPED' && this.state.orderRules.repeatShippedUpdatesTracking) {
      stored.order = tracked(stored.order);
      return stored.order;
    }
    return this.move(seller, marketPlaceId, 'SHIPPED', tracked);
  }

  markAsDelivered(seller: string, marketPlaceId: string, body: OrderDelivery | undefined): Order {
    const { deliveredDate } = this.checkBody('markAsDelivered', marketPlaceId, MARK_AS_DELIVERED, body) as OrderDelivery;
    return this.move(seller, marketPlaceId, 'DELIVERED', (order) => ({
      ...order,
      tracking: { ...order.tracking, deliveredDate },
      deliveryStatus: 'DELIVERED',
    }));
  }

  updateTransmissionStatus(seller: string, marketPlaceId: string, body: OrderTransmissionStatusUpdate | undefined): Order {
    const update = this.checkBody('transmissionStatus', marketPlaceId, ORDER_STATUS_UPDATE, body) as OrderTransmissionStatusUpdate;
    const stored = this.stored(seller, marketPlaceId);
    stored.order = { ...stored.order, transmissionStatus: update.success ? 'OK' : 'ERROR', marketPlaceStatus: update.marketPlaceStatus };
    stored.transmissionErrorMessage = update.success ? undefined : update.errorMessage;
    return stored.order;
  }

  /**
   * The seller changes an order in ANYMARKET (screen or ERP): status, invoice (NF-e data), tracking.
   * No marketplace rules apply here; this is ANYMARKET's own side, which then notifies the marketplace
   * with the `updateOrderStatusInMarketPlace` remote. Answers the order and the status it had.
   */
  sellerChange(marketPlaceId: string, change: SellerOrderChange): { order: Order; oldStatus: OrderStatus } {
    const stored = [...this.state.orders.values()].map((orders) => orders.get(marketPlaceId)).find((found) => found !== undefined);
    if (!stored) throw SimulatedAnymarketError.notFound(marketPlaceId);
    const oldStatus = stored.order.status ?? 'PENDING';
    stored.order = {
      ...stored.order,
      status: change.status,
      ...(change.invoice ? { invoice: { ...stored.order.invoice, ...change.invoice } } : {}),
      ...(change.tracking ? { tracking: { ...stored.order.tracking, ...change.tracking } } : {}),
      ...(change.cancellationCode ? { cancellationCode: change.cancellationCode } : {}),
      ...(change.status === 'CANCELED' ? { cancelDate: stored.order.cancelDate ?? new Date().toISOString() } : {}),
      transmissionStatus: 'WAITING',
    };
    stored.transmissionErrorMessage = undefined;
    return { order: stored.order, oldStatus };
  }

  /** The body of `PUT /orders/{marketPlaceId}/<action>` once it passed its schema (an absent body counts as `{}`). */
  private checkBody(action: string, marketPlaceId: string, schema: ObjectSchema, body: unknown): object {
    const checked = body ?? {};
    const violations = schemaViolations(schema, checked);
    this.refuse(`PUT /orders/{marketPlaceId}/${action}`, marketPlaceId, `Erro ao atualizar o pedido [${marketPlaceId}].`, violations);
    return checked as object;
  }

  /** Records each violation and answers 400 with all of them, when there are any. */
  private refuse(operation: string, marketPlaceId: string | undefined, prefix: string, violations: SchemaViolation[]): void {
    if (violations.length === 0) return;
    const at = new Date().toISOString();
    for (const { field, message } of violations)
      this.state.recordViolation({ at, operation, ...(marketPlaceId === undefined ? {} : { marketPlaceId }), field, message });
    throw SimulatedAnymarketError.badRequest(`${prefix} ${violations.map(({ message }) => message).join(' ')}`);
  }

  private move(seller: string, marketPlaceId: string, to: OrderStatus, apply: (order: Order) => Order): Order {
    const stored = this.stored(seller, marketPlaceId);
    const from = stored.order.status ?? 'PENDING';
    if (!canMove(from, to)) {
      throw new SimulatedAnymarketError(422, `Não é possível alterar o status do pedido [${marketPlaceId}] de ${from} para ${to}.`);
    }
    stored.order = { ...apply(stored.order), status: to };
    return stored.order;
  }

  private stored(seller: string, marketPlaceId: string): StoredOrder {
    const stored = this.state.ordersOf(seller).get(marketPlaceId);
    if (!stored) throw SimulatedAnymarketError.notFound(marketPlaceId);
    return stored;
  }
}

function marketPlaceIdOf(post: unknown): string | undefined {
  const id = (post as { marketPlaceId?: unknown } | null | undefined)?.marketPlaceId;
  return typeof id === 'string' ? id : undefined;
}

function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** What a seller may change on an order in ANYMARKET. */
export interface SellerOrderChange {
  status: OrderStatus;
  invoice?: Order['invoice'];
  tracking?: Order['tracking'];
  cancellationCode?: Order['cancellationCode'];
}
