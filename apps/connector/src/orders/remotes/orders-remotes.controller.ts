import { Body, Controller, Get, Header, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AnswersStatusBodyOnError, AnymarketErrorDto, AnymarketRoute, AnymarketStatusErrorDto } from '#common';
import { AnymarketCaller, type AnymarketIdentity } from '#anymarket';
import { ForceImportOrdersDto, ForceOrderQuery, InvoiceDocumentQuery, OrderAccountQuery, UpdateOrderStatusDto } from '../dto/order-remotes.dto.js';
import { OrderUpdatesService } from '../anymarket-changes/order-updates.service.js';
import { OrdersService } from '../orders.service.js';

const TRUE = { description: 'Bare JSON `true`; the work follows in the background', schema: { type: 'boolean', example: true } } as const;
const ID_IN_MARKETPLACE = {
  name: 'idInMarketPlace',
  description: "The order's id in the marketplace (`marketPlaceId`): the Marketplacer invoice number (legacy id)",
  example: '10363',
} as const;
const ACCOUNT_404 = { type: AnymarketErrorDto, description: 'No active ANYMARKET account for the caller and idAccount (ANYMARKET_ACCOUNT_NOT_FOUND)' } as const;

/** ANYMARKET's order remotes 14–18 (remote_pt.yaml "Pedidos"). Paths match in any letter case. */
@ApiTags('remotes: orders')
@AnymarketRoute()
@ApiUnauthorizedResponse({ type: AnymarketErrorDto, description: 'Missing or invalid x-anymarket-token' })
@Controller()
export class OrdersRemotesController {
  constructor(
    private readonly orders: OrdersService,
    private readonly updates: OrderUpdatesService,
  ) {}

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

  @Put(['order/updateOrderStatusInMarketPlace', 'updateOrderStatusInMarketplace'])
  @HttpCode(200)
  @Header('Content-Type', 'application/json')
  @ApiOperation({
    summary: 'Remote: an order status changed in ANYMARKET (the seller or its ERP: invoiced, shipped, delivered, cancelled)',
    description:
      'Answers `true` at once. Then, in the background: the order is read from ANYMARKET (`GET /orders/{id}`; status jumps such as PAID → SHIPPED are fine), ' +
      'applied in Marketplacer (SHIPPED → shipmentCreate with the mapped carrier; CANCELED → a refund request for the unshipped lines; INVOICED → the NF-e data kept; DELIVERED → recorded), ' +
      'and acknowledged with `PUT /orders/{id}/transmissionStatus` (success, or `success: false` with the reason). A repeat changes nothing twice. ' +
      'Both paths the sources use are served, in any letter case.',
  })
  @ApiBody({ type: UpdateOrderStatusDto, description: 'remote_pt.yaml RemoteApiUpdateOrderStatus' })
  @ApiOkResponse(TRUE)
  @ApiBadRequestResponse({
    type: AnymarketErrorDto,
    description: 'A malformed body, or idInMarketplace is not a Marketplacer invoice number (ORDER_ID_INVALID)',
  })
  @ApiNotFoundResponse({
    type: AnymarketErrorDto,
    description: 'No active account for the caller (ANYMARKET_ACCOUNT_NOT_FOUND), or no such order of its accounts (ORDER_NOT_FOUND)',
  })
  updateStatus(@AnymarketCaller() caller: AnymarketIdentity, @Body() body: UpdateOrderStatusDto): Promise<true> {
    return this.updates.announce(caller, body);
  }

  @Put('order/:idInMarketPlace/invoice/document')
  @HttpCode(200)
  @Header('Content-Type', 'application/json')
  @ApiOperation({
    summary: "Remote: the seller's NF-e XML for an order",
    description:
      'The `nfeProc` (layout 4.00; a bare `NFe` too) is read: access key (check digit verified), number, series, issue date, total, CFOP. ' +
      'It may come before or after the INVOICED status; the order is then acknowledged with `transmissionStatus`. Malformed, oversized (over 1 MiB) or non-NF-e XML is refused with 400.',
  })
  @ApiParam(ID_IN_MARKETPLACE)
  @ApiConsumes('application/xml', 'text/xml')
  @ApiBody({
    description: 'The NF-e XML (nfeProc)',
    schema: { type: 'string', example: '<nfeProc xmlns="http://www.portalfiscal.inf.br/nfe" versao="4.00"><NFe>…</NFe><protNFe>…</protNFe></nfeProc>' },
  })
  @ApiOkResponse(TRUE)
  // remote_pt.yaml documents this remote's error body as `{status}`: every failure here carries it.
  @AnswersStatusBodyOnError()
  @ApiUnauthorizedResponse({ type: AnymarketStatusErrorDto, description: 'Missing or invalid x-anymarket-token' })
  @ApiBadRequestResponse({
    type: AnymarketStatusErrorDto,
    description: 'Not an NF-e, malformed or oversized XML (NFE_*), or no XML body (INVOICE_DOCUMENT_MISSING)',
  })
  @ApiNotFoundResponse({
    type: AnymarketStatusErrorDto,
    description: 'No such account (ANYMARKET_ACCOUNT_NOT_FOUND), or no such order of it (ORDER_NOT_FOUND)',
  })
  invoiceDocument(
    @AnymarketCaller() caller: AnymarketIdentity,
    @Param('idInMarketPlace') id: string,
    @Query() query: InvoiceDocumentQuery,
    @Body() xml: unknown,
  ): Promise<true> {
    return this.updates.receiveDocument(caller, id, query.idAccount, xml);
  }
}
