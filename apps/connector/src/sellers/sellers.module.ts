import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/index.js';
import { SyncModule } from '../sync/index.js';
import { SellersController } from './admin/sellers.controller.js';
import { MarketplacerSellerEntity } from './entities/marketplacer-seller.entity.js';
import { SellerOnboardingEntity } from './entities/seller-onboarding.entity.js';
import { REMITTANCE_CONTROLLERS, REMITTANCE_ENTITIES, REMITTANCE_PROVIDERS } from './remittances/remittance.providers.js';
import { SellerDirectory } from './seller-directory.js';
import { SellerOnboardingService } from './seller-onboarding.service.js';
import { SellersAdminService } from './sellers-admin.service.js';
import { SellersFeedJob } from './sellers-feed.job.js';
import { WebhookHandlersModule } from '../webhooks/index.js';
import { SellersWebhooks } from './sellers-webhooks.js';

/**
 * The Sellers context: the seller directory and its feed (`sellers`), onboarding and seller updates
 * for admins, and (composed in) the remittances. It depends on Accounts, never the reverse: it issues
 * links through `SellerLinksService`, tells Accounts each seller's standing (`SellerLinkStanding`,
 * which writes it on the links), and answers activation's questions through `SellerStandings`.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([MarketplacerSellerEntity, SellerOnboardingEntity, ...REMITTANCE_ENTITIES]),
    AccountsModule,
    SyncModule,
    WebhookHandlersModule,
  ],
  controllers: [SellersController, ...REMITTANCE_CONTROLLERS],
  providers: [SellerDirectory, SellersFeedJob, SellersWebhooks, SellerOnboardingService, SellersAdminService, ...REMITTANCE_PROVIDERS],
  exports: [SellersAdminService],
})
export class SellersModule {}
