import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MarketplacerOrders, type MarketplacerInvoice } from '#marketplacer';
import { feedOutcome, WebhookHandlers, type WebhookOutcome } from '../webhooks/index.js';
import { InvoicesFeedJob } from './invoices-feed.job.js';
import { RefundsFeedJob } from './refunds-feed.job.js';

/**
 * Invoice, Shipment and RefundRequest webhooks: the invoice (a shipment's own, read through the
 * shipment) or the refund request is re-read from the Operator API and taken exactly as the invoices
 * or refund-requests feed takes it: recorded on its order, whose work is queued when it changed. An
 * event and a poll seeing the same version record it once, and the order's job (keyed by the invoice)
 * makes the ANYMARKET call once.
 */
@Injectable()
export class OrdersWebhooks implements OnModuleInit {
  constructor(
    private readonly handlers: WebhookHandlers,
    private readonly marketplacer: MarketplacerOrders,
    private readonly invoices: InvoicesFeedJob,
    private readonly refunds: RefundsFeedJob,
  ) {}

  onModuleInit(): void {
    this.handlers.register(['Invoice'], async ({ id }) => this.invoiceChanged(await this.marketplacer.findInvoice(id)));
    this.handlers.register(['Shipment'], async ({ id }) => this.invoiceChanged(await this.marketplacer.findInvoiceOfShipment(id)));
    this.handlers.register(['RefundRequest'], async ({ id }) => {
      const request = await this.marketplacer.findRefundRequest(id);
      if (!request) return { applied: false, note: 'Marketplacer has no such refund request now' };
      return feedOutcome(await this.refunds.takeItems([request]), 'refund request(s) kept on the order', "no order here is for this refund request's invoice");
    });
  }

  private async invoiceChanged(invoice: MarketplacerInvoice | null): Promise<WebhookOutcome> {
    if (!invoice) return { applied: false, note: 'Marketplacer has no such invoice now' };
    return feedOutcome(await this.invoices.takeItems([invoice]), 'order(s) brought up to date', "no active account sells as this invoice's seller");
  }
}
