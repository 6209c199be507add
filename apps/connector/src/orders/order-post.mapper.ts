import { createHash } from 'node:crypto';
import type { OrderBillingAddress, OrderBuyer, OrderItem, OrderPost, OrderShipping } from '#anymarket';
import type { MarketplacerAddress, MarketplacerInvoice, MarketplacerLineItem } from '#marketplacer';
import { centsToDecimal, sumCents } from './money.js';
import { creationStatusOf, isPaid, marketPlaceStatusOf } from './order-status.js';
import type { OrderStatus } from '#anymarket';

/** The ANYMARKET account an order is created for. */
export interface OrderAccount {
  /** `idAccount` from saveAccount (decimal text). */
  idAccount: string;
  accountName: string | null;
}

/** What an invoice becomes in ANYMARKET, and which of its lines are not linked to a listing. */
export interface BuiltOrder {
  post: OrderPost;
  /** Marketplacer SKUs (or variant ids) of lines whose variant has no ANYMARKET listing here. */
  unlinkedSkus: string[];
  /** The figures in cents, as they were added up (for tests and admins). */
  cents: { productNet: number; freight: number; discount: number; interest: number; total: number };
}

/**
 * Where masked buyer e-mails point (ANYMARKET asks for the buyer's address "criptografado"): a
 * reserved domain, so nothing can ever be delivered to it.
 */
export const MASKED_EMAIL_DOMAIN = 'buyer.marketplacer.invalid';

/**
 * The `OrderPost` of a Marketplacer invoice:
 * - `marketPlaceId` = the invoice's legacy id (one ANYMARKET order per invoice; the id the operator
 *   portal shows, and what `/order/{idInMarketPlace}` remotes carry back); `marketPlaceNumber` = the
 *   buyer's order number (Order.legacyId), which several sellers' invoices share;
 * - items by `sku.partnerId` = the `skuInMarketplace` of the account's listing on the line's variant;
 *   a variant with none carries Marketplacer's SKU and is reported in `unlinkedSkus` (ANYMARKET then
 *   accepts or criticises the order where the seller sees it; it is never held back);
 * - per item: `gross` = the line total (unit × amount), `discount` = the line discount, `total` =
 *   gross − discount; `productNet` = Σ item totals; `freight` = the invoice's postage; the invoice's
 *   own total decides the rest: what it lacks against productNet + freight is an order `discount`, what
 *   it adds is `interestValue` (INFERRED: Marketplacer's fees or surcharges), so `total` = productNet +
 *   freight + interest − discount = the invoice total, and one payment of exactly that value;
 * - status PAID when paid (one call creates a paid order), else PENDING.
 */
export function buildOrderPost(
  invoice: MarketplacerInvoice,
  account: OrderAccount,
  skuOfVariant: ReadonlyMap<string, string>,
  target: OrderStatus,
): BuiltOrder {
  const lines = billableLines(invoice);
  const unlinkedSkus: string[] = [];
  const items = lines.map((line): { item: OrderItem; totalCents: number } => {
    const linked = line.variantId ? skuOfVariant.get(line.variantId) : undefined;
    const sku = linked ?? line.variantSku ?? line.variantId ?? line.id;
    if (!linked) unlinkedSkus.push(sku);
    const discountCents = Math.min(line.discountCents, line.totalCents);
    const totalCents = line.totalCents - discountCents;
    return {
      totalCents,
      item: {
        sku: { partnerId: sku },
        amount: line.quantity,
        unit: centsToDecimal(unitCentsOf(line)),
        gross: centsToDecimal(line.totalCents),
        discount: centsToDecimal(discountCents),
        total: centsToDecimal(totalCents),
      },
    };
  });
  const productNet = sumCents(items.map(({ totalCents }) => totalCents));
  const freight = invoice.postageCents;
  const total = orderTotalCents(invoice, lines, productNet + freight);
  const discount = Math.max(0, productNet + freight - total);
  const interest = Math.max(0, total - (productNet + freight));
  const paid = isPaid(invoice);
  const buyerName = nameOf(invoice);
  const post: OrderPost = {
    marketPlaceId: String(invoice.legacyId),
    ...(invoice.order?.legacyId != null ? { marketPlaceNumber: String(invoice.order.legacyId) } : { marketPlaceNumber: String(invoice.legacyId) }),
    createdAt: withOffset(invoice.createdAt),
    idAccount: Number(account.idAccount),
    ...(account.accountName ? { accountName: account.accountName } : {}),
    status: creationStatusOf(target),
    marketPlaceStatus: marketPlaceStatusOf(invoice),
    discount: centsToDecimal(discount),
    freight: centsToDecimal(freight),
    interestValue: centsToDecimal(interest),
    productNet: centsToDecimal(productNet),
    total: centsToDecimal(total),
    items: items.map(({ item }) => item),
    payments: [
      {
        method: 'Marketplacer',
        status: paid ? 'Pagamento Aprovado' : 'Pendente de Pagamento',
        value: centsToDecimal(total),
        installments: 1,
        ...(invoice.paidAt ? { dueDate: withOffset(invoice.paidAt) } : {}),
      },
    ],
    buyer: buyerOf(invoice, buyerName),
    ...(invoice.shippingAddress ? { shipping: shippingOf(invoice.shippingAddress, buyerName) } : {}),
    ...((invoice.billingAddress ?? invoice.shippingAddress) ? { billingAddress: addressOf((invoice.billingAddress ?? invoice.shippingAddress)!) } : {}),
    ...(invoice.buyerMessageToSeller ? { observation: invoice.buyerMessageToSeller } : {}),
  };
  return { post, unlinkedSkus, cents: { productNet, freight, discount, interest, total } };
}

/** The lines that are sold: cancelled lines are left out unless the whole invoice is cancelled. */
export function billableLines(invoice: MarketplacerInvoice): MarketplacerLineItem[] {
  const open = invoice.lineItems.filter((line) => line.status !== 'CANCELLED');
  return open.length > 0 ? open : invoice.lineItems;
}

/**
 * The order's total from the invoice's. A zero total on an invoice with goods counts as missing. With
 * cancelled lines left out, whether Marketplacer's total still counts them is not documented (INFERRED;
 * the simulator does): of the total with and without them, the one nearer goods + postage is taken, so
 * a cancelled line never turns into interest or a discount.
 */
function orderTotalCents(invoice: MarketplacerInvoice, billed: MarketplacerLineItem[], goodsAndPostage: number): number {
  if (invoice.totalCents <= 0 && goodsAndPostage > 0) return goodsAndPostage;
  const leftOut = sumCents(
    invoice.lineItems.filter((line) => !billed.includes(line)).map((line) => line.totalCents - Math.min(line.discountCents, line.totalCents)),
  );
  if (leftOut === 0) return invoice.totalCents;
  const without = invoice.totalCents - leftOut;
  return Math.abs(without - goodsAndPostage) < Math.abs(invoice.totalCents - goodsAndPostage) ? without : invoice.totalCents;
}

/** The unit price in cents: Marketplacer makes line totals whole multiples of the unit (it rounds the unit up). */
function unitCentsOf(line: MarketplacerLineItem): number {
  return line.quantity > 0 ? Math.round(line.totalCents / line.quantity) : line.totalCents;
}

function nameOf(invoice: MarketplacerInvoice): string | undefined {
  const name = [invoice.buyer.firstName, invoice.buyer.surname].filter((part) => part && part.trim()).join(' ');
  return name || undefined;
}

function buyerOf(invoice: MarketplacerInvoice, name: string | undefined): OrderBuyer {
  return {
    ...(name ? { name } : {}),
    ...(invoice.buyer.emailAddress ? { email: maskEmail(invoice.buyer.emailAddress) } : {}),
    ...(invoice.buyer.phone ? { phone: invoice.buyer.phone } : {}),
  };
}

/**
 * The buyer's e-mail as ANYMARKET asks for it: not the address itself. The same buyer always gets the
 * same masked address (a hash of the lower-cased address), so ANYMARKET can still tell buyers apart.
 * Masking a masked address changes nothing.
 */
export function maskEmail(email: string): string {
  if (email.endsWith(`@${MASKED_EMAIL_DOMAIN}`)) return email; // masked already (the copy kept on the order)
  const digest = createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 16);
  return `${digest}@${MASKED_EMAIL_DOMAIN}`;
}

function addressOf(address: MarketplacerAddress): OrderBillingAddress {
  return {
    street: address.address,
    ...(address.subaddress ? { comment: address.subaddress } : {}),
    city: address.city,
    ...(address.stateShort ? { state: address.stateShort } : {}),
    ...(address.stateName ? { stateNameNormalized: address.stateName } : {}),
    ...((address.countryName ?? address.countryCode) ? { country: (address.countryName ?? address.countryCode)! } : {}),
    ...(address.countryCode ? { countryAcronymNormalized: address.countryCode } : {}),
    ...(address.countryName ? { countryNameNormalized: address.countryName } : {}),
    zipCode: address.postcode,
  };
}

function shippingOf(address: MarketplacerAddress, receiverName: string | undefined): OrderShipping {
  const oneLine = [address.address, address.subaddress, address.city, address.stateShort, address.postcode].filter((part) => part && part.trim()).join(', ');
  return { ...addressOf(address), address: oneLine, ...(receiverName ? { receiverName } : {}) };
}

/** An ISO 8601 date-time with its offset (ANYMARKET's dates carry one); one without gets `Z` from a UTC reading. */
export function withOffset(iso: string): string {
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(iso)) return iso;
  const parsed = Date.parse(`${iso}Z`);
  return Number.isNaN(parsed) ? iso : new Date(parsed).toISOString();
}
