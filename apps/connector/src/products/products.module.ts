import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/index.js';
import { CategorizationModule } from '../categorization/index.js';
import { SyncModule } from '../sync/index.js';
import { AdminListingsController } from './admin/admin-listings.controller.js';
import { AdminListingsReconciliationController } from './admin/admin-listings-reconciliation.controller.js';
import { AdvertsFeedJob } from './adverts-feed.job.js';
import { ListingEntity } from './entities/listing.entity.js';
import { ListingReconciliationEntity } from './entities/listing-reconciliation.entity.js';
import { ListingReconciliationStore } from './listing-reconciliation.store.js';
import { ListingsReconciler } from './listings-reconciler.js';
import { ListingsReconciliationJob } from './listings-reconciliation.job.js';
import { ListingsReconciliationAdminService } from './listings-reconciliation-admin.service.js';
import { ListingCatalogue } from './listing-catalogue.js';
import { ListingReporter } from './listing-reporter.js';
import { ListingSkus } from './listing-skus.js';
import { ListingSyncService } from './listing-sync.service.js';
import { ListingWork } from './listings.queue.js';
import { ListingStore } from './listing.store.js';
import { ListingsAdminService } from './listings-admin.service.js';
import { ListingsOverview } from './listings-overview.js';
import { ListingsOnSellerResume } from './listings-catch-up.queue.js';
import { ListingsService } from './listings.service.js';
import { ListingsRemotesController } from './remotes/listings-remotes.controller.js';
import { WebhookHandlersModule } from '../webhooks/index.js';
import { ListingsWebhooks } from './listings-webhooks.js';

/**
 * Listings: ANYMARKET transmissions published as Marketplacer adverts (sendProduct, deletePublication,
 * canActive, canSave, getDefaultSkuFields, product look-up), the adverts poll that reports
 * Marketplacer-side changes back, and the admin flows "product enriched" and "advert vetted".
 * Needs the MarketplacerCatalog and AnymarketMarketplaceApi ports bound (MarketplacerModule, AnymarketModule).
 * Listing work runs on the shared WorkQueue (ListingWork); `ListingWork.whenIdle()` waits for it (tests, tools).
 */
import { ProductsMetrics } from './products.metrics.js';
@Module({
  imports: [TypeOrmModule.forFeature([ListingEntity, ListingReconciliationEntity]), AccountsModule, CategorizationModule, SyncModule, WebhookHandlersModule],
  // The reconciliation's routes first: `admin/listings/reconciliation` must not be taken for `admin/listings/:id`.
  controllers: [ListingsRemotesController, AdminListingsReconciliationController, AdminListingsController],
  providers: [
    ListingStore,
    ListingCatalogue,
    ListingReporter,
    ListingSyncService,
    ListingWork,
    ListingsService,
    ListingsAdminService,
    AdvertsFeedJob,
    ListingsWebhooks,
    ListingSkus,
    ListingsOnSellerResume,
    ProductsMetrics,
    ListingsOverview,
    ListingReconciliationStore,
    ListingsReconciler,
    ListingsReconciliationJob,
    ListingsReconciliationAdminService,
  ],
  exports: [ListingWork, ListingSkus, ListingsAdminService, ListingsOverview],
})
export class ProductsModule {}
