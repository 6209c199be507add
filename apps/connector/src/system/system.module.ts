import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { WebhookHandlersModule } from '../webhooks/webhook-handlers.js';
import { AdminSystemController } from './admin/admin-system.controller.js';
import { ContractChecksAdminController } from './contract/admin/contract-checks-admin.controller.js';
import { AnymarketAccountsCheck } from './contract/anymarket-accounts.check.js';
import { MarketplacerWebhooksCheck } from './contract/marketplacer-webhooks.check.js';

@Module({
  imports: [AccountsModule, WebhookHandlersModule],
  controllers: [AdminSystemController, ContractChecksAdminController],
  providers: [AnymarketAccountsCheck, MarketplacerWebhooksCheck],
  exports: [AnymarketAccountsCheck, MarketplacerWebhooksCheck],
})
export class SystemModule {}
