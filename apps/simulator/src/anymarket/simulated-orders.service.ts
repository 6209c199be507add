import { Injectable } from '@nestjs/common';
import {
  ORDER_STATUSES,
  type Order,
  type OrderDelivery,
  type OrderPage,
  type OrderPost,
  type OrderShipment,
  type OrderStatus,
  type OrderStatusDate,
  type OrderTransmissionStatusUpdate,
} from '#anymarket';
import { AnymarketSimulatorState, type StoredOrder } from './anymarket-simulator.state.js';
import { canMove, CREATABLE_STATUSES } from './order-transitions.js';
import { SimulatedAnymarketError } from './simulated-anymarket-error.js';

const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

/** ANYMARKET's order endpoints of the marketplace API, per seller token, keyed by `marketPlaceId`. */
@Injectable()
export class SimulatedOrders {
  constructor(private readonly state: AnymarketSimulatorState) {}

  create(seller: string, post: OrderPost): Order {
    if (typeof post?.marketPlaceId !== 'string' || post.marketPlaceId.trim() === '') {
      throw SimulatedAnymarketError.badRequest('Erro ao criar o pedido. O campo marketPlaceId é obrigatório.');
    }
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

  /** Query values arrive as strings; bad numbers fall back to the defaults. */
  list(seller: string, query: Record<string, unknown>): OrderPage {
    const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, positive(query.limit) ?? DEFAULT_PAGE_SIZE));
    const offset = positive(query.offset) ?? 0;
    const status = query.status as OrderStatus | undefined;
    if (status !== undefined && !ORDER_STATUSES.includes(status)) {
      throw SimulatedAnymarketError.badRequest(`Status inválido: ${String(query.status)}.`);
    }
    const createdAfter = query.createdAfter ? Date.parse(String(query.createdAfter)) : undefined;
    const matching = [...this.state.ordersOf(seller).values()]
      .map(({ order }) => order)
      .filter((order) => status === undefined || order.status === status)
      .filter((order) => createdAfter === undefined || Date.parse(order.createdAt ?? '') > createdAfter)
      .sort((a, b) => a.id - b.id);
    const content = matching.slice(offset, offset + limit);
    const links = [
      ...(offset > 0 ? [{ rel: 'prev', href: `/orders?limit=${limit}&offset=${Math.max(0, offset - limit)}` }] : []),
      ...(offset + limit < matching.length ? [{ rel: 'next', href: `/orders?limit=${limit}&offset=${offset + limit}` }] : []),
    ];
    return {
      links,
      content,
      // Page numbers count from 0 as in ANYMARKET's API v2 (inferred; the schema does not say).
      page: { size: limit, totalElements: matching.length, totalPages: Math.ceil(matching.length / limit), number: Math.floor(offset / limit) },
    };
  }

  markAsPaid(seller: string, marketPlaceId: string, body: OrderStatusDate): Order {
    return this.move(seller, marketPlaceId, 'PAID', (order) => ({ ...order, paymentDate: body?.date ?? new Date().toISOString() }));
  }

  markAsCanceled(seller: string, marketPlaceId: string, body: OrderStatusDate): Order {
    const date = required(body?.date, 'date');
    return this.move(seller, marketPlaceId, 'CANCELED', (order) => ({ ...order, cancelDate: date }));
  }

  markAsInvoiced(seller: string, marketPlaceId: string, body: OrderStatusDate): Order {
    const date = body?.date ?? new Date().toISOString();
    return this.move(seller, marketPlaceId, 'INVOICED', (order) => ({ ...order, invoice: { ...order.invoice, date } }));
  }

  markAsShipped(seller: string, marketPlaceId: string, body: OrderShipment): Order {
    const shippedDate = required(body?.shippedDate, 'shippedDate');
    const { url, number, carrier, estimateDate } = body;
    return this.move(seller, marketPlaceId, 'SHIPPED', (order) => ({
      ...order,
      tracking: { ...order.tracking, ...defined({ url, number, carrier, estimateDate }), shippedDate },
      deliveryStatus: 'IN_TRANSIT',
    }));
  }

  markAsDelivered(seller: string, marketPlaceId: string, body: OrderDelivery): Order {
    const deliveredDate = required(body?.deliveredDate, 'deliveredDate');
    return this.move(seller, marketPlaceId, 'DELIVERED', (order) => ({
      ...order,
      tracking: { ...order.tracking, deliveredDate },
      deliveryStatus: 'DELIVERED',
    }));
  }

  updateTransmissionStatus(seller: string, marketPlaceId: string, body: OrderTransmissionStatusUpdate): Order {
    if (typeof body?.success !== 'boolean') throw SimulatedAnymarketError.badRequest('O campo success é obrigatório.');
    const marketPlaceStatus = required(body.marketPlaceStatus, 'marketPlaceStatus');
    const stored = this.stored(seller, marketPlaceId);
    stored.order = { ...stored.order, transmissionStatus: body.success ? 'OK' : 'ERROR', marketPlaceStatus };
    stored.transmissionErrorMessage = body.success ? undefined : body.errorMessage;
    return stored.order;
  }

  private move(seller: string, marketPlaceId: string, to: OrderStatus, apply: (order: Order) => Order): Order {
    const stored = this.stored(seller, marketPlaceId);
    const from = stored.order.status ?? 'PENDING';
    if (!canMove(from, to)) {
      throw new SimulatedAnymarketError(422, `Não é possível alterar o status do pedido [${marketPlaceId}] de ${from} para ${to}.`);
    }
    if (from === to) return stored.order;
    stored.order = { ...apply(stored.order), status: to };
    return stored.order;
  }

  private stored(seller: string, marketPlaceId: string): StoredOrder {
    const stored = this.state.ordersOf(seller).get(marketPlaceId);
    if (!stored) throw SimulatedAnymarketError.notFound(marketPlaceId);
    return stored;
  }
}

function required(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw SimulatedAnymarketError.badRequest(`O campo ${field} é obrigatório.`);
  return value;
}

function positive(value: unknown): number | undefined {
  const n = Number(value);
  return value === undefined || value === '' || !Number.isInteger(n) || n < 0 ? undefined : n;
}

function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
