import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InvalidInputError, NotFoundError, PublicRoute } from '#common';
import type { Order, SkuMarketplace } from '#anymarket';
import { AnymarketSimulatorState, type SimulatedAnymarketCall, type SimulatedContractViolation } from './anymarket-simulator.state.js';
import { OrderRulesDto } from './dto/order-rules.dto.js';
import { RegisteredSimulatedTokenDto, RegisterSimulatedTokenDto } from './dto/register-simulated-token.dto.js';
import { SellerOrderChangeDto } from './dto/seller-order-change.dto.js';
import { SimulatedFaultDto } from './dto/simulated-fault.dto.js';
import { SimulatedCatalog } from './simulated-catalog.service.js';
import { SimulatedOrders } from './simulated-orders.service.js';

/**
 * Test and demo controls of the simulated ANYMARKET: inspect calls and contract violations, reset, seed
 * tokens and transmissions, inject faults.
 */
@ApiTags('simulator control: ANYMARKET')
@Controller('_control/anymarket')
@PublicRoute()
export class AnymarketControlController {
  constructor(
    private readonly state: AnymarketSimulatorState,
    private readonly catalog: SimulatedCatalog,
    private readonly simulatedOrders: SimulatedOrders,
  ) {}

  @Get('calls')
  @ApiOperation({ summary: 'Every marketplace-API call received since the last clear, oldest first' })
  calls(): { calls: SimulatedAnymarketCall[] } {
    return { calls: this.state.calls };
  }

  @Delete('calls')
  @HttpCode(204)
  @ApiNoContentResponse()
  clearCalls(): void {
    this.state.calls.length = 0;
  }

  @Get('violations')
  @ApiOperation({ summary: "Requests refused for breaking ANYMARKET's contract (schema or money rules) since the last reset or clear, oldest first" })
  violations(): { violations: SimulatedContractViolation[] } {
    return { violations: this.state.violations };
  }

  @Delete('violations')
  @HttpCode(204)
  @ApiNoContentResponse()
  clearViolations(): void {
    this.state.violations.length = 0;
  }

  @Post('reset')
  @HttpCode(204)
  @ApiOperation({ summary: 'Back to the seed: seeded token and transmissions only, no orders, calls, violations, faults or rate windows' })
  reset(): void {
    this.state.reset();
  }

  @Post('tokens')
  @ApiOperation({ summary: 'Make a seller token valid (with the configuration GET /configuration answers)' })
  registerToken(@Body() dto: RegisterSimulatedTokenDto): RegisteredSimulatedTokenDto {
    const configuration = this.state.registerSeller(dto.token, dto.configuration ?? {});
    return { tokenHint: `…${dto.token.slice(-4)}`, configuration };
  }

  @Put('skumarketplace/:id')
  @ApiOperation({ summary: 'Create or replace a transmission (body: a GET /skumarketplace/{id} answer)' })
  putTransmission(@Param('id', ParseIntPipe) id: number, @Body() body: Record<string, unknown>): SkuMarketplace {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new InvalidInputError('The body must be a transmission object');
    return this.catalog.put(id, body as Partial<SkuMarketplace>);
  }

  @Post('skumarketplace/:id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Same as PUT' })
  postTransmission(@Param('id', ParseIntPipe) id: number, @Body() body: Record<string, unknown>): SkuMarketplace {
    return this.putTransmission(id, body);
  }

  @Get('skumarketplace/:id')
  @ApiOperation({ summary: 'A transmission as stored, without appId/token or rate limit' })
  transmission(@Param('id', ParseIntPipe) id: number): SkuMarketplace {
    const transmission = this.state.transmissions.get(id);
    if (!transmission) throw new NotFoundError('Transmission', id);
    return transmission;
  }

  @Delete('skumarketplace/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'The seller deletes a transmission in ANYMARKET: the marketplace API answers 404 for it from now on' })
  deleteTransmission(@Param('id', ParseIntPipe) id: number): void {
    if (!this.state.transmissions.delete(id)) throw new NotFoundError('Transmission', id);
  }

  @Get('orders')
  @ApiOperation({ summary: 'Every order of every seller' })
  orders(): { orders: Array<{ tokenHint: string; order: Order; transmissionErrorMessage?: string }> } {
    const orders = [...this.state.orders.values()].flatMap((bySeller) => [...bySeller.values()]);
    return {
      orders: orders.map(({ sellerToken, order, transmissionErrorMessage }) => ({ tokenHint: `…${sellerToken.slice(-4)}`, order, transmissionErrorMessage })),
    };
  }

  @Put('orders/:marketPlaceId')
  @ApiOperation({
    summary: 'The seller changes an order in ANYMARKET (status, invoice, tracking), as its screen or ERP would',
    description:
      "No marketplace rules apply (it is ANYMARKET's own side); transmissionStatus becomes WAITING. Then call the connector's updateOrderStatusInMarketPlace remote with `orderId`, `oldStatus` and the new status.",
  })
  changeOrder(@Param('marketPlaceId') marketPlaceId: string, @Body() dto: SellerOrderChangeDto): { order: Order; oldStatus: string } {
    return this.simulatedOrders.sellerChange(marketPlaceId, dto);
  }

  @Get('order-rules')
  @ApiOperation({ summary: 'How order transitions the v2 table does not list are treated (strict after a reset)' })
  orderRules(): OrderRulesDto {
    return { ...this.state.orderRules };
  }

  @Put('order-rules')
  @ApiOperation({
    summary: 'Make the simulated ANYMARKET take a markAsShipped on a SHIPPED order as a tracking update (or refuse it again, as the v2 table does)',
    description: 'Lasts until the next change or reset.',
  })
  setOrderRules(@Body() dto: OrderRulesDto): OrderRulesDto {
    this.state.orderRules = { repeatShippedUpdatesTracking: dto.repeatShippedUpdatesTracking };
    return { ...this.state.orderRules };
  }

  @Post('faults')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delay, fail, or lose the answer of the next (matching) marketplace-API calls' })
  armFault(@Body() dto: SimulatedFaultDto): void {
    if (dto.status === undefined && dto.delayMs === undefined && !dto.afterServe) throw new InvalidInputError('Give a status, a delayMs, afterServe, or a mix');
    this.state.faults.push({
      remaining: dto.count,
      status: dto.status,
      delayMs: dto.delayMs,
      retryAfterSeconds: dto.retryAfterSeconds,
      afterServe: dto.afterServe,
      method: dto.method,
      pathPattern: dto.pathPattern === undefined ? undefined : compilePattern(dto.pathPattern),
    });
  }

  @Delete('faults')
  @HttpCode(204)
  @ApiOperation({ summary: 'Disarm every armed fault' })
  disarmFaults(): void {
    this.state.faults.length = 0;
  }
}

function compilePattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (error) {
    throw new InvalidInputError(`pathPattern is not a valid regular expression: ${(error as Error).message}`);
  }
}
