import type { AnymarketConfiguration } from '../contract/configuration.js';
import type { FreightQuoteRequest, FreightQuoteResponse } from '../contract/freight.js';
import type {
  ListOrdersQuery,
  Order,
  OrderDelivery,
  OrderPage,
  OrderPost,
  OrderShipment,
  OrderStatusDate,
  OrderTransmissionStatusUpdate,
} from '../contract/order.js';
import type { SkuMarketplace, SkuMarketplacePriceStock, SkuMarketplaceUpdate } from '../contract/sku-marketplace.js';
import type { AnymarketAccountContext } from './anymarket-account.js';

/**
 * Port: ANYMARKET's marketplace API (`…/marketplace/api`, ANYMARKET-NOTES §4), one method per
 * endpoint. The DI token is the class; AnymarketModule binds the HTTP adapter, tests bind fakes.
 * Failures are `AnymarketError`s (after retries); `isDuplicateOrderError` recognises a repeated
 * `createOrder`.
 */
export abstract class AnymarketMarketplaceApi {
  /**
   * `GET /configuration`: the seller's account configurations. The schema shows one object although
   * the docs say "all"; either answer comes back as a list (inferred, ANYMARKET-NOTES §9).
   */
  abstract getConfigurations(account: AnymarketAccountContext): Promise<AnymarketConfiguration[]>;

  /** `GET /configuration/{id}`: one account's configuration (`id` = saveAccount's id). */
  abstract getConfiguration(account: AnymarketAccountContext, id: number): Promise<AnymarketConfiguration>;

  /** `GET /skumarketplace/{id}`: the full transmission after a sendProduct. */
  abstract getSkuMarketplace(account: AnymarketAccountContext, id: number): Promise<SkuMarketplace>;

  /** `GET /skumarketplace/{id}/priceStock`: the light read when only price, stock or status changed. */
  abstract getSkuMarketplacePriceStock(account: AnymarketAccountContext, id: number): Promise<SkuMarketplacePriceStock>;

  /** `PUT /skumarketplace/{id}`: reports the listing's result; clears ANYMARKET's "syncing". */
  abstract updateSkuMarketplace(account: AnymarketAccountContext, id: number, update: SkuMarketplaceUpdate): Promise<SkuMarketplace>;

  /** `POST /orders`: creates a marketplace order in ANYMARKET (a repeat is `isDuplicateOrderError`). */
  abstract createOrder(account: AnymarketAccountContext, order: OrderPost, options?: { orderNewPattern?: boolean }): Promise<Order>;

  /**
   * `GET /orders/{id}`: the spec calls the parameter both "ANYMARKET order id" and `{marketPlaceId}`
   * (ambiguous, ANYMARKET-NOTES §4); pass whichever the caller has.
   */
  abstract getOrder(account: AnymarketAccountContext, id: string | number): Promise<Order>;

  /** `GET /orders`: one page of the marketplace's orders for this seller. */
  abstract listOrders(account: AnymarketAccountContext, query?: ListOrdersQuery): Promise<OrderPage>;

  /** `PUT /orders/{marketPlaceId}/markAsPaid`. */
  abstract markAsPaid(account: AnymarketAccountContext, marketPlaceId: string, body?: OrderStatusDate): Promise<Order>;

  /** `PUT /orders/{marketPlaceId}/markAsCanceled` (`date` required). */
  abstract markAsCanceled(account: AnymarketAccountContext, marketPlaceId: string, body: Required<OrderStatusDate>): Promise<Order>;

  /** `PUT /orders/{marketPlaceId}/markAsInvoiced`: only when the marketplace runs its own logistics. */
  abstract markAsInvoiced(account: AnymarketAccountContext, marketPlaceId: string, body?: OrderStatusDate): Promise<Order>;

  /** `PUT /orders/{marketPlaceId}/markAsShipped`: own logistics; tracking data. */
  abstract markAsShipped(account: AnymarketAccountContext, marketPlaceId: string, body: OrderShipment): Promise<Order>;

  /** `PUT /orders/{marketPlaceId}/markAsDelivered`: own logistics. */
  abstract markAsDelivered(account: AnymarketAccountContext, marketPlaceId: string, body: OrderDelivery): Promise<Order>;

  /** `PUT /orders/{marketPlaceId}/transmissionStatus`: finishes the handling of an ANYMARKET-side order change. */
  abstract updateOrderTransmissionStatus(account: AnymarketAccountContext, marketPlaceId: string, update: OrderTransmissionStatusUpdate): Promise<Order>;

  /** `POST /freight`: a freight quote from the seller's ANYMARKET settings (one SKU per request advised). */
  abstract quoteFreight(account: AnymarketAccountContext, request: FreightQuoteRequest): Promise<FreightQuoteResponse>;
}
