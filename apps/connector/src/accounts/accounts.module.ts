import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SellerDirectoryModule } from '../sellers/seller-directory.module.js';
import { AccountsService } from './accounts.service.js';
import { AdminAccountsController } from './admin/admin-accounts.controller.js';
import { AdminSellerLinksController } from './admin/admin-seller-links.controller.js';
import { AnymarketAccountEntity } from './entities/anymarket-account.entity.js';
import { SellerLinkEntity } from './entities/seller-link.entity.js';
import { ModuleActivationController } from './remotes/module-activation.controller.js';
import { ModuleActivationService } from './module-activation.service.js';
import { secretCipherProvider } from './secret-cipher.provider.js';
import { SellerIdentityService } from './seller-identity.service.js';
import { SellerLinksService } from './seller-links.service.js';

/**
 * Seller links (admin), ANYMARKET module activation (remotes) and the accounts it stores. Sellers'
 * standing comes from the seller directory (SellerDirectoryModule). Exports `AccountsService` to other
 * contexts and `SellerLinksService` to onboarding.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SellerLinkEntity, AnymarketAccountEntity]), SellerDirectoryModule],
  controllers: [AdminSellerLinksController, AdminAccountsController, ModuleActivationController],
  providers: [secretCipherProvider, SellerLinksService, SellerIdentityService, AccountsService, ModuleActivationService],
  exports: [AccountsService, SellerLinksService],
})
export class AccountsModule {}
