import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module.js';
import { CategorizationModule } from '../categorization/categorization.module.js';
import { SyncModule } from '../sync/sync.module.js';
import { AdminListingsController } from './admin/admin-listings.controller.js';
import { AdvertsPollJob } from './adverts-poll.job.js';
import { ListingEntity } from './entities/listing.entity.js';
import { ListingCatalogue } from './listing-catalogue.js';
import { ListingReporter } from './listing-reporter.js';
import { ListingSyncService } from './listing-sync.service.js';
import { ListingWorkQueue } from './listing-work.queue.js';
import { ListingStore } from './listing.store.js';
import { ListingsAdminService } from './listings-admin.service.js';
import { ListingsService } from './listings.service.js';
import { ListingsRemotesController } from './remotes/listings-remotes.controller.js';

/**
 * Listings: ANYMARKET transmissions published as Marketplacer adverts (sendProduct, deletePublication,
 * canActive, canSave, getDefaultSkuFields, product look-up), the adverts poll that reports
 * Marketplacer-side changes back, and the admin flows "product enriched" and "advert vetted".
 * Needs the MarketplacerCatalog and AnymarketMarketplaceApi ports bound (MarketplacerModule, AnymarketModule).
 * `ListingWorkQueue.whenIdle(listingId)` waits for a listing's queued work (tests, tools).
 */
@Module({
  imports: [TypeOrmModule.forFeature([ListingEntity]), AccountsModule, CategorizationModule, SyncModule],
  controllers: [ListingsRemotesController, AdminListingsController],
  providers: [ListingStore, ListingCatalogue, ListingReporter, ListingSyncService, ListingWorkQueue, ListingsService, ListingsAdminService, AdvertsPollJob],
  exports: [ListingWorkQueue],
})
export class ProductsModule {}
