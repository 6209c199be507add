import type { Provider, Type } from '@nestjs/common';
import { OperatorOrdersController } from './admin/operator-orders.controller.js';
import { OperatorRefundsController } from './admin/operator-refunds.controller.js';
import { OperatorOrdersService } from './operator-orders.service.js';
import { OperatorRefundsService } from './operator-refunds.service.js';

/**
 * The operators' Marketplacer order and refund operations (admin API): their controllers and
 * providers, composed into OrdersModule.
 */
export const OPERATOR_CONTROLLERS: Type[] = [OperatorRefundsController, OperatorOrdersController];
export const OPERATOR_PROVIDERS: Provider[] = [OperatorRefundsService, OperatorOrdersService];
