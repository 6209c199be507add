// What other contexts and the composition floor may use of orders (ADR 0018): everything else in this folder is internal.
export { OrderUpdateEntity } from './anymarket-changes/order-update.entity.js';
export { OrderEventEntity } from './entities/order-event.entity.js';
export { OrderEntity } from './entities/order.entity.js';
export { OrderReconciliationEntity } from './reconciliation/order-reconciliation.entity.js';
export { OrderReconciliationFindingEntity } from './reconciliation/order-reconciliation-finding.entity.js';
export { ordersConfigShape } from './orders.config.js';
export { OrdersModule } from './orders.module.js';
export { OrdersAdminService } from './orders-admin.service.js';
export { OrdersOverview } from './orders-overview.js';
export type { AccountOrderEvent, OrderStateCounts } from './orders-overview.js';
