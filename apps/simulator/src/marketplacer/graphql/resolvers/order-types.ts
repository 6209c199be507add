import { invoiceCommissionCents, invoiceLines, invoiceStatus, invoiceStatusFlags, invoiceTotalCents, lineTotalCents } from '../../state/derived.js';
import { globalId } from '../../state/global-id.js';
import { formatMoney } from '../../state/money.js';
import type { InvoiceRecord, LineItemRecord, OrderRecord, ShipmentRecord } from '../../state/records.js';
import { listConnection, type PageArgs } from '../connection.js';
import { externalIdsOf, idOf, type Ctx } from './common.js';

type Currency = { currency?: string | null };

function orderInvoices(order: OrderRecord, { state }: Ctx): InvoiceRecord[] {
  return order.invoiceIds.map((id) => state.invoices.get(id)!);
}

function orderTotals(order: OrderRecord, ctx: Ctx): { total: number; postage: number; tax: number } {
  let total = 0;
  let postage = 0;
  let tax = 0;
  for (const invoice of orderInvoices(order, ctx)) {
    total += invoiceTotalCents(ctx.state, invoice);
    postage += invoice.postageCents;
    tax += invoiceLines(ctx.state, invoice).reduce((sum, line) => sum + (line.taxCents ?? 0), 0);
  }
  return { total, postage, tax };
}

interface ShippedItemView {
  id: number;
  lineItemId: number;
  quantity: number;
}

export const orderResolvers = {
  Order: {
    id: idOf('Order'),
    externalId: (order: OrderRecord) => order.externalIds[0]?.value ?? null,
    externalIds: externalIdsOf,
    invoices: (order: OrderRecord, args: PageArgs, ctx: Ctx) => listConnection(orderInvoices(order, ctx), args),
    billingFirstName: (order: OrderRecord) => order.firstName,
    billingSurname: (order: OrderRecord) => order.surname,
    billingEmailAddress: (order: OrderRecord) => order.emailAddress,
    billingPhone: (order: OrderRecord) => order.phone,
    billingCompanyName: (order: OrderRecord) => order.companyName,
    totalCents: (order: OrderRecord, _: unknown, ctx: Ctx) => orderTotals(order, ctx).total,
    total: (order: OrderRecord, _: unknown, ctx: Ctx) => orderTotals(order, ctx).total / 100,
    subtotal: (order: OrderRecord, _: unknown, ctx: Ctx) => {
      const totals = orderTotals(order, ctx);
      return (totals.total - totals.postage) / 100;
    },
    postage: (order: OrderRecord, _: unknown, ctx: Ctx) => orderTotals(order, ctx).postage / 100,
    taxTotal: (order: OrderRecord, _: unknown, ctx: Ctx) => orderTotals(order, ctx).tax / 100,
  },
  Invoice: {
    id: idOf('Invoice'),
    status: (invoice: InvoiceRecord, _: unknown, { state }: Ctx) => invoiceStatus(state, invoice),
    statusFlags: (invoice: InvoiceRecord, _: unknown, { state }: Ctx) => invoiceStatusFlags(state, invoice),
    externalIds: externalIdsOf,
    buyerFirstName: (invoice: InvoiceRecord, _: unknown, { state }: Ctx) => state.orders.get(invoice.orderId)?.firstName ?? null,
    buyerSurname: (invoice: InvoiceRecord, _: unknown, { state }: Ctx) => state.orders.get(invoice.orderId)?.surname ?? null,
    buyerEmailAddress: (invoice: InvoiceRecord, _: unknown, { state }: Ctx) => state.orders.get(invoice.orderId)?.emailAddress ?? null,
    buyerPhone: (invoice: InvoiceRecord, _: unknown, { state }: Ctx) => state.orders.get(invoice.orderId)?.phone ?? null,
    buyerBillingAddress: (invoice: InvoiceRecord, _: unknown, { state }: Ctx) => state.orders.get(invoice.orderId)?.billingAddress ?? null,
    shippingAddress: (invoice: InvoiceRecord, _: unknown, { state }: Ctx) => state.orders.get(invoice.orderId)?.address ?? null,
    seller: (invoice: InvoiceRecord, _: unknown, { state }: Ctx) => state.sellers.get(invoice.sellerId) ?? null,
    order: (invoice: InvoiceRecord, _: unknown, { state }: Ctx) => state.orders.get(invoice.orderId) ?? null,
    lineItems: (invoice: InvoiceRecord, _: unknown, { state }: Ctx) => invoiceLines(state, invoice),
    shipments: (invoice: InvoiceRecord, _: unknown, { state }: Ctx) => invoice.shipmentIds.map((id) => state.shipments.get(id)!),
    refundRequests: (invoice: InvoiceRecord, _: unknown, { state }: Ctx) => invoice.refundRequestIds.map((id) => state.refundRequests.get(id)!),
    totalCents: (invoice: InvoiceRecord, _: unknown, { state }: Ctx) => invoiceTotalCents(state, invoice),
    totalFormatted: (invoice: InvoiceRecord, args: Currency, { state }: Ctx) => formatMoney(invoiceTotalCents(state, invoice), args.currency),
    // "The invoice postage cost" (2023 schema); an Invoice has no postageCents.
    shippingCostCents: (invoice: InvoiceRecord) => invoice.postageCents,
    shippingCostFormatted: (invoice: InvoiceRecord, args: Currency) => formatMoney(invoice.postageCents, args.currency),
    commissionAmountCents: (invoice: InvoiceRecord, _: unknown, { state }: Ctx) => invoiceCommissionCents(state, invoice),
    commissionAmountFormatted: (invoice: InvoiceRecord, args: Currency, { state }: Ctx) => formatMoney(invoiceCommissionCents(state, invoice), args.currency),
  },
  LineItem: {
    id: idOf('LineItem'),
    variantId: (line: LineItemRecord) => globalId('Variant', line.variantId),
    advertId: (line: LineItemRecord) => globalId('Advert', line.advertId),
    advertLegacyId: (line: LineItemRecord) => line.advertId,
    advertCode: () => null,
    variant: (line: LineItemRecord, _: unknown, { state }: Ctx) => state.variants.get(line.variantId),
    image: () => null,
    shipment: (line: LineItemRecord, _: unknown, { state }: Ctx) => {
      const invoice = state.invoices.get(line.invoiceId);
      const id = invoice?.shipmentIds.find((shipmentId) => state.shipments.get(shipmentId)?.items.some((item) => item.lineItemId === line.legacyId));
      return id === undefined ? null : state.shipments.get(id);
    },
    externalIds: externalIdsOf,
    discountCents: () => 0,
    discountFormatted: (_line: LineItemRecord, args: Currency) => formatMoney(0, args.currency),
    // As the 2023 schema describes them: itemAmountCents is the unit price ("Total cost per item"), postageCents
    // the line's postage, totalCents the items including their postage.
    itemAmountCents: (line: LineItemRecord) => line.unitCents,
    itemAmountFormatted: (line: LineItemRecord, args: Currency) => formatMoney(line.unitCents, args.currency),
    postageCents: (line: LineItemRecord) => line.postageCents,
    postageFormatted: (line: LineItemRecord, args: Currency) => formatMoney(line.postageCents, args.currency),
    totalCents: (line: LineItemRecord) => lineTotalCents(line) + line.postageCents,
    totalFormatted: (line: LineItemRecord, args: Currency) => formatMoney(lineTotalCents(line) + line.postageCents, args.currency),
  },
  Shipment: {
    id: idOf('Shipment'),
    carrier: (shipment: ShipmentRecord, _: unknown, { state }: Ctx) => state.carriers.get(shipment.carrierId)?.name ?? 'Other',
    trackingLink: (shipment: ShipmentRecord, _: unknown, { state }: Ctx) => {
      const carrier = state.carriers.get(shipment.carrierId);
      return carrier ? `${carrier.trackingUrl}${encodeURIComponent(shipment.trackingNumber)}` : null;
    },
    invoice: (shipment: ShipmentRecord, _: unknown, { state }: Ctx) => state.invoices.get(shipment.invoiceId),
    shippedFrom: () => null,
    shippedItems: (shipment: ShipmentRecord) => shipment.items,
    externalIds: () => [],
    metadata: () => [],
  },
  ShippedItem: {
    id: (item: ShippedItemView) => globalId('ShippedItem', item.id),
    lineItem: (item: ShippedItemView, _: unknown, { state }: Ctx) => state.lineItems.get(item.lineItemId),
  },
  ShipmentCarrier: { id: idOf('ShipmentCarrier') },
};
