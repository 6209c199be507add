import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { OrderEventEntity } from './entities/order-event.entity.js';
import { ORDER_STATES, OrderEntity, type OrderState } from './entities/order.entity.js';

export type OrderStateCounts = Record<OrderState, number>;

/** An order's timeline entry with the order it belongs to. */
export interface AccountOrderEvent {
  event: OrderEventEntity;
  order: Pick<OrderEntity, 'id' | 'accountId' | 'marketPlaceId' | 'state'>;
}

/** What the operators' console reads of orders, for many accounts at once: one query per question. */
@Injectable()
export class OrdersOverview {
  constructor(
    @InjectRepository(OrderEntity) private readonly orders: Repository<OrderEntity>,
    @InjectRepository(OrderEventEntity) private readonly events: Repository<OrderEventEntity>,
  ) {}

  /** Orders per state of each account (one grouped query); an account without orders is absent. */
  async countsByAccount(accountIds: number[]): Promise<Map<number, OrderStateCounts>> {
    const counts = new Map<number, OrderStateCounts>();
    if (accountIds.length === 0) return counts;
    const rows = await this.orders
      .createQueryBuilder('o')
      .select('o.accountId', 'accountId')
      .addSelect('o.state', 'state')
      .addSelect('COUNT(*)', 'count')
      .where('o.accountId IN (:...accountIds)', { accountIds })
      .groupBy('o.accountId')
      .addGroupBy('o.state')
      .getRawMany<{ accountId: number | string; state: OrderState; count: number | string }>();
    for (const row of rows) {
      const accountId = Number(row.accountId);
      const each = counts.get(accountId) ?? emptyCounts();
      each[row.state] = Number(row.count);
      counts.set(accountId, each);
    }
    return counts;
  }

  /** The accounts' latest orders, newest change first. */
  async recentOfAccounts(accountIds: number[], limit: number): Promise<OrderEntity[]> {
    if (accountIds.length === 0) return [];
    return this.orders.find({ where: { accountId: In(accountIds) }, order: { updatedAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /** The latest timeline entries of the accounts' orders, newest first (one query, joined to the orders). */
  async recentEventsOfAccounts(accountIds: number[], limit: number): Promise<AccountOrderEvent[]> {
    if (accountIds.length === 0) return [];
    const rows = await this.events
      .createQueryBuilder('e')
      .innerJoin(OrderEntity, 'o', 'o.id = e.orderId')
      .select(['e.id', 'e.orderId', 'e.at', 'e.source', 'e.action', 'e.outcome', 'e.detail'])
      .addSelect(['o.accountId', 'o.marketPlaceId', 'o.state'])
      .where('o.accountId IN (:...accountIds)', { accountIds })
      .orderBy('e.id', 'DESC')
      .limit(limit)
      .getRawAndEntities();
    return rows.entities.map((event, index) => {
      const raw = rows.raw[index] as { o_account_id: number | string | null; o_market_place_id: string; o_state: OrderState };
      return {
        event,
        order: {
          id: event.orderId,
          accountId: raw.o_account_id === null ? null : Number(raw.o_account_id),
          marketPlaceId: raw.o_market_place_id,
          state: raw.o_state,
        },
      };
    });
  }
}

function emptyCounts(): OrderStateCounts {
  return Object.fromEntries(ORDER_STATES.map((state) => [state, 0])) as OrderStateCounts;
}
