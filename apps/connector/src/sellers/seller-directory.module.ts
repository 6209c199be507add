import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SellerLinkEntity } from '../accounts/entities/seller-link.entity.js';
import { SyncModule } from '../sync/sync.module.js';
import { MarketplacerSellerEntity } from './entities/marketplacer-seller.entity.js';
import { SellerDirectory } from './seller-directory.js';

/**
 * The seller directory on its own, so that Accounts (activation) can ask it and the Sellers context
 * (its feed, onboarding, admin) can keep it, without the two depending on each other.
 */
@Module({
  imports: [TypeOrmModule.forFeature([MarketplacerSellerEntity, SellerLinkEntity]), SyncModule],
  providers: [SellerDirectory],
  exports: [SellerDirectory],
})
export class SellerDirectoryModule {}
