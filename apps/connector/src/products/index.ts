// What other contexts and the composition floor may use of products (ADR 0018): everything else in this folder is internal.
export { ListingEntity } from './entities/listing.entity.js';
export { ListingReconciliationEntity } from './entities/listing-reconciliation.entity.js';
export { ListingSkus } from './listing-skus.js';
export { productsConfigShape } from './products.config.js';
export { ProductsModule } from './products.module.js';
export { ListingsAdminService } from './listings-admin.service.js';
export { ListingsOverview } from './listings-overview.js';
