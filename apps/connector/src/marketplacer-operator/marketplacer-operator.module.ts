import { Module } from '@nestjs/common';
import { OperatorOrdersController } from './admin/operator-orders.controller.js';
import { OperatorRefundsController } from './admin/operator-refunds.controller.js';
import { OperatorOrdersService } from './operator-orders.service.js';
import { OperatorRefundsService } from './operator-refunds.service.js';

/**
 * The operators' Marketplacer order and refund operations (admin API, `/admin/marketplacer/…`): a
 * pass-through to Marketplacer that keeps no table of its own and exports nothing. Needs the
 * MarketplacerFulfilment and MarketplacerOrders ports bound (MarketplacerModule).
 */
@Module({
  controllers: [OperatorRefundsController, OperatorOrdersController],
  providers: [OperatorRefundsService, OperatorOrdersService],
})
export class MarketplacerOperatorModule {}
