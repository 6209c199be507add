import { createOrder, type LineItemInput, type OrderCreateInput } from '../domain/orders.js';
import { invoiceStatus, type InvoiceStatus } from '../state/derived.js';
import { globalId, legacyIdOf } from '../state/global-id.js';
import type { MarketplacerState } from '../state/marketplacer-state.js';
import type { OrderRecord } from '../state/records.js';
import type { QuickOrderBuyerDto, QuickOrdersDto } from './dto/orders.dto.js';
import { refuseUnless } from './refusal.js';

/** What `POST /_control/marketplacer/orders` answers: every order made, with its invoices (global and database ids). */
export interface QuickOrdersAnswer {
  orders: Array<{
    id: string;
    legacyId: number;
    invoices: Array<{ id: string; legacyId: number; sellerId: string; status: InvoiceStatus }>;
  }>;
}

/** The buyer of a quick order when the call names none (fields it does name replace these). */
const DEMO_BUYER = {
  firstName: 'Ana',
  surname: 'Souza',
  emailAddress: 'ana.souza@buyer.example.com',
  phone: '0411 111 000',
  address: { address: '10 Collins Street', city: 'Melbourne', postcode: '3000', state: 'VIC', country: 'AU' },
};

/**
 * Makes `count` identical orders through orderCreate's domain code (same invoices, stock decrements,
 * events and webhooks as GraphQL), paid unless `paid: false`. Stock for all of them is checked first,
 * so a refused call makes no order at all.
 */
export function createQuickOrders(state: MarketplacerState, dto: QuickOrdersDto): QuickOrdersAnswer {
  const count = dto.count ?? 1;
  const lineItems: LineItemInput[] = dto.lines.map((line) => ({ variantId: variantGlobalId(line.variantId), quantity: line.quantity }));
  refuseShortStock(state, lineItems, count);
  const input: OrderCreateInput = { order: buyerInput(dto.buyer), lineItems };
  const orders: QuickOrdersAnswer['orders'] = [];
  for (let made = 0; made < count; made++) {
    const outcome = createOrder(state, input, { paid: dto.paid ?? true });
    refuseUnless(outcome, made === 0 ? '' : `order ${made + 1} of ${count} refused (${made} made): `);
    orders.push(orderView(state, outcome.order!));
  }
  return { orders };
}

/** A database id (digits) becomes the Variant global id; anything else is taken as a global id. */
function variantGlobalId(reference: string): string {
  return /^\d+$/.test(reference) ? globalId('Variant', Number(reference)) : reference;
}

/** Stock for `count` orders at once, so a benchmark-size call fails before making its first order. */
function refuseShortStock(state: MarketplacerState, lines: LineItemInput[], count: number): void {
  const wanted = new Map<number, number>();
  for (const line of lines) {
    const legacyId = legacyIdOf(line.variantId, 'Variant');
    if (legacyId !== undefined) wanted.set(legacyId, (wanted.get(legacyId) ?? 0) + line.quantity * count);
  }
  const errors = [...wanted]
    .map(([legacyId, quantity]) => ({ variant: state.variants.get(legacyId), quantity }))
    .filter(({ variant, quantity }) => variant !== undefined && !variant.infiniteQuantity && quantity > variant.countOnHand)
    .map(({ variant, quantity }) => ({
      field: 'lines',
      messages: [
        `Not enough stock for ${count} orders: ${quantity} wanted, ${variant!.countOnHand} on hand for variant ${globalId('Variant', variant!.legacyId)}`,
      ],
    }));
  refuseUnless({ status: 422, errors });
}

function buyerInput(buyer: QuickOrderBuyerDto = {}): OrderCreateInput['order'] {
  const given = buyer.address ?? {};
  const demo = DEMO_BUYER.address;
  const addressInput = {
    address: given.address ?? demo.address,
    city: given.city ?? demo.city,
    postcode: given.postcode ?? demo.postcode,
    state: { short: given.state ?? demo.state },
    country: { code: given.country ?? demo.country },
  };
  return {
    firstName: buyer.firstName ?? DEMO_BUYER.firstName,
    surname: buyer.surname ?? DEMO_BUYER.surname,
    emailAddress: buyer.emailAddress ?? DEMO_BUYER.emailAddress,
    phone: buyer.phone ?? DEMO_BUYER.phone,
    address: addressInput,
    billingAddress: addressInput,
  };
}

function orderView(state: MarketplacerState, order: OrderRecord): QuickOrdersAnswer['orders'][number] {
  return {
    id: globalId('Order', order.legacyId),
    legacyId: order.legacyId,
    invoices: order.invoiceIds.map((legacyId) => {
      const invoice = state.invoices.get(legacyId)!;
      return { id: globalId('Invoice', legacyId), legacyId, sellerId: globalId('Seller', invoice.sellerId), status: invoiceStatus(state, invoice) };
    }),
  };
}
