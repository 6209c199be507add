import type { Order } from '#anymarket';
import { http } from './stack.js';

const DEMO_MARKETPLACER_API_KEY = 'demo-marketplacer-api-key';

/** A variant a seller can sell in the simulated Marketplacer. */
export interface SellableVariant {
  id: string;
  sku: string | null;
  countOnHand: number;
}

/** An invoice of the simulated Marketplacer, as the tests read it back. */
export interface SimulatedInvoice {
  id: string;
  legacyId: number;
  status: string;
  totalCents: number;
  postageCents: number | null;
  lineItems: Array<{ id: string; quantity: number; totalCents: number | null; variantId: string | null }>;
}

/** One order the simulated ANYMARKET holds. */
export interface HeldOrder {
  tokenHint: string;
  order: Order;
  transmissionErrorMessage?: string;
}

/** The simulator's order side, driven over HTTP: buyers' orders in Marketplacer, orders held by ANYMARKET. */
export class OrdersSimulator {
  constructor(readonly url: string) {}

  async graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await http<{ data?: T; errors?: unknown[] }>(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'MARKETPLACER-API-KEY': DEMO_MARKETPLACER_API_KEY },
      body: { query, variables },
    });
    if (res.status !== 200 || res.body.errors?.length) throw new Error(`GraphQL failed: ${res.status} ${JSON.stringify(res.body.errors ?? res.body)}`);
    return res.body.data!;
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

  async invoice(id: string): Promise<SimulatedInvoice> {
    const data = await this.graphql<{ node: SimulatedInvoice }>(
      `query($id: ID!) { node(id: $id) { ... on Invoice { id legacyId status totalCents postageCents lineItems { id quantity totalCents variantId } } } }`,
      { id },
    );
    return data.node;
  }

  async cancel(invoice: SimulatedInvoice): Promise<void> {
    await this.control('POST', `/_control/marketplacer/invoices/${invoice.legacyId}/cancelled`);
  }

  async ship(invoice: SimulatedInvoice, trackingNumber?: string): Promise<void> {
    await this.control('POST', `/_control/marketplacer/invoices/${invoice.legacyId}/shipped`, trackingNumber ? { trackingNumber } : {});
  }

  async collected(invoice: SimulatedInvoice): Promise<void> {
    await this.control('POST', `/_control/marketplacer/invoices/${invoice.legacyId}/collected`);
  }

  /** Every order the simulated ANYMARKET holds. */
  async anymarketOrders(): Promise<HeldOrder[]> {
    return (await this.control<{ orders: HeldOrder[] }>('GET', '/_control/anymarket/orders')).orders;
  }

  async anymarketCalls(): Promise<Array<{ method: string; path: string; body: unknown; status?: number }>> {
    return (await this.control<{ calls: Array<{ method: string; path: string; body: unknown; status?: number }> }>('GET', '/_control/anymarket/calls')).calls;
  }

  async control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await http<T>(`${this.url}${path}`, { method, body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
}
