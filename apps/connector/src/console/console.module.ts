import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/index.js';
import { AuditModule } from '../audit/index.js';
import { OrdersModule } from '../orders/index.js';
import { ProductsModule } from '../products/index.js';
import { SellersModule } from '../sellers/index.js';
import { SyncModule } from '../sync/index.js';
import { SystemModule } from '../system/index.js';
import { WebhooksModule } from '../webhooks/index.js';
import { WorkModule } from '../work/index.js';
import { ConsoleController } from './admin/console.controller.js';
import { ConsoleSignInController } from './admin/console-sign-in.controller.js';
import { ConsoleActionsService } from './console-actions.service.js';
import { ConsoleOverviewService } from './console-overview.service.js';
import { SellerPageService } from './seller-page.service.js';

/**
 * The operators' seller console at /admin/console: server-rendered pages over the other contexts'
 * exported services (it owns no table), and one-click actions through the same services the admin
 * API calls, recorded in the admin audit trail.
 */
@Module({
  imports: [AccountsModule, AuditModule, OrdersModule, ProductsModule, SellersModule, SyncModule, SystemModule, WebhooksModule, WorkModule],
  controllers: [ConsoleSignInController, ConsoleController],
  providers: [ConsoleOverviewService, SellerPageService, ConsoleActionsService],
})
export class ConsoleModule {}
