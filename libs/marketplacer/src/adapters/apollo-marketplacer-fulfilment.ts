import { Injectable } from '@nestjs/common';
import { MarketplacerClient } from '../client/marketplacer-client.js';
import {
  OrderCreateDocument,
  OrdersByExternalIdDocument,
  OrderUpdateDocument,
  RefundRequestCreateDocument,
  RefundRequestDenyDocument,
  RefundRequestLineItemAcceptDocument,
  RefundRequestLineItemDenyDocument,
  type RefundRequestLineItemFieldsFragment,
  RefundRequestLineItemReturnDocument,
  RefundRequestRefundDocument,
  RefundRequestReturnDocument,
  RefundRequestsByExternalIdDocument,
  RefundRequestsDocument,
  type RefundRequestStatusEnum,
  ShipmentCarriersDocument,
  ShipmentCreateDocument,
} from '../contract/generated/graphql.js';
import { checkMutationPayload, requirePayloadObject } from '../errors/mutation-payload.js';
import { MAX_PAGE_SIZE, pageOf, pageSize, paginate } from '../pagination/paginate.js';
import {
  type MarketplacerCarrier,
  MarketplacerFulfilment,
  type MarketplacerOrder,
  type MarketplacerOrderCreate,
  type MarketplacerOrderUpdate,
  type MarketplacerRefundLine,
  type RefundNotes,
  type RefundRequestCreate,
  type RefundRequestRefund,
  type RefundRequestsQuery,
  type ShipmentCreate,
} from '../ports/marketplacer-fulfilment.port.js';
import type { MarketplacerRefundRequest, MarketplacerShipment } from '../ports/marketplacer-orders.port.js';
import type { PageOf } from '../ports/paging.js';
import {
  globalIdOf,
  noteInputs,
  optionalWholeNumber,
  orderCreateInput,
  orderUpdateInput,
  refundRequestCreateInput,
  shipmentCreateInput,
} from './fulfilment-input.js';
import { toShipment } from './invoice-mapper.js';
import { toOrder } from './order-mapper.js';
import { toRefundRequest } from './refund-request-mapper.js';

/**
 * The Fulfilment port on the shared Apollo client. Creates (shipments, refund requests, orders) are
 * repeated only where Marketplacer cannot have acted; the other mutations move a record from one state
 * to the next, so a repeat cannot make a second one.
 */
@Injectable()
export class ApolloMarketplacerFulfilment extends MarketplacerFulfilment {
  constructor(private readonly client: MarketplacerClient) {
    super();
  }

  async listCarriers(): Promise<MarketplacerCarrier[]> {
    const carriers: MarketplacerCarrier[] = [];
    for await (const page of paginate((after) => this.carrierPage(after))) carriers.push(...page.nodes);
    return carriers;
  }

  private async carrierPage(after: string | undefined): Promise<PageOf<MarketplacerCarrier>> {
    const { shipmentCarriers } = await this.client.query(ShipmentCarriersDocument, { first: MAX_PAGE_SIZE, after });
    return pageOf('shipmentCarriers', shipmentCarriers, ({ id, name }) => ({ id, name }));
  }

  async createShipment(input: ShipmentCreate): Promise<MarketplacerShipment> {
    const { shipmentCreate } = await this.client.mutate(ShipmentCreateDocument, { input: shipmentCreateInput(input) }, { onlySafeRetries: true });
    const payload = checkMutationPayload('shipmentCreate', shipmentCreate, ['invoiceId']);
    return toShipment(requirePayloadObject('shipmentCreate', 'shipment', payload.shipment));
  }

  async createRefundRequest(input: RefundRequestCreate): Promise<MarketplacerRefundRequest> {
    const { refundRequestCreate } = await this.client.mutate(
      RefundRequestCreateDocument,
      { input: refundRequestCreateInput(input) },
      { onlySafeRetries: true },
    );
    const payload = checkMutationPayload('refundRequestCreate', refundRequestCreate, ['invoiceId']);
    return toRefundRequest(requirePayloadObject('refundRequestCreate', 'refundRequest', payload.refundRequest));
  }

  async findRefundRequestsByExternalId(key: string, value: string): Promise<MarketplacerRefundRequest[]> {
    const { externalIds } = await this.client.query(RefundRequestsByExternalIdDocument, { key, value });
    return externalIds.flatMap(({ owner }) => (owner.__typename === 'RefundRequest' ? [toRefundRequest(owner)] : []));
  }

  async listRefundRequests(query: RefundRequestsQuery): Promise<PageOf<MarketplacerRefundRequest>> {
    const { refundRequests } = await this.client.query(RefundRequestsDocument, {
      sellerId: query.sellerId === undefined ? undefined : globalIdOf('Seller', query.sellerId, 'sellerId'),
      // Statuses are passed as given: Marketplacer rejects a word its RefundRequestStatusEnum does not have.
      filters: {
        invoiceLegacyId: optionalWholeNumber(query.invoiceLegacyId, 'invoiceLegacyId'),
        statuses: query.statuses as RefundRequestStatusEnum[] | undefined,
        createdSince: query.createdSince,
      },
      first: pageSize(query.first),
      after: query.after,
    });
    return pageOf('refundRequests', refundRequests, toRefundRequest);
  }

  async returnRefundRequest(refundRequestId: string, notes: RefundNotes): Promise<MarketplacerRefundRequest> {
    const input = { refundRequestId: globalIdOf('RefundRequest', refundRequestId, 'refundRequestId'), notes: noteInputs(notes) };
    const { refundRequestReturn } = await this.client.mutate(RefundRequestReturnDocument, { input });
    const payload = checkMutationPayload('refundRequestReturn', refundRequestReturn, ['refundRequestId']);
    return toRefundRequest(requirePayloadObject('refundRequestReturn', 'refundRequest', payload.refundRequest));
  }

  async refundRefundRequest(refund: RefundRequestRefund): Promise<MarketplacerRefundRequest> {
    const input = {
      refundRequestId: globalIdOf('RefundRequest', refund.refundRequestId, 'refundRequestId'),
      cashAmountCents: optionalWholeNumber(refund.cashAmountCents, 'cashAmountCents'),
      recoveredAmountCents: optionalWholeNumber(refund.recoveredAmountCents, 'recoveredAmountCents'),
      notes: noteInputs(refund.notes),
    };
    const { refundRequestRefund } = await this.client.mutate(RefundRequestRefundDocument, { input });
    const payload = checkMutationPayload('refundRequestRefund', refundRequestRefund, ['refundRequestId']);
    return toRefundRequest(requirePayloadObject('refundRequestRefund', 'refundRequest', payload.refundRequest));
  }

  async denyRefundRequest(refundRequestId: string, notes: RefundNotes): Promise<MarketplacerRefundRequest> {
    const input = { refundRequestId: globalIdOf('RefundRequest', refundRequestId, 'refundRequestId'), notes: noteInputs(notes) };
    const { refundRequestDeny } = await this.client.mutate(RefundRequestDenyDocument, { input });
    const payload = checkMutationPayload('refundRequestDeny', refundRequestDeny, ['refundRequestId']);
    return toRefundRequest(requirePayloadObject('refundRequestDeny', 'refundRequest', payload.refundRequest));
  }

  async acceptRefundLine(refundRequestLineItemId: string, notes: RefundNotes): Promise<MarketplacerRefundLine> {
    const { refundRequestLineItemAccept } = await this.client.mutate(RefundRequestLineItemAcceptDocument, {
      input: { refundRequestLineItemId: refundLineId(refundRequestLineItemId), notes: noteInputs(notes) },
    });
    const payload = checkMutationPayload('refundRequestLineItemAccept', refundRequestLineItemAccept, ['refundRequestLineItemId']);
    return toRefundLine(requirePayloadObject('refundRequestLineItemAccept', 'refundRequestLineItem', payload.refundRequestLineItem));
  }

  async returnRefundLine(refundRequestLineItemId: string, notes: RefundNotes): Promise<MarketplacerRefundLine> {
    const { refundRequestLineItemReturn } = await this.client.mutate(RefundRequestLineItemReturnDocument, {
      input: { refundRequestLineItemId: refundLineId(refundRequestLineItemId), notes: noteInputs(notes) },
    });
    const payload = checkMutationPayload('refundRequestLineItemReturn', refundRequestLineItemReturn, ['refundRequestLineItemId']);
    return toRefundLine(requirePayloadObject('refundRequestLineItemReturn', 'refundRequestLineItem', payload.refundRequestLineItem));
  }

  async denyRefundLine(refundRequestLineItemId: string, reason: string, notes: RefundNotes): Promise<MarketplacerRefundLine> {
    const { refundRequestLineItemDeny } = await this.client.mutate(RefundRequestLineItemDenyDocument, {
      input: { refundRequestLineItemId: refundLineId(refundRequestLineItemId), denyRefundReason: reason, notes: noteInputs(notes) },
    });
    const payload = checkMutationPayload('refundRequestLineItemDeny', refundRequestLineItemDeny, ['refundRequestLineItemId']);
    return toRefundLine(requirePayloadObject('refundRequestLineItemDeny', 'refundRequestLineItem', payload.refundRequestLineItem));
  }

  async createOrder(input: MarketplacerOrderCreate): Promise<MarketplacerOrder> {
    const { orderCreate } = await this.client.mutate(OrderCreateDocument, { input: orderCreateInput(input) }, { onlySafeRetries: true });
    // orderCreate acts on no existing record: every "No object found" names a reference in the input.
    const payload = checkMutationPayload('orderCreate', orderCreate, []);
    return toOrder(requirePayloadObject('orderCreate', 'order', payload.order));
  }

  async findOrdersByExternalId(key: string, value: string): Promise<MarketplacerOrder[]> {
    const { externalIds } = await this.client.query(OrdersByExternalIdDocument, { key, value });
    return externalIds.flatMap(({ owner }) => (owner.__typename === 'Order' ? [toOrder(owner)] : []));
  }

  async updateOrder(input: MarketplacerOrderUpdate): Promise<MarketplacerOrder> {
    const { orderUpdate } = await this.client.mutate(OrderUpdateDocument, { input: orderUpdateInput(input) });
    const payload = checkMutationPayload('orderUpdate', orderUpdate, ['orderId']);
    return toOrder(requirePayloadObject('orderUpdate', 'order', payload.order));
  }
}

function refundLineId(reference: string): string {
  return globalIdOf('RefundRequestLineItem', reference, 'refundRequestLineItemId');
}

function toRefundLine(line: RefundRequestLineItemFieldsFragment): MarketplacerRefundLine {
  return { id: line.id, status: line.status, reason: line.reason };
}
