import { Body, Controller, HttpStatus, Param, Patch, Post, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AdminRoute, ApiInvalidInput, ErrorResponseDto } from '#common';
import { CreateOperatorOrderDto, MarketplacerOrderDto, UpdateOperatorOrderDto } from '../dto/operator-orders.dto.js';
import { OperatorOrdersService } from '../operator-orders.service.js';
import { ApiMarketplacerIdParam, MarketplacerIdPipe } from '../../http/marketplacer-id.pipe.js';

const REFUSED = ApiUnprocessableEntityResponse({
  type: ErrorResponseDto,
  description: 'MARKETPLACER_VALIDATION_FAILED: Marketplacer refused it; `details` carry its messages as it wrote them (e.g. not enough stock)',
});

@ApiTags('admin: Marketplacer orders')
@AdminRoute()
@Controller('admin/marketplacer/orders')
export class OperatorOrdersController {
  constructor(private readonly orders: OperatorOrdersService) {}

  @Post()
  @ApiOperation({
    summary: "Create a storefront's order in Marketplacer, once per externalId",
    description:
      "`orderCreate` with the storefront's order id kept as an external id, looked up first: an order sent again (its answer was lost) answers 200 with " +
      'the order made the first time instead of making another. Marketplacer splits the lines into one invoice per seller; line totals and postage in cents.',
  })
  @ApiCreatedResponse({ type: MarketplacerOrderDto, description: 'Made by this request' })
  @ApiOkResponse({ type: MarketplacerOrderDto, description: 'An order with this externalId was made before: that order' })
  @ApiInvalidInput('the body')
  @REFUSED
  @ApiServiceUnavailableResponse({
    type: ErrorResponseDto,
    description: 'MARKETPLACER_UNAVAILABLE / MARKETPLACER_TIMEOUT: it may have been made; send the same order again to find out',
  })
  async create(@Body() body: CreateOperatorOrderDto, @Res({ passthrough: true }) res: Response): Promise<MarketplacerOrderDto> {
    const made = await this.orders.create(body);
    res.status(made.created ? HttpStatus.CREATED : HttpStatus.OK);
    return made.record;
  }

  @Patch(':id')
  @ApiOperation({
    summary: "Update an order's status and payment details in Marketplacer",
    description: '`orderUpdate`: the status is required on every update; `paymentGatewayDetails` is merged into what the order has.',
  })
  @ApiMarketplacerIdParam('id', 'order', '2048')
  @ApiOkResponse({ type: MarketplacerOrderDto, description: 'The order' })
  @ApiInvalidInput('the id or the body')
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'MARKETPLACER_NOT_FOUND: Marketplacer has no such order' })
  @REFUSED
  update(@Param('id', new MarketplacerIdPipe('Order', 'id')) id: string, @Body() body: UpdateOperatorOrderDto): Promise<MarketplacerOrderDto> {
    return this.orders.update(id, body);
  }
}
