import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '#common';
import {
  SIMULATED_ANYMARKET_API_PATH,
  type AnymarketConfiguration,
  type FreightQuoteRequest,
  type FreightQuoteResponse,
  type ListOrdersQuery,
  type Order,
  type OrderDelivery,
  type OrderPage,
  type OrderPost,
  type OrderShipment,
  type OrderStatusDate,
  type OrderTransmissionStatusUpdate,
  type SkuMarketplace,
  type SkuMarketplacePriceStock,
  type SkuMarketplaceUpdate,
} from '#anymarket';
import { SellerToken } from './anymarket-api.gate.js';
import { SimulatedAnymarketErrorFilter } from './simulated-anymarket-error.js';
import { SimulatedCatalog } from './simulated-catalog.service.js';
import { SimulatedOrders } from './simulated-orders.service.js';

/**
 * ANYMARKET's marketplace API (marketplace_pt.yaml), stateful and in memory. Reachable without the
 * connector's credentials; `AnymarketApiGate` checks ANYMARKET's own `appId` and `token` headers.
 */
@ApiTags('simulated ANYMARKET marketplace API')
@Controller(SIMULATED_ANYMARKET_API_PATH.replace(/^\//, ''))
@PublicRoute()
@UseFilters(SimulatedAnymarketErrorFilter)
export class SimulatedAnymarketApiController {
  constructor(
    private readonly catalog: SimulatedCatalog,
    private readonly orders: SimulatedOrders,
  ) {}

  @Get('configuration')
  @ApiOperation({ summary: "The seller's account configuration" })
  configuration(@SellerToken() seller: string): AnymarketConfiguration {
    return this.catalog.configuration(seller);
  }

  @Get('configuration/:id')
  @ApiOperation({ summary: 'One account configuration by id' })
  configurationById(@SellerToken() seller: string, @Param('id') id: string): AnymarketConfiguration {
    return this.catalog.configurationById(seller, id);
  }

  @Get('skumarketplace/:id')
  @ApiOperation({ summary: 'A transmission' })
  transmission(@Param('id') id: string): SkuMarketplace {
    return this.catalog.transmission(id);
  }

  @Get('skumarketplace/:id/priceStock')
  @ApiOperation({ summary: "A transmission's price and stock" })
  priceStock(@Param('id') id: string): SkuMarketplacePriceStock {
    return this.catalog.priceStock(id);
  }

  @Put('skumarketplace/:id')
  @ApiOperation({ summary: "Report a transmission's listing result" })
  updateTransmission(@Param('id') id: string, @Body() update: SkuMarketplaceUpdate): SkuMarketplace {
    return this.catalog.update(id, update);
  }

  @Post('orders')
  @HttpCode(200)
  @ApiOperation({ summary: 'Create an order (400 when its marketPlaceId exists or it breaks the OrderPost schema or money rules)' })
  createOrder(@SellerToken() seller: string, @Body() order: OrderPost, @Query() query: Record<string, unknown>): Order {
    return this.orders.create(seller, order, query);
  }

  @Get('orders')
  @ApiOperation({ summary: "List the seller's orders" })
  listOrders(@SellerToken() seller: string, @Query() query: Record<keyof ListOrdersQuery, string | undefined>): OrderPage {
    return this.orders.list(seller, query);
  }

  @Get('orders/:id')
  @ApiOperation({ summary: 'An order, by marketPlaceId or ANYMARKET id' })
  order(@SellerToken() seller: string, @Param('id') id: string): Order {
    return this.orders.get(seller, id);
  }

  @Put('orders/:marketPlaceId/markAsPaid')
  markAsPaid(@SellerToken() seller: string, @Param('marketPlaceId') id: string, @Body() body: OrderStatusDate): Order {
    return this.orders.markAsPaid(seller, id, body);
  }

  @Put('orders/:marketPlaceId/markAsCanceled')
  markAsCanceled(@SellerToken() seller: string, @Param('marketPlaceId') id: string, @Body() body: OrderStatusDate): Order {
    return this.orders.markAsCanceled(seller, id, body);
  }

  @Put('orders/:marketPlaceId/markAsInvoiced')
  markAsInvoiced(@SellerToken() seller: string, @Param('marketPlaceId') id: string, @Body() body: OrderStatusDate): Order {
    return this.orders.markAsInvoiced(seller, id, body);
  }

  @Put('orders/:marketPlaceId/markAsShipped')
  markAsShipped(@SellerToken() seller: string, @Param('marketPlaceId') id: string, @Body() body: OrderShipment): Order {
    return this.orders.markAsShipped(seller, id, body);
  }

  @Put('orders/:marketPlaceId/markAsDelivered')
  markAsDelivered(@SellerToken() seller: string, @Param('marketPlaceId') id: string, @Body() body: OrderDelivery): Order {
    return this.orders.markAsDelivered(seller, id, body);
  }

  @Put('orders/:marketPlaceId/transmissionStatus')
  transmissionStatus(@SellerToken() seller: string, @Param('marketPlaceId') id: string, @Body() body: OrderTransmissionStatusUpdate): Order {
    return this.orders.updateTransmissionStatus(seller, id, body);
  }

  @Post('freight')
  @HttpCode(200)
  @ApiOperation({ summary: 'Freight quote' })
  freight(@Body() request: FreightQuoteRequest): FreightQuoteResponse {
    return this.catalog.quoteFreight(request);
  }
}
