import { effectivePriceCents, invoiceStatus, isDisplayable, shippedQuantity } from '../state/derived.js';
import { globalId } from '../state/global-id.js';
import type { MarketplacerState } from '../state/marketplacer-state.js';
import { unitCentsOf } from '../state/money.js';
import type { AddressRecord, InvoiceRecord, LineItemRecord, OrderRecord, OrderStatus, ShipmentRecord, VariantRecord } from '../state/records.js';
import { FieldErrors, isBlank, keyValues, lookup, ok, type KeyValueInput, type Outcome } from './payload.js';

interface MoneyInput {
  amount: number;
  tax?: number | null;
}

export interface LineItemInput {
  variantId: string;
  quantity: number;
  totalCents?: number | null;
  postageCents?: number | null;
  cost?: MoneyInput | null;
  postage?: MoneyInput | null;
  externalIds?: KeyValueInput[] | null;
}

interface AddressInput {
  address?: string | null;
  subaddress?: string | null;
  city?: string | null;
  postcode?: string | null;
  state?: { short?: string | null; name?: string | null } | null;
  country?: { code?: string | null } | null;
}

export interface OrderCreateInput {
  order: {
    firstName?: string | null;
    surname?: string | null;
    phone?: string | null;
    emailAddress?: string | null;
    companyName?: string | null;
    address?: AddressInput | null;
    billingAddress?: AddressInput | null;
    externalIds?: KeyValueInput[] | null;
  };
  lineItems?: LineItemInput[] | null;
  invoices?: { externalIds?: KeyValueInput[] | null; totalCents: number; lineItems: LineItemInput[] }[] | null;
}

interface PlannedLine {
  path: string;
  input: LineItemInput;
  variant: VariantRecord;
  unitCents: number;
  postageCents: number;
  taxCents: number | null;
}

export type OrderOutcome = Outcome & { order: OrderRecord | null };

/** How the order is taken; GraphQL's orderCreate always takes it paid. */
export interface CreateOrderOptions {
  /** false: the invoices wait for payment (AWAITING_PAYMENT) and the order is PAYMENT_IN_PROGRESS. Default true. */
  paid?: boolean;
}

/**
 * orderCreate: line items are split into one invoice per seller (or taken as given with `invoices`),
 * stock is checked and decremented, and the money rules of Marketplacer's docs apply (line totals in
 * cents, unit price rounded up to whole cents, tax on every line's cost and postage or on none).
 */
export function createOrder(state: MarketplacerState, input: OrderCreateInput, options: CreateOrderOptions = {}): OrderOutcome {
  const paid = options.paid ?? true;
  const errors = new FieldErrors();
  if (input.lineItems && input.invoices) errors.add('lineItems', 'lineItems and invoices are mutually exclusive');
  const groups: { path: string; lines: LineItemInput[]; externalIds?: KeyValueInput[] | null }[] = input.invoices
    ? input.invoices.map((invoice, index) => ({ path: `invoices[${index}].lineItems`, lines: invoice.lineItems, externalIds: invoice.externalIds }))
    : [{ path: 'lineItems', lines: input.lineItems ?? [] }];
  if (groups.every((group) => group.lines.length === 0)) errors.add(input.invoices ? 'invoices' : 'lineItems', "can't be blank");

  const planned = groups.map((group) =>
    group.lines.map((line, index) => planLine(state, errors, `${group.path}[${index}]`, line)).filter((line) => line !== undefined),
  );
  const all = planned.flat();
  checkTaxRule(errors, all);
  checkStock(errors, all);
  if (input.invoices) {
    planned.forEach((lines, index) => {
      if (new Set(lines.map((line) => line.variant.advert.sellerId)).size > 1)
        errors.add(`invoices[${index}].lineItems`, 'must all be sold by the same seller');
    });
  }
  if (errors.any) return { ...errors.outcome(), order: null };

  const now = state.now();
  const order = newOrder(state, input.order, now, paid);
  const invoiceGroups = input.invoices
    ? planned.map((lines, index) => ({ lines, externalIds: input.invoices![index].externalIds }))
    : groupBySeller(all).map((lines) => ({ lines, externalIds: undefined }));
  for (const group of invoiceGroups) createInvoice(state, order, group.lines, group.externalIds, now, paid);
  state.orders.set(order.legacyId, order);

  for (const line of all) {
    if (!line.variant.infiniteQuantity) line.variant.countOnHand -= line.input.quantity;
    line.variant.updatedAt = now;
  }
  for (const advert of new Set(all.map((line) => line.variant.advert))) state.touchAdvert(advert, now);
  for (const variant of new Set(all.map((line) => line.variant))) state.emit('Variant', variant.legacyId, 'update');
  for (const advert of new Set(all.map((line) => line.variant.advert))) state.emit('Advert', advert.legacyId, 'update');
  // The event matrix: an order fires Invoice create, then update once payment is acknowledged (for an
  // unpaid order that update comes with the payment: markInvoicePaid or orderUpdate COMPLETE).
  for (const invoiceId of order.invoiceIds) state.emit('Invoice', invoiceId, 'create');
  if (paid) for (const invoiceId of order.invoiceIds) state.emit('Invoice', invoiceId, 'update');
  return { ...ok(), order };
}

function groupBySeller(lines: PlannedLine[]): PlannedLine[][] {
  const groups = new Map<number, PlannedLine[]>();
  for (const line of lines) {
    const group = groups.get(line.variant.advert.sellerId) ?? [];
    group.push(line);
    groups.set(line.variant.advert.sellerId, group);
  }
  return [...groups.values()];
}

function planLine(state: MarketplacerState, errors: FieldErrors, path: string, input: LineItemInput): PlannedLine | undefined {
  const variant = lookup(errors, `${path}.variantId`, input.variantId, 'Variant', state.variants);
  if (input.quantity <= 0) errors.add(`${path}.quantity`, 'must be greater than 0');
  if (!variant || input.quantity <= 0) return undefined;
  if (!isDisplayable(variant.advert) || !variant.published) {
    errors.add(`${path}.variantId`, 'is not available for purchase');
    return undefined;
  }
  const amount = input.cost?.amount ?? input.totalCents ?? effectivePriceCents(variant) * input.quantity;
  if (amount < 0) errors.add(`${path}.cost.amount`, 'must be greater than or equal to 0');
  const postageCents = input.postage?.amount ?? input.postageCents ?? 0;
  return { path, input, variant, unitCents: unitCentsOf(amount, input.quantity), postageCents, taxCents: input.cost?.tax ?? null };
}

/** "If you give tax, give it on both cost and postage, and on every line item." */
function checkTaxRule(errors: FieldErrors, lines: PlannedLine[]): void {
  const taxed = (line: PlannedLine): [boolean, boolean] => [typeof line.input.cost?.tax === 'number', typeof line.input.postage?.tax === 'number'];
  if (!lines.some((line) => taxed(line).some(Boolean))) return;
  for (const line of lines) {
    const [costTax, postageTax] = taxed(line);
    if (!costTax) errors.add(`${line.path}.cost.tax`, 'must be given on the cost and postage of every line item when any tax is given');
    if (!postageTax) errors.add(`${line.path}.postage.tax`, 'must be given on the cost and postage of every line item when any tax is given');
  }
}

/** Enough countOnHand for every variant, summed over the order: no over-ordering, no pre-ordering. */
function checkStock(errors: FieldErrors, lines: PlannedLine[]): void {
  const wanted = new Map<VariantRecord, number>();
  for (const line of lines) {
    const total = (wanted.get(line.variant) ?? 0) + line.input.quantity;
    wanted.set(line.variant, total);
    if (!line.variant.infiniteQuantity && total > line.variant.countOnHand) {
      errors.add(`${line.path}.quantity`, `Not enough stock: ${line.variant.countOnHand} on hand for variant ${line.input.variantId}`);
    }
  }
}

function newOrder(state: MarketplacerState, input: OrderCreateInput['order'], now: number, paid: boolean): OrderRecord {
  return {
    kind: 'Order',
    legacyId: state.nextId('Order'),
    // INFERRED: orders created through the API are taken as paid (the event matrix shows the invoice's
    // payment being acknowledged right after creation); orderUpdate can change the status. An unpaid
    // order (control API) is PAYMENT_IN_PROGRESS, as the seed's unpaid orders are.
    status: paid ? 'COMPLETE' : 'PAYMENT_IN_PROGRESS',
    firstName: input.firstName ?? null,
    surname: input.surname ?? null,
    emailAddress: input.emailAddress ?? null,
    phone: input.phone ?? null,
    companyName: input.companyName ?? null,
    address: input.address ? addressRecord(state, input.address) : null,
    billingAddress: input.billingAddress ? addressRecord(state, input.billingAddress) : null,
    externalIds: keyValues(input.externalIds),
    paymentGatewayDetails: {},
    invoiceIds: [],
    createdAt: now,
    updatedAt: now,
  };
}

function createInvoice(
  state: MarketplacerState,
  order: OrderRecord,
  lines: PlannedLine[],
  externalIds: KeyValueInput[] | null | undefined,
  now: number,
  paid: boolean,
): void {
  const invoice: InvoiceRecord = {
    kind: 'Invoice',
    legacyId: state.nextId('Invoice'),
    orderId: order.legacyId,
    sellerId: lines[0].variant.advert.sellerId,
    lineItemIds: [],
    shipmentIds: [],
    refundRequestIds: [],
    externalIds: keyValues(externalIds),
    postageCents: lines.reduce((sum, line) => sum + line.postageCents, 0),
    commissionRate: 0.1,
    paidAt: paid ? now : null,
    cancelledAt: null,
    collectedAt: null,
    remittedAt: null,
    buyerMessageToSeller: null,
    createdAt: now,
    updatedAt: now,
  };
  for (const line of lines) {
    const record: LineItemRecord = {
      kind: 'LineItem',
      legacyId: state.nextId('LineItem'),
      invoiceId: invoice.legacyId,
      variantId: line.variant.legacyId,
      quantity: line.input.quantity,
      unitCents: line.unitCents,
      taxCents: line.taxCents,
      postageCents: line.postageCents,
      refundedQuantity: 0,
      status: 'ALLOCATED',
      variantSku: line.variant.sku,
      variantBarcode: line.variant.barcode,
      variantName: line.variant.advert.title,
      advertId: line.variant.advert.legacyId,
      advertTitle: line.variant.advert.title,
      brandName: line.variant.advert.brandId === null ? null : (state.brands.get(line.variant.advert.brandId)?.name ?? null),
      externalIds: keyValues(line.input.externalIds),
    };
    state.lineItems.set(record.legacyId, record);
    invoice.lineItemIds.push(record.legacyId);
  }
  state.invoices.set(invoice.legacyId, invoice);
  order.invoiceIds.push(invoice.legacyId);
}

export function addressRecord(state: MarketplacerState, input: AddressInput): AddressRecord {
  return {
    id: state.nextId('Address'),
    address: input.address ?? '',
    subaddress: input.subaddress ?? null,
    city: input.city ?? '',
    postcode: input.postcode ?? '',
    stateShort: input.state?.short ?? '',
    stateName: input.state?.name ?? input.state?.short ?? '',
    countryCode: input.country?.code ?? 'AU',
    countryName: input.country?.code && input.country.code !== 'AU' ? input.country.code : 'Australia',
  };
}

export interface OrderUpdateInput {
  orderId: string;
  status: OrderStatus;
  paymentGatewayDetails?: unknown;
}

/** orderUpdate: the status is re-sent every time; gateway details are merged. COMPLETE marks unpaid invoices paid. */
export function updateOrder(state: MarketplacerState, input: OrderUpdateInput): OrderOutcome {
  const errors = new FieldErrors();
  const order = lookup(errors, 'orderId', input.orderId, 'Order', state.orders);
  if (!order) return { ...errors.outcome(), order: null };
  const now = state.now();
  order.status = input.status;
  if (input.paymentGatewayDetails && typeof input.paymentGatewayDetails === 'object') Object.assign(order.paymentGatewayDetails, input.paymentGatewayDetails);
  order.updatedAt = now;
  for (const invoiceId of order.invoiceIds) {
    const invoice = state.invoices.get(invoiceId)!;
    if (input.status === 'COMPLETE' && invoice.paidAt === null) invoice.paidAt = now;
    invoice.updatedAt = now;
    state.emit('Invoice', invoiceId, 'update');
  }
  return { ...ok(), order };
}

export interface ShipmentCreateInput {
  invoiceId: string;
  shippedItems: { lineItemId: string; quantity: number }[];
  postageCarrierId: string;
  dispatchedAt: number;
  trackingNumber: string;
  note?: string | null;
}

export type ShipmentOutcome = Outcome & { shipment: ShipmentRecord | null };

/** shipmentCreate: split shipments allowed; items must belong to the invoice and not exceed what is left to ship. */
export function createShipment(state: MarketplacerState, input: ShipmentCreateInput): ShipmentOutcome {
  const errors = new FieldErrors();
  const invoice = lookup(errors, 'invoiceId', input.invoiceId, 'Invoice', state.invoices);
  const carrier = lookup(errors, 'postageCarrierId', input.postageCarrierId, 'ShipmentCarrier', state.carriers);
  if (isBlank(input.trackingNumber)) errors.add('trackingNumber', "can't be blank");
  if (input.shippedItems.length === 0) errors.add('shippedItems', "can't be blank");
  if (invoice?.cancelledAt) errors.add('invoiceId', 'Invoice has been cancelled');
  else if (invoice && invoice.paidAt === null) errors.add('invoiceId', 'Invoice has not been paid');
  const items: { line: LineItemRecord; quantity: number }[] = [];
  if (invoice) {
    const requested = new Map<LineItemRecord, number>();
    input.shippedItems.forEach((item, index) => {
      const path = `shippedItems[${index}]`;
      const line = lookup(errors, `${path}.lineItemId`, item.lineItemId, 'LineItem', state.lineItems);
      if (!line) return;
      if (line.invoiceId !== invoice.legacyId) return void errors.add(`${path}.lineItemId`, 'line item must be part of the invoice being shipped');
      if (item.quantity <= 0) return void errors.add(`${path}.quantity`, 'must be greater than 0');
      const total = (requested.get(line) ?? 0) + item.quantity;
      requested.set(line, total);
      const left = line.quantity - line.refundedQuantity - shippedQuantity(state, line);
      if (line.status === 'CANCELLED' || total > left) errors.add(`${path}.quantity`, `exceeds the quantity left to ship (${Math.max(0, left)})`);
      items.push({ line, quantity: item.quantity });
    });
    if (input.dispatchedAt < startOfUtcDay(invoice.createdAt)) errors.add('dispatchedAt', 'Dispatched at is before shipped items were ordered');
  }
  if (errors.any || !invoice || !carrier) return { ...errors.outcome(), shipment: null };

  const now = state.now();
  const shipment: ShipmentRecord = {
    kind: 'Shipment',
    legacyId: state.nextId('Shipment'),
    invoiceId: invoice.legacyId,
    carrierId: carrier.legacyId,
    trackingNumber: input.trackingNumber.trim(),
    note: input.note ?? null,
    dispatchedAt: input.dispatchedAt,
    items: items.map(({ line, quantity }) => ({ id: state.nextId('ShippedItem'), lineItemId: line.legacyId, quantity })),
    createdAt: now,
    updatedAt: now,
  };
  state.shipments.set(shipment.legacyId, shipment);
  invoice.shipmentIds.push(shipment.legacyId);
  invoice.updatedAt = now;
  state.emit('Shipment', shipment.legacyId, 'create');
  state.emit('Invoice', invoice.legacyId, 'update');
  return { ...ok(), shipment };
}

/** ShipmentUpdateMutationInput (2023 schema) less `shippedFromId`, which the simulator does not model. */
export interface ShipmentUpdateInput {
  shipmentId: string;
  trackingNumber?: string | null;
  postageCarrierId?: string | null;
  dispatchedAt?: number | null;
  note?: string | null;
}

/**
 * shipmentUpdate (2023 schema; served by the control API only, as no connector document sends it):
 * changes the attributes given. Fires Shipment update and, as shipmentCreate does, touches its invoice
 * and fires Invoice update (INFERRED: Marketplacer documents no event matrix for shipments).
 */
export function updateShipment(state: MarketplacerState, input: ShipmentUpdateInput): ShipmentOutcome {
  const errors = new FieldErrors();
  const shipment = lookup(errors, 'shipmentId', input.shipmentId, 'Shipment', state.shipments);
  const carrier = lookup(errors, 'postageCarrierId', input.postageCarrierId, 'ShipmentCarrier', state.carriers);
  if (input.trackingNumber !== undefined && input.trackingNumber !== null && isBlank(input.trackingNumber)) errors.add('trackingNumber', "can't be blank");
  const invoice = shipment ? state.invoices.get(shipment.invoiceId) : undefined;
  if (invoice && typeof input.dispatchedAt === 'number' && input.dispatchedAt < startOfUtcDay(invoice.createdAt))
    errors.add('dispatchedAt', 'Dispatched at is before shipped items were ordered');
  if (errors.any || !shipment) return { ...errors.outcome(), shipment: null };

  const now = state.now();
  if (input.trackingNumber) shipment.trackingNumber = input.trackingNumber.trim();
  if (carrier) shipment.carrierId = carrier.legacyId;
  if (typeof input.dispatchedAt === 'number') shipment.dispatchedAt = input.dispatchedAt;
  if (input.note !== undefined) shipment.note = input.note;
  shipment.updatedAt = now;
  if (invoice) invoice.updatedAt = now;
  state.emit('Shipment', shipment.legacyId, 'update');
  if (invoice) state.emit('Invoice', invoice.legacyId, 'update');
  return { ...ok(), shipment };
}

function startOfUtcDay(ms: number): number {
  return ms - (ms % 86_400_000);
}

/**
 * Operator-portal edits of an invoice (the control API uses them). Paying the last unpaid invoice of an
 * order completes the order (INFERRED: the mirror of orderUpdate COMPLETE paying every invoice).
 */
export function markInvoicePaid(state: MarketplacerState, invoice: InvoiceRecord): void {
  const now = state.now();
  invoice.paidAt ??= now;
  invoice.updatedAt = now;
  const order = state.orders.get(invoice.orderId);
  if (order && order.invoiceIds.every((id) => state.invoices.get(id)?.paidAt !== null)) {
    order.status = 'COMPLETE';
    order.updatedAt = now;
  }
  state.emit('Invoice', invoice.legacyId, 'update');
}

/**
 * The buyer has the goods (collected, or the delivery confirmed): the invoice becomes COLLECTED. Only a
 * fully sent invoice can be collected; collecting again changes nothing and fires nothing.
 */
export function markInvoiceCollected(state: MarketplacerState, invoice: InvoiceRecord): Outcome {
  const status = invoiceStatus(state, invoice);
  if (status === 'COLLECTED') return ok();
  if (status !== 'SENT') return new FieldErrors().add('invoiceId', `Invoice must be sent in full before it is collected (it is ${status})`).outcome();
  const now = state.now();
  invoice.collectedAt = now;
  invoice.updatedAt = now;
  state.emit('Invoice', invoice.legacyId, 'update');
  return ok();
}

export function markInvoiceCancelled(state: MarketplacerState, invoice: InvoiceRecord): void {
  const now = state.now();
  invoice.cancelledAt ??= now;
  for (const id of invoice.lineItemIds) {
    const line = state.lineItems.get(id)!;
    if (line.status !== 'REFUNDED') line.status = 'CANCELLED';
  }
  invoice.updatedAt = now;
  state.emit('Invoice', invoice.legacyId, 'update');
}

/** Ships everything left to ship in one shipment, or only `lines` (a partial shipment); the first carrier unless one is named. */
export function markInvoiceShipped(
  state: MarketplacerState,
  invoice: InvoiceRecord,
  options: { carrierId?: number; trackingNumber?: string; lines?: Array<{ lineItemId: string; quantity: number }> } = {},
): ShipmentOutcome {
  const leftToShip = invoice.lineItemIds
    .map((id) => state.lineItems.get(id)!)
    .map((line) => ({
      lineItemId: globalId('LineItem', line.legacyId),
      quantity: line.quantity - line.refundedQuantity - shippedQuantity(state, line),
      status: line.status,
    }))
    .filter((item) => item.quantity > 0 && item.status !== 'CANCELLED');
  const items = options.lines ?? leftToShip.map(({ lineItemId, quantity }) => ({ lineItemId, quantity }));
  const carrierId = options.carrierId ?? [...state.carriers.keys()][0];
  return createShipment(state, {
    invoiceId: globalId('Invoice', invoice.legacyId),
    shippedItems: items,
    postageCarrierId: globalId('ShipmentCarrier', carrierId),
    dispatchedAt: state.now(),
    trackingNumber: options.trackingNumber ?? `SIM${invoice.legacyId}-${invoice.shipmentIds.length + 1}`,
  });
}
