import { Injectable } from '@nestjs/common';
import type { Order, OrderInvoice, OrderStatus } from '#anymarket';
import { DomainError } from '#common';
import type { MarketplacerInvoice } from '#marketplacer';
import { ShipmentDispatcher } from '../../shipments/index.js';
import type { NfeDocument } from './nfe/nfe-document.js';
import { OrderCancellation } from './order-cancellation.js';
import { OrderStore } from '../order.store.js';

/** What applying ANYMARKET's status came to: what `transmissionStatus` says, and whether Marketplacer was written. */
export interface AppliedUpdate {
  success: boolean;
  /** Why it failed (sent as `errorMessage`), or what was done (timeline only). */
  message: string;
  /** Marketplacer was written (the invoice is read again for `marketPlaceStatus`). */
  wrote: boolean;
}

/** The seller's invoice (NF-e) data: ANYMARKET's order JSON, else the XML the seller sent. */
export interface InvoiceData {
  number: string;
  series: string | null;
  accessKey: string | null;
  issuedAt: string | null;
  cfop: string | null;
  source: 'json' | 'xml';
}

/**
 * One ANYMARKET status applied to the order's Marketplacer invoice (ANYMARKET-NOTES §4 "ANYMARKET →
 * marketplace"), from the order as ANYMARKET has it now (jumps included: PAID → SHIPPED/DELIVERED):
 * - INVOICED: the NF-e data must be there (JSON or XML, either order); kept on the order. INFERRED:
 *   Marketplacer's contract has no invoice-document field, so it travels in the shipment's note.
 * - SHIPPED: `shipmentCreate` for what is left to ship, with the mapped carrier.
 * - DELIVERED: shipped first when nothing was (a jump); INFERRED: the contract has no delivery
 *   mutation, so delivery is recorded here and on ANYMARKET only.
 * - CANCELED: a refund request for the unshipped lines (OrderCancellation).
 * - PENDING, PAID: nothing to write.
 * Refusals that another attempt cannot change (an unmapped carrier, Marketplacer's validation
 * messages) come back as `success: false` with the reason; anything else is thrown for a retry.
 */
@Injectable()
export class OrderUpdateActions {
  constructor(
    private readonly shipments: ShipmentDispatcher,
    private readonly cancellation: OrderCancellation,
    private readonly store: OrderStore,
  ) {}

  async apply(orderId: number, status: OrderStatus, order: Order, invoice: MarketplacerInvoice, document: NfeDocument | null): Promise<AppliedUpdate> {
    try {
      switch (status) {
        case 'INVOICED':
          return invoiced(invoiceDataOf(order.invoice, document));
        case 'SHIPPED':
          return await this.ship(orderId, order, invoice, invoiceDataOf(order.invoice, document));
        case 'DELIVERED':
          return await this.delivered(orderId, order, invoice, invoiceDataOf(order.invoice, document));
        case 'CANCELED':
          return await this.cancel(orderId, order, invoice);
        default:
          return { success: true, message: `${status}: nothing to change in Marketplacer`, wrote: false };
      }
    } catch (error) {
      if (isSettledRefusal(error)) return { success: false, message: error.message, wrote: false };
      throw error;
    }
  }

  private async ship(orderId: number, order: Order, invoice: MarketplacerInvoice, data: InvoiceData | null): Promise<AppliedUpdate> {
    const tracking = order.tracking ?? {};
    const outcome = await this.shipments.ship(invoice, tracking, shipmentNoteOf(tracking.url, data));
    switch (outcome.kind) {
      case 'created':
        await this.store.addEvent({
          orderId,
          source: 'marketplacer',
          action: 'shipmentCreate',
          outcome: 'ok',
          detail: `shipment ${outcome.shipment.id}: ${outcome.shipment.carrier} (${outcome.carrierBy}) ${outcome.shipment.trackingNumber}`,
        });
        return { success: true, message: `shipped in Marketplacer (${outcome.shipment.carrier} ${outcome.shipment.trackingNumber})`, wrote: true };
      case 'exists':
        return {
          success: true,
          message: `Marketplacer has shipment ${outcome.shipment.id} with tracking ${outcome.shipment.trackingNumber} already`,
          wrote: false,
        };
      case 'nothing-to-ship':
        return { success: true, message: 'every line is shipped, cancelled or refunded in Marketplacer already', wrote: false };
    }
  }

  private async delivered(orderId: number, order: Order, invoice: MarketplacerInvoice, data: InvoiceData | null): Promise<AppliedUpdate> {
    const shipped = order.tracking?.number ? await this.ship(orderId, order, invoice, data) : null;
    if (shipped && !shipped.success) return shipped;
    const note = 'delivered: recorded (INFERRED: Marketplacer has no delivery mutation; its invoice shows COLLECTED only when it marks it)';
    return { success: true, message: shipped ? `${shipped.message}; ${note}` : note, wrote: shipped?.wrote ?? false };
  }

  private async cancel(orderId: number, order: Order, invoice: MarketplacerInvoice): Promise<AppliedUpdate> {
    const reason = `Cancelled by the seller in ANYMARKET (order ${order.id}${order.cancellationCode ? `, ${order.cancellationCode}` : ''})`;
    const outcome = await this.cancellation.cancel(orderId, invoice, reason);
    switch (outcome.kind) {
      case 'requested':
      case 'refunded':
        return {
          success: true,
          message: `refund request ${outcome.refundRequest.id} (${outcome.refundRequest.status}) for ${outcome.lines} unshipped line(s)`,
          wrote: true,
        };
      case 'exists':
        return { success: true, message: `refund request ${outcome.refundRequest.id} (${outcome.refundRequest.status}) made already`, wrote: false };
      case 'nothing-left':
        return { success: true, message: 'every line is cancelled or refunded in Marketplacer already', wrote: false };
      case 'all-shipped':
        return {
          success: false,
          message:
            'Every line was shipped in Marketplacer: cancelling shipped goods is a return, which the buyer or the operator requests in Marketplacer (refund request with dispatched: true)',
          wrote: false,
        };
    }
  }
}

function invoiced(data: InvoiceData | null): AppliedUpdate {
  if (!data)
    return {
      success: false,
      message:
        'INVOICED without invoice data: send the NF-e number, series, access key and issue date in the order, or the NF-e XML (PUT /order/{id}/invoice/document)',
      wrote: false,
    };
  return { success: true, message: `invoice ${data.number}${data.series ? `/${data.series}` : ''} kept (${data.source})`, wrote: false };
}

/** ANYMARKET's order invoice (JSON) when it has a number or access key, else the XML's. */
export function invoiceDataOf(invoice: OrderInvoice | undefined, document: NfeDocument | null): InvoiceData | null {
  if (invoice?.number?.trim() || invoice?.accessKey?.trim())
    return {
      number: invoice.number?.trim() || (document?.number ?? ''),
      series: invoice.series?.trim() || document?.series || null,
      accessKey: invoice.accessKey?.trim() || document?.accessKey || null,
      issuedAt: invoice.date ?? document?.issuedAt ?? null,
      cfop: invoice.cfop?.trim() || document?.cfop || null,
      source: 'json',
    };
  if (document)
    return { number: document.number, series: document.series, accessKey: document.accessKey, issuedAt: document.issuedAt, cfop: document.cfop, source: 'xml' };
  return null;
}

/** The shipment's note: the tracking link and the NF-e (shipmentCreate has no field for either; INFERRED place). */
export function shipmentNoteOf(trackingUrl: string | undefined, data: InvoiceData | null): string | null {
  const parts = [
    ...(trackingUrl?.trim() ? [`Tracking: ${trackingUrl.trim()}`] : []),
    ...(data ? [`NF-e ${data.number}${data.series ? ` series ${data.series}` : ''}${data.accessKey ? `, key ${data.accessKey}` : ''}`] : []),
  ];
  return parts.length > 0 ? parts.join(' | ') : null;
}

/** Refusals a retry cannot change: the shipment's data (carrier, tracking) or Marketplacer's validation of the write. */
function isSettledRefusal(error: unknown): error is DomainError {
  if (!(error instanceof DomainError)) return false;
  return error.kind === 'unprocessable' || error.kind === 'invalid' || error.code === 'MARKETPLACER_NOT_FOUND';
}
