import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRoute, ApiAdminResource, ApiInvalidInput, ErrorResponseDto } from '#common';
import {
  ListReconciliationFindingsQuery,
  ListReconciliationsQuery,
  OrderReconciliationDetailDto,
  OrderReconciliationDto,
} from '../dto/order-reconciliation.dto.js';
import { OrdersReconciliationAdminService } from '../reconciliation/orders-reconciliation-admin.service.js';

const ACCOUNT = ['account', 'ACCOUNT_NOT_FOUND'] as const;

/** Registered before AdminOrdersController, whose `/admin/orders/:id` would otherwise take `reconciliation` for an id. */
@ApiTags('admin: orders')
@AdminRoute()
@Controller('admin/orders/reconciliation')
export class AdminOrdersReconciliationController {
  constructor(private readonly reconciliation: OrdersReconciliationAdminService) {}

  @Get()
  @ApiOperation({
    summary: "Each account's last orders reconciliation with ANYMARKET, highest account id first",
    description:
      "The `orders-reconciliation` sync job compares each account's orders with ANYMARKET's `GET /orders` every ORDERS_RECONCILIATION_INTERVAL_MS. " +
      'Per account: when it last ran, how it ended, the orders compared, the findings by kind and the repairs. Page with `beforeId` (an account id).',
  })
  @ApiOkResponse({ type: [OrderReconciliationDto], description: 'One page of accounts' })
  @ApiInvalidInput('the paging parameters')
  list(@Query() query: ListReconciliationsQuery): Promise<OrderReconciliationDto[]> {
    return this.reconciliation.list(query);
  }

  @Get(':id')
  @ApiOperation({
    summary: "One account's orders reconciliation and its findings",
    description:
      'unknown: ANYMARKET has an order the connector does not know (reported, never created or changed); behind: moved forward; ' +
      'ahead: ANYMARKET is past what the invoice calls for and the connector was not told (reported, never moved back); missing: a paid order ANYMARKET lacks (pushed again).',
  })
  @ApiAdminResource(...ACCOUNT)
  @ApiOkResponse({ type: OrderReconciliationDetailDto, description: 'The last run and the findings still seen, newest first' })
  get(@Param('id', ParseIntPipe) id: number, @Query() query: ListReconciliationFindingsQuery): Promise<OrderReconciliationDetailDto> {
    return this.reconciliation.get(id, query);
  }

  @Post(':id/run')
  @HttpCode(200)
  @ApiOperation({
    summary: "Reconcile the account's orders with ANYMARKET now",
    description:
      "Reads ANYMARKET's order list (within the reconciliation's share of the token's budget), repairs and reports as the scheduled job does, and answers the result. " +
      'Recorded in the audit trail.',
  })
  @ApiAdminResource(...ACCOUNT)
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'RECONCILIATION_ACCOUNT_INACTIVE or RECONCILIATION_ACCOUNT_WITHOUT_TOKEN' })
  @ApiOkResponse({ type: OrderReconciliationDetailDto, description: 'The run and the findings still seen' })
  run(@Param('id', ParseIntPipe) id: number, @Query() query: ListReconciliationFindingsQuery): Promise<OrderReconciliationDetailDto> {
    return this.reconciliation.run(id, query);
  }
}
