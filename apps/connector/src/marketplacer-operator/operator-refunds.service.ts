import { Injectable, Logger } from '@nestjs/common';
import {
  createOnce,
  type CreatedOnce,
  fromGlobalId,
  MarketplacerFulfilment,
  MarketplacerOrders,
  type MarketplacerRefundLine,
  type MarketplacerRefundRequest,
  type PageOf,
  type RefundLineInput,
} from '#marketplacer';
import type {
  CreateRefundRequestDto,
  DenyRefundLineDto,
  ListRefundRequestsQuery,
  RefundLineDto,
  RefundNotesDto,
  RefundRefundDto,
  RefundRequestChangesQuery,
  RefundRequestPageDto,
} from './dto/operator-refunds.dto.js';
import { marketplacerOperatorErrors } from './marketplacer-operator.errors.js';

/** The external id key of the refund requests operators create; the value is their `requestId`. */
export const OPERATOR_REFUND_REQUEST_KEY = 'anymarket-connector-refund-request';

/**
 * Operators' refund requests in Marketplacer: the lists, the create (at most once per requestId), and
 * every step of the standard and per-line flows. Marketplacer's refusals are its own MarketplacerErrors,
 * passed on as they are (its messages in `details`).
 */
@Injectable()
export class OperatorRefundsService {
  private readonly logger = new Logger('Orders');

  constructor(
    private readonly fulfilment: MarketplacerFulfilment,
    private readonly orders: MarketplacerOrders,
  ) {}

  async list(query: ListRefundRequestsQuery): Promise<RefundRequestPageDto> {
    const page = await this.fulfilment.listRefundRequests({
      sellerId: query.seller,
      invoiceLegacyId: query.invoice,
      statuses: query.statuses,
      createdSince: query.createdSince === undefined ? undefined : new Date(query.createdSince).toISOString(),
      first: query.limit,
      after: query.after,
    });
    return pageOf(page);
  }

  async changes(query: RefundRequestChangesQuery): Promise<RefundRequestPageDto> {
    const page = await this.orders.listRefundRequestsUpdatedSince({
      updatedSince: new Date(query.updatedSince).toISOString(),
      first: query.limit,
      after: query.after,
    });
    return pageOf(page);
  }

  /** Creates the refund request, or answers the one this requestId made before (`created: false`). */
  async create(body: CreateRefundRequestDto): Promise<CreatedOnce<MarketplacerRefundRequest>> {
    const made = await createOnce(
      {
        what: 'refund request',
        externalId: body.requestId,
        find: () => this.fulfilment.findRefundRequestsByExternalId(OPERATOR_REFUND_REQUEST_KEY, body.requestId),
        create: () =>
          this.fulfilment.createRefundRequest({
            invoiceId: body.invoiceId,
            lines: body.lines.map(refundLineInput),
            notes: body.notes,
            externalIds: [{ key: OPERATOR_REFUND_REQUEST_KEY, value: body.requestId }],
          }),
      },
      this.logger,
    );
    if (!made.created && !sameInvoice(made.record, body.invoiceId)) {
      throw marketplacerOperatorErrors.refundRequestIdReused(body.requestId, made.record.id, made.record.invoice.legacyId);
    }
    this.logger.log({ msg: made.created ? 'refund request created in Marketplacer' : 'refund request already made', refundRequestId: made.record.id });
    return made;
  }

  markReturned(refundRequestId: string, body: RefundNotesDto): Promise<MarketplacerRefundRequest> {
    return this.fulfilment.returnRefundRequest(refundRequestId, body.notes);
  }

  refund(refundRequestId: string, body: RefundRefundDto): Promise<MarketplacerRefundRequest> {
    return this.fulfilment.refundRefundRequest({
      refundRequestId,
      cashAmountCents: body.cashAmountCents,
      recoveredAmountCents: body.recoveredAmountCents,
      notes: body.notes,
    });
  }

  deny(refundRequestId: string, body: RefundNotesDto): Promise<MarketplacerRefundRequest> {
    return this.fulfilment.denyRefundRequest(refundRequestId, body.notes);
  }

  acceptLine(lineId: string, body: RefundNotesDto): Promise<MarketplacerRefundLine> {
    return this.fulfilment.acceptRefundLine(lineId, body.notes);
  }

  markLineReturned(lineId: string, body: RefundNotesDto): Promise<MarketplacerRefundLine> {
    return this.fulfilment.returnRefundLine(lineId, body.notes);
  }

  denyLine(lineId: string, body: DenyRefundLineDto): Promise<MarketplacerRefundLine> {
    return this.fulfilment.denyRefundLine(lineId, body.reason, body.notes);
  }
}

function refundLineInput(line: RefundLineDto): RefundLineInput {
  if (line.lineItemId !== undefined) {
    return { lineItemId: line.lineItemId, quantity: line.quantity, reason: line.reason!, dispatched: line.dispatched! };
  }
  return {
    custom: line.custom!,
    amountPerItemCents: line.amountPerItemCents!,
    quantity: line.quantity,
    ...(line.onlyRemittance !== undefined ? { onlyRemittance: line.onlyRemittance } : {}),
  };
}

/** Whether the refund request is of the invoice named (global ids may differ in padding, so legacy ids are compared when both decode). */
function sameInvoice(refundRequest: MarketplacerRefundRequest, invoiceId: string): boolean {
  const named = fromGlobalId(invoiceId);
  return named ? named.legacyId === refundRequest.invoice.legacyId : invoiceId === refundRequest.invoice.id;
}

function pageOf(page: PageOf<MarketplacerRefundRequest>): RefundRequestPageDto {
  return { items: page.nodes, nextCursor: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null };
}
