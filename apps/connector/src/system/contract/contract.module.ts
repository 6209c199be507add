import { Module } from '@nestjs/common';
import { AccountsModule } from '../../accounts/index.js';
import { WebhookHandlersModule } from '../../webhooks/index.js';
import { ContractAdminController } from './admin/contract-admin.controller.js';
import { ContractChecksAdminController } from './admin/contract-checks-admin.controller.js';
import { AnymarketAccountsCheck } from './anymarket-accounts.check.js';
import { ContractCheckService } from './contract-check.service.js';
import { ContractHealth } from './contract-health.js';
import { ContractMetrics } from './contract.metrics.js';
import { MarketplacerWebhooksCheck } from './marketplacer-webhooks.check.js';

/**
 * The live contract check (ADR 0012): the Marketplacer documents against the live schema, the ANYMARKET
 * accounts and the Marketplacer webhooks, at start, on a schedule and on demand (admin API, `npm run
 * doctor`); `ContractHealth` adds the features it switched off to readiness.
 */
@Module({
  imports: [AccountsModule, WebhookHandlersModule],
  controllers: [ContractAdminController, ContractChecksAdminController],
  providers: [ContractCheckService, AnymarketAccountsCheck, MarketplacerWebhooksCheck, ContractHealth, ContractMetrics],
  exports: [ContractCheckService, AnymarketAccountsCheck, MarketplacerWebhooksCheck],
})
export class ContractModule {}
