/**
 * Status vocabularies of ANYMARKET's marketplace API (marketplace_pt.yaml; ANYMARKET-NOTES §5).
 * Arrays for runtime checks, types derived from them.
 */

/** `status` of a transmission (publication) in ANYMARKET. */
export const PUBLICATION_STATUSES = ['UNPUBLISHED', 'ACTIVE', 'PAUSED', 'CLOSED', 'WITHOUT_STOCK', 'CORRUPTED'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

/** `transmissionStatus` of a transmission: OK clears ANYMARKET's "syncing" mark. */
export const TRANSMISSION_STATUSES = ['WAITING_SYNC', 'SENDING', 'PAUSING', 'CLOSING', 'ERROR', 'ACTIVATING', 'RETRY', 'SYNCING', 'OK'] as const;
export type TransmissionStatus = (typeof TRANSMISSION_STATUSES)[number];

/** Order status in the marketplace API (POST /orders, GET /orders?status=). */
export const ORDER_STATUSES = ['PENDING', 'PAID', 'INVOICED', 'SHIPPED', 'DELIVERED', 'CANCELED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** `transmissionStatus` of an order. */
export const ORDER_TRANSMISSION_STATUSES = ['OK', 'ERROR', 'WAITING'] as const;
export type OrderTransmissionStatus = (typeof ORDER_TRANSMISSION_STATUSES)[number];

export const DELIVERY_STATUSES = ['UNKNOWN', 'IN_TRANSIT', 'DELIVERED', 'HOLD_FOR_PICKUP', 'DELAYED', 'DELIVERED_LATE'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const CANCELLATION_CODES = [
  'WITHOUT_STOCK',
  'SHIPPING_ADDRESS',
  'CUSTOMER_EXCHANGE',
  'GENERAL_ADJUSTMENT',
  'CUSTOMER_RETURN',
  'BUYER_CANCELED',
  'OTHER',
] as const;
export type CancellationCode = (typeof CANCELLATION_CODES)[number];
