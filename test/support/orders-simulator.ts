import { DEMO_ANYMARKET_APP_ID, type Order, type OrderPost } from '#anymarket';
import { http } from './stack.js';
import { simulatorGraphql, type ListingsSimulator } from './listings-simulator.js';

/** Where the simulated ANYMARKET's marketplace API lives; calls are recorded with this prefix. */
const ANYMARKET_API = '/anymarket/marketplace/api';

/** A variant a seller can sell in the simulated Marketplacer. */
export interface SellableVariant {
  id: string;
  sku: string | null;
  countOnHand: number;
}

/** One line of a simulated invoice. */
export interface SimulatedLineItem {
  id: string;
  quantity: number;
  /** The unit price (LineItem.itemAmountCents, "Total cost per item"). */
  itemAmountCents: number;
  /** The line's goods: itemAmountCents × quantity (what the connector reads a line as). */
  goodsCents: number;
  discountCents: number;
  variantId: string | null;
  variantSku: string | null;
}

/** A shipment of a simulated invoice, as Marketplacer's GraphQL API shows it. */
export interface SimulatedShipment {
  carrier: string;
  trackingNumber: string;
  trackingLink: string | null;
  /** Where the connector puts the tracking link and the NF-e (shipmentCreate has no field for either). */
  note: string | null;
}

/** An invoice of the simulated Marketplacer, as the tests read it back. */
export interface SimulatedInvoice {
  id: string;
  legacyId: number;
  status: string;
  totalCents: number;
  /** The invoice's postage (Invoice.shippingCostCents). */
  postageCents: number;
  order: { legacyId: number } | null;
  lineItems: SimulatedLineItem[];
  shipments: SimulatedShipment[];
}

/** One order the simulated ANYMARKET holds. */
export interface HeldOrder {
  tokenHint: string;
  order: Order;
  transmissionErrorMessage?: string;
}

/** One call the simulated ANYMARKET's marketplace API received. */
export interface AnymarketApiCall {
  /** When the simulated ANYMARKET received it (ISO 8601). */
  at: string;
  method: string;
  path: string;
  /** The query parameters, as received (text). */
  query?: Record<string, unknown>;
  body: unknown;
  tokenHint: string | null;
  status?: number;
  servedStatus?: number;
}

/** A request the simulated ANYMARKET refused for breaking its contract. */
export interface ContractViolation {
  operation: string;
  marketPlaceId?: string;
  field: string;
  message: string;
}

/** Trouble for the next matching marketplace-API calls (POST /_control/anymarket/faults). */
export interface AnymarketFault {
  count: number;
  status?: number;
  delayMs?: number;
  afterServe?: boolean;
  method?: string;
  pathPattern?: string;
}

/** A refund request of the simulated Marketplacer, as its GraphQL mutations answer it. */
export interface SimulatedRefundRequest {
  id: string;
  status: string;
}

const INVOICE_FIELDS = `id legacyId status totalCents postageCents: shippingCostCents order { legacyId }
  lineItems { id quantity itemAmountCents discountCents variantId variantSku }
  shipments { carrier trackingNumber trackingLink note }`;

/** The simulator's order side, driven over HTTP: buyers' orders in Marketplacer, orders held by ANYMARKET. */
export class OrdersSimulator {
  constructor(readonly url: string) {}

  graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return simulatorGraphql<T>(this.url, query, variables);
  }

  /** Sellers (of adverts without vetting) with at least `minVariants` sellable variants, the most stocked first. */
  async stockedSellers(listings: ListingsSimulator, minVariants: number): Promise<Array<{ sellerId: string; variants: SellableVariant[] }>> {
    const sellers = await listings.sellersWithoutVetting();
    const stocked = await Promise.all(sellers.map(async (seller) => ({ sellerId: seller.id, variants: await this.sellableVariants(seller.id) })));
    return stocked.filter((seller) => seller.variants.length >= minVariants).sort((a, b) => b.variants.length - a.variants.length);
  }

  /** Published variants with stock of the seller's displayable adverts. */
  async sellableVariants(sellerId: string): Promise<SellableVariant[]> {
    const data = await this.graphql<{
      advertsWhere: {
        nodes: Array<{ published: boolean | null; vetted: boolean | null; variants: { nodes: Array<SellableVariant & { published: boolean | null }> } }>;
      };
    }>(
      `query($ids: [ID!]) { advertsWhere(retailerIds: $ids, first: 100) { nodes { published vetted variants(first: 50) { nodes { id sku countOnHand published } } } } }`,
      { ids: [sellerId] },
    );
    return data.advertsWhere.nodes
      .filter((advert) => advert.published !== false && advert.vetted !== false)
      .flatMap((advert) => advert.variants.nodes)
      .filter((variant) => variant.published !== false && variant.countOnHand > 5)
      .map(({ id, sku, countOnHand }) => ({ id, sku, countOnHand }));
  }

  /** A buyer's order in Marketplacer (orderCreate): the invoices it made. Paid at once (the simulator takes API orders as paid). */
  async buy(lines: Array<{ variantId: string; quantity: number; cents?: number }>, postageCents = 0): Promise<SimulatedInvoice[]> {
    const data = await this.graphql<{ orderCreate: { errors: unknown[] | null; order: { invoices: { nodes: Array<{ id: string }> } } | null } }>(
      `mutation($input: OrderCreateMutationInput!) { orderCreate(input: $input) { errors { field messages } order { invoices(first: 10) { nodes { id } } } } }`,
      {
        input: {
          order: {
            firstName: 'Ana',
            surname: 'Compradora',
            emailAddress: 'ana.compradora@buyer.example.com',
            phone: '+55 44 99999 0000',
            address: {
              address: 'Rua Teste, 100',
              subaddress: 'apto 602',
              city: 'Maringá',
              postcode: '87020-035',
              state: { short: 'PR' },
              country: { code: 'BR' },
            },
          },
          lineItems: lines.map((line, index) => ({
            variantId: line.variantId,
            quantity: line.quantity,
            ...(line.cents !== undefined ? { cost: { amount: line.cents } } : {}),
            ...(index === 0 && postageCents ? { postage: { amount: postageCents } } : {}),
          })),
        },
      },
    );
    if (data.orderCreate.errors?.length || !data.orderCreate.order) throw new Error(`orderCreate refused: ${JSON.stringify(data.orderCreate.errors)}`);
    return Promise.all(data.orderCreate.order.invoices.nodes.map((invoice) => this.invoice(invoice.id)));
  }

  /**
   * A buyer's order made through the simulator's control API (the same domain code as orderCreate);
   * `paid: false` leaves its invoices AWAITING_PAYMENT, which GraphQL's orderCreate cannot do.
   */
  async order(lines: Array<{ variantId: string; quantity: number }>, options: { paid?: boolean } = {}): Promise<SimulatedInvoice[]> {
    const made = await this.control<{ orders: Array<{ invoices: Array<{ id: string }> }> }>('POST', '/_control/marketplacer/orders', {
      lines,
      paid: options.paid ?? true,
    });
    return Promise.all(made.orders.flatMap((order) => order.invoices).map((invoice) => this.invoice(invoice.id)));
  }

  async invoice(id: string): Promise<SimulatedInvoice> {
    const data = await this.graphql<{ node: Omit<SimulatedInvoice, 'lineItems'> & { lineItems: Array<Omit<SimulatedLineItem, 'goodsCents'>> } }>(
      `query($id: ID!) { node(id: $id) { ... on Invoice { ${INVOICE_FIELDS} } } }`,
      { id },
    );
    return { ...data.node, lineItems: data.node.lineItems.map((line) => ({ ...line, goodsCents: line.itemAmountCents * line.quantity })) };
  }

  async paid(invoice: SimulatedInvoice): Promise<void> {
    await this.control('POST', `/_control/marketplacer/invoices/${invoice.legacyId}/paid`);
  }

  async cancel(invoice: SimulatedInvoice): Promise<void> {
    await this.control('POST', `/_control/marketplacer/invoices/${invoice.legacyId}/cancelled`);
  }

  /** Ships the invoice in Marketplacer: everything left to ship, or only `lines` (a partial shipment). */
  async ship(invoice: SimulatedInvoice, trackingNumber?: string, lines?: Array<{ lineItemId: string; quantity: number }>): Promise<void> {
    await this.control('POST', `/_control/marketplacer/invoices/${invoice.legacyId}/shipped`, {
      ...(trackingNumber ? { trackingNumber } : {}),
      ...(lines ? { lines } : {}),
    });
  }

  async collected(invoice: SimulatedInvoice): Promise<void> {
    await this.control('POST', `/_control/marketplacer/invoices/${invoice.legacyId}/collected`);
  }

  // Refund requests (GraphQL, standard flow: create AWAITING → return RETURNED → refund REFUNDED)

  /** refundRequestCreate for these lines of the invoice (quantities to give back), as a cancellation (not dispatched). */
  async requestRefund(invoice: SimulatedInvoice, lines: Array<{ lineItemId: string; quantity: number }>): Promise<SimulatedRefundRequest> {
    return this.refundMutation('refundRequestCreate', 'RefundRequestCreateMutationInput', {
      invoiceId: invoice.id,
      lineItems: lines.map((line) => ({ ...line, reason: 'Desistência', dispatched: false })),
      notes: [{ note: 'e2e' }],
    });
  }

  /** The request goes all the way: returned, then refunded (the money goes back to the buyer). */
  async refundInFull(request: SimulatedRefundRequest): Promise<SimulatedRefundRequest> {
    await this.refundMutation('refundRequestReturn', 'RefundRequestReturnMutationInput', { refundRequestId: request.id, notes: [] });
    return this.refundMutation('refundRequestRefund', 'RefundRequestRefundMutationInput', { refundRequestId: request.id, notes: [] });
  }

  private async refundMutation(name: string, inputType: string, input: Record<string, unknown>): Promise<SimulatedRefundRequest> {
    const data = await this.graphql<Record<string, { errors: unknown[] | null; refundRequest: SimulatedRefundRequest | null }>>(
      `mutation($input: ${inputType}!) { ${name}(input: $input) { errors { field messages } refundRequest { id status } } }`,
      { input },
    );
    const answer = data[name];
    if (answer.errors?.length || !answer.refundRequest) throw new Error(`${name} refused: ${JSON.stringify(answer.errors)}`);
    return answer.refundRequest;
  }

  // ANYMARKET half

  /** Every order the simulated ANYMARKET holds. */
  async anymarketOrders(): Promise<HeldOrder[]> {
    return (await this.control<{ orders: HeldOrder[] }>('GET', '/_control/anymarket/orders')).orders;
  }

  /** The orders ANYMARKET holds with this `marketPlaceId` (any seller). */
  async heldOrders(marketPlaceId: string): Promise<HeldOrder[]> {
    return (await this.anymarketOrders()).filter((held) => held.order.marketPlaceId === marketPlaceId);
  }

  async anymarketCalls(): Promise<AnymarketApiCall[]> {
    return (await this.control<{ calls: AnymarketApiCall[] }>('GET', '/_control/anymarket/calls')).calls;
  }

  /**
   * The calls that create or move the order `marketPlaceId` (POST /orders for it, PUT markAs*), as
   * `POST /orders` or the markAs* name, oldest first, with their bodies.
   */
  async orderCalls(marketPlaceId: string): Promise<Array<{ name: string; body: unknown; status?: number }>> {
    const markAs = new RegExp(`^${ANYMARKET_API}/orders/${marketPlaceId}/(markAs\\w+)$`);
    return (await this.anymarketCalls()).flatMap((call) => {
      if (call.method === 'POST' && call.path === `${ANYMARKET_API}/orders` && (call.body as { marketPlaceId?: unknown })?.marketPlaceId === marketPlaceId)
        return [{ name: 'POST /orders', body: call.body, status: call.status }];
      const transition = call.method === 'PUT' ? markAs.exec(call.path) : null;
      return transition ? [{ name: transition[1], body: call.body, status: call.status }] : [];
    });
  }

  async violations(): Promise<ContractViolation[]> {
    return (await this.control<{ violations: ContractViolation[] }>('GET', '/_control/anymarket/violations')).violations;
  }

  /** Whether the simulated ANYMARKET takes a markAsShipped on a SHIPPED order as a tracking update (true) or refuses it (false, the v2 table). */
  async repeatShippedUpdatesTracking(accept: boolean): Promise<void> {
    await this.control('PUT', '/_control/anymarket/order-rules', { repeatShippedUpdatesTracking: accept });
  }

  async armFault(fault: AnymarketFault): Promise<void> {
    await this.control('POST', '/_control/anymarket/faults', fault);
  }

  /**
   * Another marketplace integration (or a person with the seller's token) creates an order in the
   * seller's ANYMARKET through the marketplace API, as the connector would: `POST /orders`.
   */
  async createOrderAsMarketplace(sellerToken: string, post: OrderPost): Promise<Order> {
    const res = await http<Order>(`${this.url}${ANYMARKET_API}/orders`, {
      method: 'POST',
      headers: { appId: DEMO_ANYMARKET_APP_ID, token: sellerToken },
      body: post,
    });
    if (res.status !== 200) throw new Error(`POST /orders answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** The seller changes the order in ANYMARKET (status, invoice, tracking); answers ANYMARKET's order id and the old status. */
  async sellerChange(marketPlaceId: string, change: Record<string, unknown>): Promise<{ orderId: number; oldStatus: string }> {
    const changed = await this.control<{ order: { id: number }; oldStatus: string }>('PUT', `/_control/anymarket/orders/${marketPlaceId}`, change);
    return { orderId: changed.order.id, oldStatus: changed.oldStatus };
  }

  /** The order `marketPlaceId` as ANYMARKET holds it, with the last transmissionStatus errorMessage. */
  async heldOrder(marketPlaceId: string): Promise<HeldOrder> {
    const [held] = await this.heldOrders(marketPlaceId);
    if (!held) throw new Error(`ANYMARKET holds no order ${marketPlaceId}`);
    return held;
  }

  /** The calls that read the order or acknowledge a change (`GET /orders/{id}`, `transmissionStatus`), oldest first. */
  async acknowledgements(marketPlaceId: string, anymarketOrderId: number): Promise<Array<{ name: string; body: unknown; status?: number }>> {
    const read = new Set([`${ANYMARKET_API}/orders/${marketPlaceId}`, `${ANYMARKET_API}/orders/${anymarketOrderId}`]);
    return (await this.anymarketCalls()).flatMap((call) => {
      if (call.method === 'GET' && read.has(call.path)) return [{ name: 'GET /orders/{id}', body: undefined, status: call.status }];
      if (call.method === 'PUT' && call.path === `${ANYMARKET_API}/orders/${marketPlaceId}/transmissionStatus`)
        return [{ name: 'transmissionStatus', body: call.body, status: call.status }];
      return [];
    });
  }

  /** The invoice's refund requests in Marketplacer, with their lines. */
  async refundRequestsOf(
    invoice: SimulatedInvoice,
  ): Promise<Array<{ id: string; status: string; lineItems: Array<{ quantity: number; lineItem: { id: string } | null }> }>> {
    const data = await this.graphql<{
      refundRequests: {
        nodes: Array<{ id: string; status: string; invoice: { id: string }; lineItems: Array<{ quantity: number; lineItem: { id: string } | null }> }>;
      };
    }>(`query { refundRequests(first: 500) { nodes { id status invoice { id } lineItems { quantity lineItem { id } } } } }`);
    return data.refundRequests.nodes.filter((request) => request.invoice.id === invoice.id);
  }

  async control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await http<T>(`${this.url}${path}`, { method, body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
}
