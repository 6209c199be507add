import type { OrderStatus } from '#anymarket';

/**
 * Which order statuses each markAs* may leave from: ANYMARKET's v2 transition table (ANYMARKET-NOTES §5)
 * in the marketplace API's words (PAID = PAID_WAITING_SHIP, SHIPPED = PAID_WAITING_DELIVERY,
 * DELIVERED = CONCLUDED). Jumps are allowed, as ANYMARKET allows them. The table lists no status as
 * reachable from itself, so a repeat (markAsShipped on a SHIPPED order included) is refused.
 */
export const ALLOWED_SOURCES: Record<OrderStatus, readonly OrderStatus[]> = {
  PENDING: [],
  PAID: ['PENDING'],
  INVOICED: ['PENDING', 'PAID'],
  SHIPPED: ['PENDING', 'PAID', 'INVOICED'],
  DELIVERED: ['PENDING', 'PAID', 'INVOICED', 'SHIPPED'],
  CANCELED: ['PENDING', 'PAID', 'INVOICED', 'SHIPPED', 'DELIVERED'],
};

/** What the simulated ANYMARKET does with a markAsShipped on an order that is SHIPPED already. */
export interface OrderRules {
  /**
   * false (the default, the v2 table): refused with 422. true: taken as a tracking update, the order
   * keeps the new tracking and stays SHIPPED (what the connector INFERS ANYMARKET may do; no source says).
   */
  repeatShippedUpdatesTracking: boolean;
}

export const STRICT_ORDER_RULES: Readonly<OrderRules> = Object.freeze({ repeatShippedUpdatesTracking: false });

/** Whether `from → to` is allowed by the v2 table: never to the same status. */
export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return ALLOWED_SOURCES[to].includes(from);
}

/** Statuses an order may be created with (inferred from "Somente é possivel criar recurso com status x ou y" and forceImportOrders importing PENDING/PAID orders). */
export const CREATABLE_STATUSES: readonly OrderStatus[] = ['PENDING', 'PAID'];
