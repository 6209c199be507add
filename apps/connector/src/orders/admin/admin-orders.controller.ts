import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRoute, ApiAdminResource, ApiInvalidInput } from '#common';
import { ListOrdersQuery, OrderDetailDto, OrderDto } from '../dto/order-admin.dto.js';
import { OrdersAdminService } from '../orders-admin.service.js';

const ORDER = ['order', 'ORDER_NOT_FOUND'] as const;

@ApiTags('admin: orders')
@AdminRoute()
@Controller('admin/orders')
export class AdminOrdersController {
  constructor(private readonly orders: OrdersAdminService) {}

  @Get()
  @ApiOperation({
    summary: 'Orders (one per Marketplacer invoice of a linked seller), newest first, with their state and last error',
    description:
      'Each order is one invoice, the ANYMARKET order made of it (`anymarketOrderId`), the status ANYMARKET has and the one the invoice calls for. ' +
      '`unrouted`: the seller has several active accounts and no default (never guessed). Page backwards with `beforeId`.',
  })
  @ApiOkResponse({ type: [OrderDto], description: 'One page of orders, newest first' })
  @ApiInvalidInput('the filters or paging parameters')
  list(@Query() query: ListOrdersQuery): Promise<OrderDto[]> {
    return this.orders.list(query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One order with its timeline',
    description: 'The invoice as last read, its refund requests, and what was read from Marketplacer, sent to ANYMARKET and what came back, oldest first.',
  })
  @ApiAdminResource(...ORDER)
  @ApiOkResponse({ type: OrderDetailDto, description: 'The order' })
  get(@Param('id', ParseIntPipe) id: number): Promise<OrderDetailDto> {
    return this.orders.get(id);
  }

  @Post(':id/repush')
  @HttpCode(202)
  @ApiOperation({
    summary: "Run the order's work again, now",
    description:
      'An order in error is retried; an unrouted one is routed again (once the seller has one default account); a synced one is checked against its invoice. ' +
      'Never a second order: ANYMARKET keeps one per marketPlaceId. Follow it at GET /admin/orders/{id}.',
  })
  @ApiAdminResource(...ORDER)
  @ApiAcceptedResponse({ type: OrderDetailDto, description: 'Queued; the work follows' })
  repush(@Param('id', ParseIntPipe) id: number): Promise<OrderDetailDto> {
    return this.orders.repush(id);
  }
}
