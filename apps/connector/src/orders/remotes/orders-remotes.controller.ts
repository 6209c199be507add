import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AnymarketErrorDto, AnymarketRoute } from '#common';
import { AnymarketCaller, type AnymarketIdentity } from '#anymarket';
import { ForceImportOrdersDto, ForceOrderQuery, OrderAccountQuery } from '../dto/order-remotes.dto.js';
import { OrdersService } from '../orders.service.js';

const TRUE = { description: 'Bare JSON `true`; the work follows in the background', schema: { type: 'boolean', example: true } } as const;
const ID_IN_MARKETPLACE = {
  name: 'idInMarketPlace',
  description: "The order's id in the marketplace (`marketPlaceId`): the Marketplacer invoice number (legacy id)",
  example: '10363',
} as const;
const ACCOUNT_404 = { type: AnymarketErrorDto, description: 'No active ANYMARKET account for the caller and idAccount (ANYMARKET_ACCOUNT_NOT_FOUND)' } as const;

/** ANYMARKET's order remotes 14–16 (remote_pt.yaml "Pedidos"). Paths match in any letter case. */
@ApiTags('remotes: orders')
@AnymarketRoute()
@ApiUnauthorizedResponse({ type: AnymarketErrorDto, description: 'Missing or invalid x-anymarket-token' })
@Controller()
export class OrdersRemotesController {
  constructor(private readonly orders: OrdersService) {}

  @Post('order/force/:idInMarketPlace')
  @HttpCode(200)
  @Header('Content-Type', 'application/json')
  @ApiOperation({
    summary: 'Remote: the seller asks to send one order again (Monitoring)',
    description:
      "Reads the invoice afresh from Marketplacer, then (in the background) creates the order in ANYMARKET if it is not there yet, else brings its status up to date. `oi` must be the token's organisation.",
  })
  @ApiParam(ID_IN_MARKETPLACE)
  @ApiOkResponse(TRUE)
  @ApiNotFoundResponse({
    type: AnymarketErrorDto,
    description: 'No such account (ANYMARKET_ACCOUNT_NOT_FOUND), or no such order of its seller (ORDER_NOT_FOUND)',
  })
  @ApiForbiddenResponse({ type: AnymarketErrorDto, description: "`oi` is not the token's organisation (ANYMARKET_OI_MISMATCH)" })
  force(@AnymarketCaller() caller: AnymarketIdentity, @Param('idInMarketPlace') id: string, @Query() query: ForceOrderQuery): Promise<true> {
    return this.orders.force(caller, id, query);
  }

  @Post('forceImportOrders')
  @HttpCode(200)
  @Header('Content-Type', 'application/json')
  @ApiOperation({
    summary: 'Remote: the seller asks to import all its orders (configuration screen)',
    description:
      "Answers at once; then, in the background, every PENDING or PAID Marketplacer invoice of the account's seller created on or after " +
      '`initialDateForOrderImport` (or the account’s import date) becomes an ANYMARKET order, once: orders that exist are brought up to date.',
  })
  @ApiBody({ type: ForceImportOrdersDto, description: 'remote_pt.yaml ConfigurationDTO (only the import date is read)' })
  @ApiOkResponse(TRUE)
  @ApiNotFoundResponse(ACCOUNT_404)
  forceImport(@AnymarketCaller() caller: AnymarketIdentity, @Query() query: OrderAccountQuery, @Body() body: ForceImportOrdersDto): Promise<true> {
    return this.orders.forceImport(caller, query.idAccount, body);
  }

  @Get('order/:idInMarketPlace')
  @ApiOperation({
    summary: 'Remote: the order as the marketplace has it now (ANYMARKET retries a criticised order, or the seller forces)',
    description: 'remote_pt.yaml ApiOrder, read afresh from Marketplacer; status words are API v2 (PAID_WAITING_SHIP, PAID_WAITING_DELIVERY, CONCLUDED, …).',
  })
  @ApiParam(ID_IN_MARKETPLACE)
  @ApiOkResponse({ description: 'remote_pt.yaml ApiOrder', schema: { type: 'object', additionalProperties: true } })
  @ApiNotFoundResponse({
    type: AnymarketErrorDto,
    description: 'No such account (ANYMARKET_ACCOUNT_NOT_FOUND), or no such order of its seller (ORDER_NOT_FOUND)',
  })
  get(@AnymarketCaller() caller: AnymarketIdentity, @Param('idInMarketPlace') id: string, @Query() query: OrderAccountQuery): Promise<Record<string, unknown>> {
    return this.orders.get(caller, id, query.idAccount);
  }
}
