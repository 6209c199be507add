import { Injectable } from '@nestjs/common';
import { MarketplacerClient } from '../client/marketplacer-client.js';
import { MarketplacerContractStatus } from '../contract/contract-status.js';
import {
  InvoiceByIdDocument,
  InvoiceLineTotalsDocument,
  type InvoiceStatusEnum,
  InvoicesUpdatedSinceDocument,
  InvoicesWhereDocument,
  RefundRequestByIdDocument,
  RefundRequestsUpdatedSinceDocument,
  ShipmentInvoiceDocument,
} from '../contract/generated/graphql.js';
import { resolveGlobalId } from '../ids/global-id.js';
import { pageOf, pageSize } from '../pagination/paginate.js';
import {
  type ChangesQuery,
  type InvoiceLineTotals,
  type InvoiceSearch,
  type MarketplacerInvoice,
  MarketplacerOrders,
  type MarketplacerRefundRequest,
} from '../ports/marketplacer-orders.port.js';
import type { PageOf } from '../ports/paging.js';
import { schemaRefusalOf } from '../contract-check/classify-problem.js';
import { toInvoice } from './invoice-mapper.js';
import { toRefundRequest } from './refund-request-mapper.js';

/** The Orders port on the shared Apollo client: invoices and refund requests, marketplace-wide. */
@Injectable()
export class ApolloMarketplacerOrders extends MarketplacerOrders {
  constructor(
    private readonly client: MarketplacerClient,
    private readonly contract: MarketplacerContractStatus,
  ) {
    super();
  }

  async listInvoicesUpdatedSince(query: ChangesQuery): Promise<PageOf<MarketplacerInvoice>> {
    const { invoices } = await this.client.query(InvoicesUpdatedSinceDocument, {
      updatedSince: query.updatedSince,
      first: pageSize(query.first),
      after: query.after,
    });
    return pageOf('invoices', invoices, toInvoice);
  }

  async searchInvoices(search: InvoiceSearch): Promise<PageOf<MarketplacerInvoice>> {
    const { invoices } = await this.client.query(InvoicesWhereDocument, {
      // Statuses are passed as given: Marketplacer rejects a word its InvoiceStatusEnum does not have.
      filters: { createdSince: search.createdSince, statuses: search.statuses as InvoiceStatusEnum[] | undefined },
      first: pageSize(search.first),
      after: search.after,
    });
    return pageOf('invoices', invoices, toInvoice);
  }

  async findInvoice(reference: string): Promise<MarketplacerInvoice | null> {
    const id = resolveGlobalId('Invoice', reference);
    if (id === null) return null;
    const { node } = await this.client.query(InvoiceByIdDocument, { id });
    // Absent (null) and ids of other types both mean "no such invoice".
    if (node?.__typename !== 'Invoice') return null;
    return toInvoice(node);
  }

  async findInvoiceLineTotals(invoiceId: string): Promise<InvoiceLineTotals> {
    const operation = 'InvoiceLineTotals';
    if (!this.contract.isUsable(operation)) return { available: false, reason: unavailable(this.contract, operation) };
    try {
      const { node } = await this.client.query(InvoiceLineTotalsDocument, { id: invoiceId });
      if (node?.__typename !== 'Invoice') return { available: true, lines: [] };
      return {
        available: true,
        lines: node.lineItems.map((line) => ({ lineItemId: line.id, totalCents: line.totalCents, postageCents: line.postageCents })),
      };
    } catch (error) {
      const problems = schemaRefusalOf(error);
      if (problems === null) throw error;
      this.contract.recordRefusal(operation, problems);
      return { available: false, reason: unavailable(this.contract, operation) };
    }
  }

  async listRefundRequestsUpdatedSince(query: ChangesQuery): Promise<PageOf<MarketplacerRefundRequest>> {
    const { updatedRefundRequests } = await this.client.query(RefundRequestsUpdatedSinceDocument, {
      updatedSince: query.updatedSince,
      first: pageSize(query.first),
      after: query.after,
    });
    return pageOf('updatedRefundRequests', updatedRefundRequests, toRefundRequest);
  }

  async findRefundRequest(id: string): Promise<MarketplacerRefundRequest | null> {
    const { node } = await this.client.query(RefundRequestByIdDocument, { id });
    return node?.__typename === 'RefundRequest' ? toRefundRequest(node) : null;
  }

  async findInvoiceOfShipment(shipmentId: string): Promise<MarketplacerInvoice | null> {
    const { node } = await this.client.query(ShipmentInvoiceDocument, { id: shipmentId });
    return node?.__typename === 'Shipment' ? toInvoice(node.invoice) : null;
  }
}

function unavailable(contract: MarketplacerContractStatus, operation: string): string {
  const problems = contract.verdictOf(operation)?.problems ?? [];
  return `Marketplacer's schema refuses ${operation}${problems.length > 0 ? `: ${problems.join('; ')}` : ''}`;
}
