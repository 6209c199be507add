import { InvalidInputError } from '#common';
import type {
  LineItemInput,
  OrderCreateMutationInput,
  OrderStatusEnum,
  OrderUpdateMutationInput,
  RefundRequestCreateMutationInput,
  RefundRequestLineItemInput,
  RefundRequestNoteInput,
  ShipmentCreateMutationInput,
} from '../contract/generated/graphql.js';
import { resolveGlobalId } from '../ids/global-id.js';
import type {
  MarketplacerOrderCreate,
  MarketplacerOrderUpdate,
  RefundLineInput,
  RefundNotes,
  RefundRequestCreate,
  ShipmentCreate,
} from '../ports/marketplacer-fulfilment.port.js';

/**
 * Port inputs → the contract's mutation inputs. Only what the contract's types decide is checked here
 * (ids that name the right type, whole numbers for Int, a date for ISO8601Date), so a caller's mistake
 * is an INVALID_INPUT rather than a GraphQL coercion error; Marketplacer's own rules (quantities left
 * to ship, refundable quantities, stock) stay Marketplacer's, with its messages.
 */

const ORDER_STATUSES: readonly OrderStatusEnum[] = ['COMPLETE', 'PAYMENT_FAILED', 'PAYMENT_IN_PROGRESS'];
const INT_MAX = 2 ** 31 - 1;

export function shipmentCreateInput(input: ShipmentCreate): ShipmentCreateMutationInput {
  return {
    invoiceId: globalIdOf('Invoice', input.invoiceId, 'invoiceId'),
    shippedItems: input.items.map((item, index) => ({
      lineItemId: globalIdOf('LineItem', item.lineItemId, `items[${index}].lineItemId`),
      quantity: wholeNumber(item.quantity, `items[${index}].quantity`),
    })),
    // Passed as given: carrier ids come from shipmentCarriers, and the carrier's type name is not documented.
    postageCarrierId: present(input.carrierId, 'carrierId'),
    dispatchedAt: isoDate(input.dispatchedOn, 'dispatchedOn'),
    trackingNumber: input.trackingNumber,
    note: input.note,
  };
}

export function refundRequestCreateInput(input: RefundRequestCreate): RefundRequestCreateMutationInput {
  return {
    invoiceId: globalIdOf('Invoice', input.invoiceId, 'invoiceId'),
    lineItems: input.lines.map((line, index) => refundLine(line, `lines[${index}]`)),
    notes: noteInputs(input.notes),
    externalIds: input.externalIds?.map(({ key, value }) => ({ key, value })),
  };
}

function refundLine(line: RefundLineInput, path: string): RefundRequestLineItemInput {
  const quantity = wholeNumber(line.quantity, `${path}.quantity`);
  if ('lineItemId' in line) {
    return { lineItemId: globalIdOf('LineItem', line.lineItemId, `${path}.lineItemId`), quantity, reason: line.reason, dispatched: line.dispatched };
  }
  return {
    custom: line.custom,
    amountPerItemCents: wholeNumber(line.amountPerItemCents, `${path}.amountPerItemCents`),
    quantity,
    onlyRemittance: line.onlyRemittance,
  };
}

export function noteInputs(notes: RefundNotes): RefundRequestNoteInput[] {
  return notes.map((note) => ({ note }));
}

export function orderCreateInput(input: MarketplacerOrderCreate): OrderCreateMutationInput {
  const { address, ...buyer } = input.order;
  return {
    order: {
      ...buyer,
      address: address && {
        address: address.address,
        city: address.city,
        postcode: address.postcode,
        state: address.stateShort === undefined ? undefined : { short: address.stateShort },
        country: address.countryCode === undefined ? undefined : { code: address.countryCode },
      },
      externalIds: buyer.externalIds?.map(({ key, value }) => ({ key, value })),
    },
    lineItems: input.lineItems.map((line, index): LineItemInput => {
      const path = `lineItems[${index}]`;
      return {
        variantId: globalIdOf('Variant', line.variantId, `${path}.variantId`),
        quantity: wholeNumber(line.quantity, `${path}.quantity`),
        // Marketplacer's cost is the line total (unit price × quantity), in cents.
        cost: { amount: wholeNumber(line.costCents, `${path}.costCents`) },
        postage: line.postageCents === undefined ? undefined : { amount: wholeNumber(line.postageCents, `${path}.postageCents`) },
      };
    }),
  };
}

export function orderUpdateInput(input: MarketplacerOrderUpdate): OrderUpdateMutationInput {
  const status = ORDER_STATUSES.find((known) => known === input.status);
  if (status === undefined) invalid('status', `must be one of ${ORDER_STATUSES.join(', ')}`, `"${input.status}" is not a Marketplacer order status`);
  return { orderId: globalIdOf('Order', input.orderId, 'orderId'), status, paymentGatewayDetails: input.paymentGatewayDetails };
}

/** The global id of a `type` record given by global or legacy id (as the portals show it). */
export function globalIdOf(type: string, reference: string, field: string): string {
  const id = resolveGlobalId(type, reference);
  if (id === null) invalid(field, `must be a ${type} global id or legacy id`, `"${reference}" is not a Marketplacer ${type} id`);
  return id;
}

/** A whole number that fits GraphQL's Int (cents, quantities). */
export function wholeNumber(value: number, field: string): number {
  if (!Number.isInteger(value) || Math.abs(value) > INT_MAX) invalid(field, 'must be a whole number', `${field} must be a whole number (got ${value})`);
  return value;
}

export function optionalWholeNumber(value: number | undefined, field: string): number | undefined {
  return value === undefined ? undefined : wholeNumber(value, field);
}

function present(value: string, field: string): string {
  if (value.trim() === '') invalid(field, "can't be blank", `${field} is blank`);
  return value.trim();
}

/** `YYYY-MM-DD` naming a real day (ISO8601Date). */
function isoDate(value: string, field: string): string {
  const day = Date.parse(`${value}T00:00:00Z`);
  // Date.parse rolls 2025-02-30 over to March; printing it back tells a real day from a rolled one.
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(day) && new Date(day).toISOString().startsWith(value);
  if (!valid) invalid(field, 'must be a date as YYYY-MM-DD', `${field} must be a date as YYYY-MM-DD (got "${value}")`);
  return value;
}

function invalid(field: string, rule: string, message: string): never {
  throw new InvalidInputError(message, [{ field, messages: [rule] }]);
}
