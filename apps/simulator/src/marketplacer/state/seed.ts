import { SEED_EPOCH, SimulatorClock } from './clock.js';
import { effectivePriceCents, isDisplayable } from './derived.js';
import { MarketplacerState } from './marketplacer-state.js';
import type { AddressRecord, AdvertRecord, InvoiceRecord, LineItemRecord, SellerRecord, VariantRecord } from './records.js';
import { seedCatalogue, slugify, type SeedLeaf } from './seed-catalogue.js';

export interface SeedSize {
  sellers: number;
  adverts: number;
  invoices: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Seeded orders start after every seeded advert exists (100,000 adverts take ~70 days at one a minute). */
const ORDERS_START = SEED_EPOCH + 200 * DAY;

const BUSINESS_NAMES = ['Cell Phones 4U', 'Urban Threads', 'Kitchen Corner', 'Sound Lab', 'Green Living', 'Sneaker Vault', 'Decor Studio', 'Gadget Hub'];
const BUYERS: [string, string][] = [
  ['Ana', 'Souza'],
  ['Bruno', 'Lima'],
  ['Carla', 'Mendes'],
  ['Diego', 'Rocha'],
  ['Elisa', 'Costa'],
  ['Felipe', 'Alves'],
];
const CITIES: [string, string, string, string][] = [
  ['Melbourne', 'VIC', 'Victoria', '3000'],
  ['Sydney', 'NSW', 'New South Wales', '2000'],
  ['Brisbane', 'QLD', 'Queensland', '4000'],
  ['Perth', 'WA', 'Western Australia', '6000'],
];

/**
 * Builds a fresh, deterministic instance: the same size always gives the same records, ids and
 * timestamps. Adverts are generated from their index (no randomness) and share their option arrays,
 * so 100,000 adverts take well under a second.
 */
export function seedState(size: SeedSize, clock = new SimulatorClock()): MarketplacerState {
  const state = new MarketplacerState(clock);
  const catalogue = seedCatalogue(state);
  const sellers = seedSellers(state, size.sellers);
  const retailers = sellers.filter((seller) => seller.accountType === 'RETAILER');
  seedAdverts(state, size.adverts, retailers, catalogue.leaves, catalogue.brandIds);
  seedOrders(state, size.invoices, retailers);
  clock.notBefore(latestSeedTime(state));
  return state;
}

function seedSellers(state: MarketplacerState, count: number): SellerRecord[] {
  const sellers: SellerRecord[] = [];
  for (let i = 1; i <= count + 1; i++) {
    const deleted = i === count + 1;
    const prospective = i === count - 1;
    const offline = i === count;
    const name = deleted ? 'Closed Shop' : `${BUSINESS_NAMES[(i - 1) % BUSINESS_NAMES.length]}${i > BUSINESS_NAMES.length ? ` ${i}` : ''}`;
    const legacyId = state.nextId('Seller');
    const createdAt = SEED_EPOCH + i * MINUTE;
    const slug = slugify(name);
    const seller: SellerRecord = {
      kind: 'Seller',
      legacyId,
      businessName: name,
      legalBusinessName: `${name} Pty Ltd`,
      businessNumber: String(51_824_753_556 + i),
      accountType: prospective ? 'PROSPECTIVE' : 'RETAILER',
      online: !prospective && !offline && !deleted,
      advertVettingRequired: i === 2,
      emailAddress: `orders@${slug}.example.com`,
      phone: `0400 000 ${String(i).padStart(3, '0')}`,
      storeDescription: `${name}, a simulated Marketplacer seller.`,
      address: address(state, i),
      primaryUser: { id: state.nextId('User'), firstName: 'Owner', surname: name.split(' ')[0], emailAddress: `owner@${slug}.example.com` },
      externalIds: [],
      metadata: [{ key: 'segment', value: i % 2 === 0 ? 'fashion' : 'electronics' }],
      createdAt,
      updatedAt: createdAt,
      deletedAt: deleted ? createdAt : null,
    };
    state.sellers.set(legacyId, seller);
    if (!deleted) sellers.push(seller);
  }
  return sellers;
}

function seedAdverts(state: MarketplacerState, count: number, retailers: SellerRecord[], leaves: SeedLeaf[], brandIds: number[]): void {
  for (let i = 0; i < count; i++) {
    const legacyId = state.nextId('Advert');
    const leaf = leaves[i % leaves.length];
    const brandId = brandIds[(i * 7) % brandIds.length];
    const createdAt = SEED_EPOCH + i * MINUTE;
    const updatedAt = createdAt + 30_000;
    const deleted = i % 25 === 24;
    const advert: AdvertRecord = {
      kind: 'Advert',
      legacyId,
      sellerId: retailers[i % retailers.length].legacyId,
      brandId,
      taxonId: leaf.taxonId,
      title: `${state.brands.get(brandId)!.name} ${leaf.noun} ${i + 1}`,
      description: `A simulated ${leaf.noun.toLowerCase()} (seed advert ${i + 1}).`,
      code: null,
      externalId: null,
      externalIds: [],
      images: undefined,
      advertOptions: leaf.advertOptions,
      variants: [],
      published: i % 10 !== 9,
      vetting: i % 20 === 13 ? 'PENDING' : i % 20 === 17 ? 'REJECTED' : 'APPROVED',
      requiresVettingAt: i % 20 === 13 ? createdAt : null,
      vettingRejectedAt: i % 20 === 17 ? updatedAt : null,
      vettingRejectedReason: i % 20 === 17 ? 'Images do not meet the marketplace guidelines' : null,
      deletedAt: deleted ? updatedAt : null,
      createdAt,
      updatedAt,
    };
    const variantCount = Math.min(1 + (i % 3), leaf.variantCombos.length);
    for (let k = 0; k < variantCount; k++) advert.variants.push(seedVariant(state, advert, i, k, leaf));
    state.insertAdvert(advert);
  }
}

function seedVariant(state: MarketplacerState, advert: AdvertRecord, i: number, k: number, leaf: SeedLeaf): VariantRecord {
  const legacyId = state.nextId('Variant');
  const priceCents = 990 + (i % 90) * 150 + k * 100;
  return {
    kind: 'Variant',
    legacyId,
    advert,
    sku: `SIM-${advert.legacyId}-${k + 1}`,
    barcode: ean13(`789${String(legacyId).padStart(9, '0')}`),
    countOnHand: (i * 7 + k * 13) % 40,
    infiniteQuantity: false,
    priceCents,
    salePriceCents: i % 8 === 5 ? priceCents - 200 : null,
    published: true,
    options: leaf.variantCombos[(i + k) % leaf.variantCombos.length],
    externalId: null,
    externalIds: [],
    createdAt: advert.createdAt,
    updatedAt: advert.updatedAt,
  };
}

/** A valid EAN-13 from 12 digits (check digit appended). */
export function ean13(twelveDigits: string): string {
  const sum = [...twelveDigits].reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3), 0);
  return `${twelveDigits}${(10 - (sum % 10)) % 10}`;
}

/**
 * Invoices cycle through the states tests need (index modulo 8): awaiting payment, paid, sent with a
 * RETURNED refund request, sent, partially sent, cancelled, paid with an AWAITING cancellation request,
 * sent and fully refunded. Orders hold one invoice, every fourth order two (two sellers).
 */
function seedOrders(state: MarketplacerState, invoiceCount: number, retailers: SellerRecord[]): void {
  const sellable = new Map<number, VariantRecord[]>();
  for (const advert of state.advertsById) {
    if (!isDisplayable(advert)) continue;
    const list = sellable.get(advert.sellerId) ?? [];
    list.push(...advert.variants);
    sellable.set(advert.sellerId, list);
  }
  const sellersWithStock = retailers.filter((seller) => (sellable.get(seller.legacyId)?.length ?? 0) > 0);
  if (sellersWithStock.length === 0) return;

  let invoiceIndex = 0;
  for (let orderIndex = 0; invoiceIndex < invoiceCount; orderIndex++) {
    const createdAt = ORDERS_START + orderIndex * HOUR;
    const [firstName, surname] = BUYERS[orderIndex % BUYERS.length];
    const orderId = state.nextId('Order');
    const invoicesInOrder = orderIndex % 4 === 3 && sellersWithStock.length > 1 ? 2 : 1;
    const shipping = address(state, orderIndex + 3);
    const awaitingPayment = invoiceIndex % 8 === 0;
    state.orders.set(orderId, {
      kind: 'Order',
      legacyId: orderId,
      status: awaitingPayment ? 'PAYMENT_IN_PROGRESS' : 'COMPLETE',
      firstName,
      surname,
      emailAddress: `${firstName.toLowerCase()}.${surname.toLowerCase()}@buyer.example.com`,
      phone: `0411 111 ${String(orderIndex % 1000).padStart(3, '0')}`,
      companyName: null,
      address: shipping,
      billingAddress: shipping,
      externalIds: [],
      paymentGatewayDetails: {},
      invoiceIds: [],
      createdAt,
      updatedAt: createdAt,
    });
    for (let n = 0; n < invoicesInOrder && invoiceIndex < invoiceCount; n++, invoiceIndex++) {
      const seller = sellersWithStock[(orderIndex + n) % sellersWithStock.length];
      // Payment is per order: every invoice of an unpaid order is unpaid (scenario 0), none of a paid one.
      const scenario = awaitingPayment ? 0 : invoiceIndex % 8 || 1;
      seedInvoice(state, scenario, invoiceIndex, orderId, seller, sellable.get(seller.legacyId)!, createdAt);
    }
  }
}

function seedInvoice(
  state: MarketplacerState,
  scenario: number,
  i: number,
  orderId: number,
  seller: SellerRecord,
  variants: VariantRecord[],
  createdAt: number,
): void {
  const legacyId = state.nextId('Invoice');
  const paidAt = scenario === 0 ? null : createdAt + 5 * MINUTE;
  const invoice: InvoiceRecord = {
    kind: 'Invoice',
    legacyId,
    orderId,
    sellerId: seller.legacyId,
    lineItemIds: [],
    shipmentIds: [],
    refundRequestIds: [],
    externalIds: [],
    postageCents: 990,
    commissionRate: 0.1,
    paidAt,
    cancelledAt: scenario === 5 ? createdAt + HOUR : null,
    remittedAt: null,
    buyerMessageToSeller: i % 3 === 0 ? 'Please leave at the door.' : null,
    createdAt,
    updatedAt: createdAt + 2 * HOUR,
  };
  state.invoices.set(legacyId, invoice);
  state.orders.get(orderId)!.invoiceIds.push(legacyId);

  const lineCount = scenario === 4 ? 2 : 1 + (i % 3);
  const lines: LineItemRecord[] = [];
  for (let l = 0; l < lineCount; l++) {
    const variant = variants[(i * 3 + l * 5) % variants.length];
    const line = lineItemFor(state, invoice, variant, 1 + ((i + l) % 2));
    if (scenario === 5) line.status = 'CANCELLED';
    lines.push(line);
  }
  if (scenario === 2 || scenario === 3 || scenario === 7) seedShipment(state, invoice, lines, createdAt + HOUR);
  if (scenario === 4) seedShipment(state, invoice, [lines[0]], createdAt + HOUR);
  if (scenario === 2) seedRefund(state, invoice, [lines[0]], 'RETURNED', true, createdAt + 90 * MINUTE);
  if (scenario === 6) seedRefund(state, invoice, [lines[0]], 'AWAITING', false, createdAt + 90 * MINUTE);
  if (scenario === 7) seedRefund(state, invoice, lines, 'REFUNDED', true, createdAt + 90 * MINUTE);
  if (paidAt !== null && scenario !== 5) seedRemittance(state, invoice, lines, scenario === 3 || scenario === 7, createdAt + 2 * HOUR);
}

function lineItemFor(state: MarketplacerState, invoice: InvoiceRecord, variant: VariantRecord, quantity: number): LineItemRecord {
  const legacyId = state.nextId('LineItem');
  const unitCents = effectivePriceCents(variant);
  const advert = variant.advert;
  const line: LineItemRecord = {
    kind: 'LineItem',
    legacyId,
    invoiceId: invoice.legacyId,
    variantId: variant.legacyId,
    quantity,
    unitCents,
    taxCents: Math.round((unitCents * quantity) / 11),
    postageCents: invoice.lineItemIds.length === 0 ? invoice.postageCents : 0,
    refundedQuantity: 0,
    status: 'ALLOCATED',
    variantSku: variant.sku,
    variantBarcode: variant.barcode,
    variantName: `${advert.title}`,
    advertId: advert.legacyId,
    advertTitle: advert.title,
    brandName: advert.brandId === null ? null : (state.brands.get(advert.brandId)?.name ?? null),
    externalIds: [],
  };
  state.lineItems.set(legacyId, line);
  invoice.lineItemIds.push(legacyId);
  return line;
}

function seedShipment(state: MarketplacerState, invoice: InvoiceRecord, lines: LineItemRecord[], at: number): void {
  const legacyId = state.nextId('Shipment');
  state.shipments.set(legacyId, {
    kind: 'Shipment',
    legacyId,
    invoiceId: invoice.legacyId,
    carrierId: 1 + (invoice.legacyId % state.carriers.size),
    trackingNumber: `TRK${invoice.legacyId}${legacyId}`,
    note: null,
    dispatchedAt: at,
    items: lines.map((line) => ({ id: state.nextId('ShippedItem'), lineItemId: line.legacyId, quantity: line.quantity })),
    createdAt: at,
    updatedAt: at,
  });
  invoice.shipmentIds.push(legacyId);
}

function seedRefund(
  state: MarketplacerState,
  invoice: InvoiceRecord,
  lines: LineItemRecord[],
  status: 'AWAITING' | 'RETURNED' | 'REFUNDED',
  dispatched: boolean,
  at: number,
): void {
  const legacyId = state.nextId('RefundRequest');
  const lineStatus = status === 'REFUNDED' ? 'REFUNDED' : status === 'RETURNED' ? 'REFUND_ACCEPTED' : 'PENDING_APPROVAL';
  const lineIds = lines.map((line) => {
    const id = state.nextId('RefundRequestLineItem');
    state.refundLines.set(id, {
      kind: 'RefundRequestLineItem',
      legacyId: id,
      refundRequestId: legacyId,
      lineItemId: line.legacyId,
      custom: null,
      reason: dispatched ? 'Changed my mind' : 'Ordered by mistake',
      quantity: line.quantity,
      amountPerItemCents: line.unitCents,
      dispatched,
      status: lineStatus,
    });
    if (status === 'REFUNDED') {
      line.refundedQuantity = line.quantity;
      line.status = 'REFUNDED';
    }
    return id;
  });
  const total = lines.reduce((sum, line) => sum + line.unitCents * line.quantity, 0);
  state.refundRequests.set(legacyId, {
    kind: 'RefundRequest',
    legacyId,
    invoiceId: invoice.legacyId,
    status,
    lineIds,
    notes: [{ id: state.nextId('RefundNote'), note: 'Requested by the buyer', newStatus: 'AWAITING', lineId: null, timestamp: at }],
    externalIds: [],
    cashAmountCents: status === 'REFUNDED' ? total : null,
    refundedAt: status === 'REFUNDED' ? at : null,
    createdAt: at,
    updatedAt: at,
  });
  invoice.refundRequestIds.push(legacyId);
}

function seedRemittance(state: MarketplacerState, invoice: InvoiceRecord, lines: LineItemRecord[], released: boolean, at: number): void {
  const goods = lines.reduce((sum, line) => sum + line.unitCents * line.quantity, 0);
  const commissionCents = Math.round(goods * invoice.commissionRate);
  const legacyId = state.nextId('Remittance');
  state.remittances.set(legacyId, {
    kind: 'Remittance',
    legacyId,
    sellerId: invoice.sellerId,
    invoiceId: invoice.legacyId,
    amountCents: goods + invoice.postageCents - commissionCents,
    commissionCents,
    released,
    pendingReasons: released ? [] : ['Invoice has not been dispatched'],
    adviceId: null,
    createdAt: at,
  });
  if (!released) return;
  let advice = [...state.remittanceAdvices.values()].find((a) => a.sellerId === invoice.sellerId && a.paidAt === null);
  if (!advice) {
    const adviceId = state.nextId('RemittanceAdvice');
    advice = {
      kind: 'RemittanceAdvice',
      legacyId: adviceId,
      sellerId: invoice.sellerId,
      remittanceIds: [],
      totalPaidCents: null,
      paidAt: null,
      paymentReference: null,
      attachments: [],
      createdAt: at,
      updatedAt: at,
    };
    state.remittanceAdvices.set(adviceId, advice);
  }
  advice.remittanceIds.push(legacyId);
  state.remittances.get(legacyId)!.adviceId = advice.legacyId;
}

function address(state: MarketplacerState, i: number): AddressRecord {
  const [city, stateShort, stateName, postcode] = CITIES[i % CITIES.length];
  return {
    id: state.nextId('Address'),
    address: `${10 + i} Collins Street`,
    subaddress: i % 2 === 0 ? `Unit ${i}` : null,
    city,
    postcode,
    stateShort,
    stateName,
    countryCode: 'AU',
    countryName: 'Australia',
  };
}

function latestSeedTime(state: MarketplacerState): number {
  let latest = state.advertsByUpdate.at(-1)?.updatedAt ?? 0;
  for (const map of [state.invoices, state.sellers, state.refundRequests, state.remittanceAdvices, state.orders] as Map<number, { updatedAt: number }>[]) {
    for (const record of map.values()) latest = Math.max(latest, record.updatedAt);
  }
  return latest;
}
