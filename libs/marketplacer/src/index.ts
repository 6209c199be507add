export * from './marketplacer.config.js';
export * from './marketplacer-connection.js';
export * from './marketplacer.module.js';
export * from './errors/marketplacer-error.js';
export * from './create-once.js';
export * from './ids/global-id.js';
export * from './pagination/paginate.js';
export * from './webhooks/verify-hmac.js';
export * from './webhooks/hmac-webhook-verifier.js';
export * from './ports/paging.js';
export * from './ports/marketplacer-sellers.port.js';
export * from './ports/marketplacer-catalog.port.js';
export * from './ports/marketplacer-taxonomy.port.js';
export * from './ports/marketplacer-orders.port.js';
export * from './ports/marketplacer-fulfilment.port.js';
export * from './ports/marketplacer-remittances.port.js';
/** GraphQL's `Int` bound: Marketplacer's quantities, cents, positions and legacy ids above it fail its coercion. */
export { GRAPHQL_MAX_INT } from 'graphql';
export type { AdvertInput, AdvertOptionValueInput, ImageInput, KeyValueInput, VariantInput, VariantOptionValueInput } from './contract/generated/graphql.js';
