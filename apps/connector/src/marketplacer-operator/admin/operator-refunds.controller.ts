import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
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
import {
  CreateRefundRequestDto,
  DenyRefundLineDto,
  ListRefundRequestsQuery,
  RefundLineResultDto,
  RefundNotesDto,
  RefundRefundDto,
  RefundRequestChangesQuery,
  RefundRequestDto,
  RefundRequestPageDto,
} from '../dto/operator-refunds.dto.js';
import { OperatorRefundsService } from '../operator-refunds.service.js';
import { ApiMarketplacerIdParam, MarketplacerIdPipe } from '../../http/marketplacer-id.pipe.js';

const REFUSED = ApiUnprocessableEntityResponse({
  type: ErrorResponseDto,
  description:
    "MARKETPLACER_VALIDATION_FAILED: Marketplacer refused it; `details` carry its messages as it wrote them (e.g. a step the request's status does not allow)",
});
const UNKNOWN_REQUEST = ApiNotFoundResponse({ type: ErrorResponseDto, description: 'MARKETPLACER_NOT_FOUND: Marketplacer has no such refund request' });
const UNKNOWN_LINE = ApiNotFoundResponse({ type: ErrorResponseDto, description: 'MARKETPLACER_NOT_FOUND: Marketplacer has no such refund request line' });
const REQUEST_ID = ApiMarketplacerIdParam('id', 'refund request', '1024');
const LINE_ID = ApiMarketplacerIdParam('lineId', 'refund request line (`lineItems[].id` of a refund request)', '2048');
const requestId = new MarketplacerIdPipe('RefundRequest', 'id');
const lineId = new MarketplacerIdPipe('RefundRequestLineItem', 'lineId');

@ApiTags('admin: Marketplacer refund requests')
@AdminRoute()
@Controller('admin/marketplacer/refund-requests')
export class OperatorRefundsController {
  constructor(private readonly refunds: OperatorRefundsService) {}

  @Get()
  @ApiOperation({
    summary: "Marketplacer's refund requests, read from Marketplacer now",
    description: '`refundRequests`, filtered by seller, invoice, statuses and creation time; page forwards with `after` = the previous `nextCursor`.',
  })
  @ApiOkResponse({ type: RefundRequestPageDto, description: 'One page' })
  @ApiInvalidInput('the filters or paging parameters')
  list(@Query() query: ListRefundRequestsQuery): Promise<RefundRequestPageDto> {
    return this.refunds.list(query);
  }

  @Get('changes')
  @ApiOperation({
    summary: 'Refund requests changed since a time, read from Marketplacer now',
    description: "`updatedRefundRequests`: every seller's refund requests changed at or after `updatedSince`, oldest change first.",
  })
  @ApiOkResponse({ type: RefundRequestPageDto, description: 'One page' })
  @ApiInvalidInput('updatedSince or the paging parameters')
  changes(@Query() query: RefundRequestChangesQuery): Promise<RefundRequestPageDto> {
    return this.refunds.changes(query);
  }

  @Post()
  @ApiOperation({
    summary: 'Create a refund request in Marketplacer, once per requestId',
    description:
      '`refundRequestCreate` with `requestId` kept as an external id. The same request repeated (its answer was lost) answers 200 with the refund request ' +
      'the first one made, instead of making another. Lines are invoice lines (`dispatched`: false a cancellation, true a return) or custom amounts.',
  })
  @ApiCreatedResponse({ type: RefundRequestDto, description: 'Made by this request (AWAITING)' })
  @ApiOkResponse({ type: RefundRequestDto, description: 'This requestId made it before: the refund request as it is now' })
  @ApiInvalidInput('the body')
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'REFUND_REQUEST_ID_REUSED: this requestId made a refund request of another invoice' })
  @REFUSED
  @ApiServiceUnavailableResponse({
    type: ErrorResponseDto,
    description: 'MARKETPLACER_UNAVAILABLE / MARKETPLACER_TIMEOUT: it may have been made; repeat the same request to find out',
  })
  async create(@Body() body: CreateRefundRequestDto, @Res({ passthrough: true }) res: Response): Promise<RefundRequestDto> {
    const made = await this.refunds.create(body);
    res.status(made.created ? HttpStatus.CREATED : HttpStatus.OK);
    return made.record;
  }

  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark the goods of a refund request as returned', description: '`refundRequestReturn`: AWAITING → RETURNED.' })
  @REQUEST_ID
  @ApiBody({ type: RefundNotesDto, required: false })
  @ApiOkResponse({ type: RefundRequestDto, description: 'The refund request, RETURNED' })
  @ApiInvalidInput('the id or the notes')
  @UNKNOWN_REQUEST
  @REFUSED
  markReturned(@Param('id', requestId) id: string, @Body() body: RefundNotesDto): Promise<RefundRequestDto> {
    return this.refunds.markReturned(id, body);
  }

  @Post(':id/refund')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Refund the buyer: the last step of a refund request',
    description: '`refundRequestRefund` (operator only): the request must be RETURNED or PROCESSED. Cash and recovered amounts in cents.',
  })
  @REQUEST_ID
  @ApiOkResponse({ type: RefundRequestDto, description: 'The refund request, REFUNDED' })
  @ApiInvalidInput('the id, the amounts or the notes')
  @UNKNOWN_REQUEST
  @REFUSED
  refund(@Param('id', requestId) id: string, @Body() body: RefundRefundDto): Promise<RefundRequestDto> {
    return this.refunds.refund(id, body);
  }

  @Post(':id/deny')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deny a refund request', description: '`refundRequestDeny`: the whole request is DENIED.' })
  @REQUEST_ID
  @ApiBody({ type: RefundNotesDto, required: false })
  @ApiOkResponse({ type: RefundRequestDto, description: 'The refund request, DENIED' })
  @ApiInvalidInput('the id or the notes')
  @UNKNOWN_REQUEST
  @REFUSED
  deny(@Param('id', requestId) id: string, @Body() body: RefundNotesDto): Promise<RefundRequestDto> {
    return this.refunds.deny(id, body);
  }

  @Post('lines/:lineId/accept')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept one line of a refund request',
    description: '`refundRequestLineItemAccept`: a return then awaits the goods, a cancellation is accepted for refund.',
  })
  @LINE_ID
  @ApiBody({ type: RefundNotesDto, required: false })
  @ApiOkResponse({ type: RefundLineResultDto, description: 'The line' })
  @ApiInvalidInput('the line id or the notes')
  @UNKNOWN_LINE
  @REFUSED
  acceptLine(@Param('lineId', lineId) id: string, @Body() body: RefundNotesDto): Promise<RefundLineResultDto> {
    return this.refunds.acceptLine(id, body);
  }

  @Post('lines/:lineId/return')
  @HttpCode(200)
  @ApiOperation({
    summary: "Mark one line's goods as returned",
    description: '`refundRequestLineItemReturn`: the line awaiting return is accepted for refund.',
  })
  @LINE_ID
  @ApiBody({ type: RefundNotesDto, required: false })
  @ApiOkResponse({ type: RefundLineResultDto, description: 'The line' })
  @ApiInvalidInput('the line id or the notes')
  @UNKNOWN_LINE
  @REFUSED
  markLineReturned(@Param('lineId', lineId) id: string, @Body() body: RefundNotesDto): Promise<RefundLineResultDto> {
    return this.refunds.markLineReturned(id, body);
  }

  @Post('lines/:lineId/deny')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deny one line of a refund request', description: '`refundRequestLineItemDeny` with the reason shown on the request.' })
  @LINE_ID
  @ApiOkResponse({ type: RefundLineResultDto, description: 'The line, REFUND_DENIED' })
  @ApiInvalidInput('the line id, the reason or the notes')
  @UNKNOWN_LINE
  @REFUSED
  denyLine(@Param('lineId', lineId) id: string, @Body() body: DenyRefundLineDto): Promise<RefundLineResultDto> {
    return this.refunds.denyLine(id, body);
  }
}
