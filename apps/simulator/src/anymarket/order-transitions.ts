import type { OrderStatus } from '#anymarket';

/**
 * Which order statuses each markAs* may leave from: ANYMARKET's v2 transition table (ANYMARKET-NOTES §5)
 * in the marketplace API's words (PAID = PAID_WAITING_SHIP, SHIPPED = PAID_WAITING_DELIVERY,
 * DELIVERED = CONCLUDED). Jumps are allowed, as ANYMARKET allows them.
 */
export const ALLOWED_SOURCES: Record<OrderStatus, readonly OrderStatus[]> = {
  PENDING: [],
  PAID: ['PENDING'],
  INVOICED: ['PENDING', 'PAID'],
  SHIPPED: ['PENDING', 'PAID', 'INVOICED'],
  DELIVERED: ['PENDING', 'PAID', 'INVOICED', 'SHIPPED'],
  CANCELED: ['PENDING', 'PAID', 'INVOICED', 'SHIPPED', 'DELIVERED'],
};

/**
 * Whether `from → to` is allowed. Repeating the current status is accepted as a no-op (inferred:
 * the spec does not say; it keeps retried calls harmless).
 */
export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return from === to || ALLOWED_SOURCES[to].includes(from);
}

/** Statuses an order may be created with (inferred from "Somente é possivel criar recurso com status x ou y" and forceImportOrders importing PENDING/PAID orders). */
export const CREATABLE_STATUSES: readonly OrderStatus[] = ['PENDING', 'PAID'];
