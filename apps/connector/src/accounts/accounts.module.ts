import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsService } from './accounts.service.js';
import { AdminAccountsController } from './admin/admin-accounts.controller.js';
import { AdminSellerLinksController } from './admin/admin-seller-links.controller.js';
import { AnymarketAccountEntity } from './entities/anymarket-account.entity.js';
import { SellerLinkEntity } from './entities/seller-link.entity.js';
import { ModuleActivationController } from './remotes/module-activation.controller.js';
import { ModuleActivationService } from './module-activation.service.js';
import { secretCipherProvider } from './secret-cipher.provider.js';
import { SellerIdentityService } from './seller-identity.service.js';
import { SellerLinkStanding } from './seller-link-standing.js';
import { SellerLinksOverview } from './seller-links-overview.js';
import { SellerLinksService } from './seller-links.service.js';
import { SellerStandings } from './seller-standings.js';

/**
 * Seller links (admin), ANYMARKET module activation (remotes) and the accounts it stores; the one
 * writer of `seller_link` and `anymarket_account`. Depends on no other context: the seller directory
 * (Sellers) registers itself with `SellerStandings` for activation to ask, and tells
 * `SellerLinkStanding` each seller's standing. Exports `AccountsService` to the contexts that act for
 * accounts, `SellerLinksService` to onboarding and the seller directory's admin views,
 * `SellerLinkStanding` to the directory (and to contexts that catch up with a resumed seller).
 */
import { AccountsMetrics } from './accounts.metrics.js';
@Module({
  imports: [TypeOrmModule.forFeature([SellerLinkEntity, AnymarketAccountEntity])],
  controllers: [AdminSellerLinksController, AdminAccountsController, ModuleActivationController],
  providers: [
    secretCipherProvider,
    SellerLinksService,
    SellerLinkStanding,
    SellerStandings,
    SellerIdentityService,
    AccountsService,
    ModuleActivationService,
    AccountsMetrics,
    SellerLinksOverview,
  ],
  exports: [AccountsService, SellerLinksService, SellerLinkStanding, SellerStandings, SellerLinksOverview],
})
export class AccountsModule {}
