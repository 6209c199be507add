import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AdminRoute, ApiInvalidInput, ErrorResponseDto } from '#common';
import { ApiMarketplacerIdParam, MarketplacerIdPipe } from '../../http/marketplacer-id.pipe.js';
import {
  ListRemittanceAdvicesQuery,
  ListRemittancesQuery,
  ReleaseRemittancesDto,
  RemittanceAdviceDto,
  RemittanceAdvicePaymentDto,
  RemittanceDto,
  SellerRemittancesDto,
  SellerRemittancesQuery,
} from '../dto/remittances.dto.js';
import { RemittancesService } from '../remittances/remittances.service.js';

const FROM_THE_COPY =
  "Answered from the connector's copy, which the `remittances` and `remittance-advices` sync jobs keep by reading Marketplacer's whole lists every " +
  'SYNC_REMITTANCES_INTERVAL_MS (their last complete read began at their watermark in GET /admin/sync/states).';
const REFUSED = ApiUnprocessableEntityResponse({
  type: ErrorResponseDto,
  description: 'MARKETPLACER_VALIDATION_FAILED: Marketplacer refused it; `details` carry its messages',
});
const UNAVAILABLE = ApiServiceUnavailableResponse({
  type: ErrorResponseDto,
  description: 'MARKETPLACER_UNAVAILABLE / MARKETPLACER_TIMEOUT: Marketplacer did not answer; it may have been done: the next scans show it',
});
const sellerId = new MarketplacerIdPipe('Seller', 'sellerId');
const adviceId = new MarketplacerIdPipe('RemittanceAdvice', 'id');

@ApiTags('admin: remittances')
@AdminRoute()
@Controller('admin')
export class RemittancesController {
  constructor(private readonly remittances: RemittancesService) {}

  @Get('remittances')
  @ApiOperation({
    summary: "Sellers' remittances: what each is owed per invoice, held or released",
    description: `Newest first, by seller and released/held. ${FROM_THE_COPY}`,
  })
  @ApiOkResponse({ type: [RemittanceDto], description: 'One page' })
  @ApiInvalidInput('the filters or paging parameters')
  listRemittances(@Query() query: ListRemittancesQuery): Promise<RemittanceDto[]> {
    return this.remittances.listRemittances(query);
  }

  @Get('remittance-advices')
  @ApiOperation({
    summary: "Sellers' remittance advices: released remittances grouped for one payment",
    description: `Newest first, by seller and paid/unpaid. ${FROM_THE_COPY}`,
  })
  @ApiOkResponse({ type: [RemittanceAdviceDto], description: 'One page' })
  @ApiInvalidInput('the filters or paging parameters')
  listAdvices(@Query() query: ListRemittanceAdvicesQuery): Promise<RemittanceAdviceDto[]> {
    return this.remittances.listAdvices(query);
  }

  @Get('sellers/:sellerId/remittances')
  @ApiOperation({
    summary: 'What one seller was held, released, advised and paid',
    description:
      'Totals in cents (held, released on no advice yet, advised unpaid, paid) and its newest remittances and advices. A seller the copy knows nothing of ' +
      `answers zero totals and empty lists. ${FROM_THE_COPY}`,
  })
  @ApiMarketplacerIdParam('sellerId', 'seller', '78')
  @ApiOkResponse({ type: SellerRemittancesDto, description: "The seller's remittances" })
  @ApiInvalidInput('the seller id or limit')
  ofSeller(@Param('sellerId', sellerId) id: string, @Query() query: SellerRemittancesQuery): Promise<SellerRemittancesDto> {
    return this.remittances.ofSeller(id, query.limit);
  }

  @Post('remittances/release')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Release held remittances in Marketplacer, to be paid',
    description:
      "`remittancesRelease`: each lands on its seller's open remittance advice. The copy takes the answer at once (their advice shows after the next " +
      'remittance-advices scan). Releasing one already released changes nothing.',
  })
  @ApiOkResponse({ type: [RemittanceDto], description: 'The remittances, released, as Marketplacer answered' })
  @ApiInvalidInput('the body')
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'MARKETPLACER_NOT_FOUND: Marketplacer has no such remittance' })
  @REFUSED
  @UNAVAILABLE
  release(@Body() body: ReleaseRemittancesDto): Promise<RemittanceDto[]> {
    return this.remittances.release(body);
  }

  @Put('remittance-advices/:id/payment')
  @ApiOperation({
    summary: 'Record the payment of a remittance advice in Marketplacer',
    description:
      '`remittanceAdviceUpdate` with the amount paid, when (now unless `paidAt` is given) and a reference; a paid advice marks its invoices remitted. ' +
      'The copy takes the answer at once. Sending it again replaces what was recorded.',
  })
  @ApiMarketplacerIdParam('id', 'remittance advice', '70001')
  @ApiOkResponse({ type: RemittanceAdviceDto, description: 'The advice, paid' })
  @ApiInvalidInput('the id or the body')
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'MARKETPLACER_NOT_FOUND: Marketplacer has no such remittance advice' })
  @REFUSED
  @UNAVAILABLE
  recordPayment(@Param('id', adviceId) id: string, @Body() body: RemittanceAdvicePaymentDto): Promise<RemittanceAdviceDto> {
    return this.remittances.recordPayment(id, body);
  }
}
