import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/index.js';
import { ProductsModule } from '../products/index.js';
import { ShipmentsModule } from '../shipments/index.js';
import { SyncModule } from '../sync/index.js';
import { AdminOrdersController } from './admin/admin-orders.controller.js';
import { AdminOrdersReconciliationController } from './admin/admin-orders-reconciliation.controller.js';
import { OrderEventEntity } from './entities/order-event.entity.js';
import { OrderUpdateEntity } from './anymarket-changes/order-update.entity.js';
import { OrderEntity } from './entities/order.entity.js';
import { InvoiceIntake } from './invoice-intake.js';
import { InvoicesFeedJob } from './invoices-feed.job.js';
import { OrderImports } from './order-imports.queue.js';
import { OrderPostBuilder } from './order-post.builder.js';
import { OrderSyncService } from './order-sync.service.js';
import { OrderTrackingUpdates } from './order-tracking-updates.js';
import { OrderWork } from './orders.queue.js';
import { OrderCancellation } from './anymarket-changes/order-cancellation.js';
import { OrderUpdateActions } from './anymarket-changes/order-update.actions.js';
import { OrderUpdateApplier } from './anymarket-changes/order-update.applier.js';
import { OrderUpdateStore } from './anymarket-changes/order-update.store.js';
import { OrderUpdateWork } from './anymarket-changes/order-updates.queue.js';
import { OrderUpdatesService } from './anymarket-changes/order-updates.service.js';
import { OrderStore } from './order.store.js';
import { OrdersAdminService } from './orders-admin.service.js';
import { OrdersOverview } from './orders-overview.js';
import { OrdersService } from './orders.service.js';
import { RefundsFeedJob } from './refunds-feed.job.js';
import { OrdersRemotesController } from './remotes/orders-remotes.controller.js';
import { WebhookHandlersModule } from '../webhooks/index.js';
import { OrdersWebhooks } from './orders-webhooks.js';

/**
 * Orders: every Marketplacer invoice of a linked seller becomes one ANYMARKET order, kept in step
 * (the invoices and refund-requests feeds, one per marketplace; the order work on the shared
 * WorkQueue), and ANYMARKET's order remotes (force, import, read; status changes and NF-e applied back
 * in Marketplacer), and the orders reconciliation with ANYMARKET's order list. Needs the MarketplacerOrders and AnymarketMarketplaceApi ports bound.
 */
import { OrdersMetrics } from './orders.metrics.js';
import { OrderReconciler } from './reconciliation/order-reconciler.js';
import { OrderReconciliationFindingEntity } from './reconciliation/order-reconciliation-finding.entity.js';
import { OrderReconciliationEntity } from './reconciliation/order-reconciliation.entity.js';
import { OrderReconciliationMetrics } from './reconciliation/order-reconciliation.metrics.js';
import { OrderReconciliationStore } from './reconciliation/order-reconciliation.store.js';
import { OrdersReconciliationAdminService } from './reconciliation/orders-reconciliation-admin.service.js';
import { OrdersReconciliationJob } from './reconciliation/orders-reconciliation.job.js';
@Module({
  imports: [
    TypeOrmModule.forFeature([OrderEntity, OrderEventEntity, OrderUpdateEntity, OrderReconciliationEntity, OrderReconciliationFindingEntity]),
    AccountsModule,
    ProductsModule,
    SyncModule,
    ShipmentsModule,
    WebhookHandlersModule,
  ],
  // The reconciliation's routes first: `/admin/orders/:id` would take `reconciliation` for an order id.
  controllers: [OrdersRemotesController, AdminOrdersReconciliationController, AdminOrdersController],
  providers: [
    OrderStore,
    OrderPostBuilder,
    OrderSyncService,
    OrderTrackingUpdates,
    OrderWork,
    InvoiceIntake,
    OrderImports,
    InvoicesFeedJob,
    OrdersWebhooks,
    RefundsFeedJob,
    OrdersService,
    OrdersAdminService,
    OrderUpdateStore,
    OrderCancellation,
    OrderUpdateActions,
    OrderUpdateApplier,
    OrderUpdateWork,
    OrderUpdatesService,
    OrdersMetrics,
    OrdersOverview,
    OrderReconciliationStore,
    OrderReconciler,
    OrdersReconciliationJob,
    OrdersReconciliationAdminService,
    OrderReconciliationMetrics,
  ],
  exports: [OrdersAdminService, OrdersOverview],
})
export class OrdersModule {}
