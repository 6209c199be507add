import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module.js';
import { SellerLinkEntity } from '../accounts/entities/seller-link.entity.js';
import { SyncModule } from '../sync/sync.module.js';
import { SellersController } from './admin/sellers.controller.js';
import { SellerOnboardingEntity } from './entities/seller-onboarding.entity.js';
import { REMITTANCE_CONTROLLERS, REMITTANCE_ENTITIES, REMITTANCE_PROVIDERS } from './remittances/remittance.providers.js';
import { SellerDirectoryModule } from './seller-directory.module.js';
import { SellerOnboardingService } from './seller-onboarding.service.js';
import { SellersAdminService } from './sellers-admin.service.js';
import { SellersFeedJob } from './sellers-feed.job.js';
import { WebhookHandlersModule } from '../webhooks/webhook-handlers.js';
import { SellersWebhooks } from './sellers-webhooks.js';

/**
 * The Sellers context: the seller directory's feed (`sellers`), onboarding and seller updates for
 * admins, and (composed in) the remittances. The directory itself is SellerDirectoryModule, which
 * Accounts reads for activation.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([SellerOnboardingEntity, SellerLinkEntity, ...REMITTANCE_ENTITIES]),
    AccountsModule,
    SellerDirectoryModule,
    SyncModule,
    WebhookHandlersModule,
  ],
  controllers: [SellersController, ...REMITTANCE_CONTROLLERS],
  providers: [SellersFeedJob, SellersWebhooks, SellerOnboardingService, SellersAdminService, ...REMITTANCE_PROVIDERS],
})
export class SellersModule {}
