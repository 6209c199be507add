import type { SkuMarketplace, SkuMarketplaceUpdate } from '#anymarket';
import { http } from './stack.js';

/** The simulator's Marketplacer API key in demo mode (the connector uses the same one). */
const DEMO_MARKETPLACER_API_KEY = 'demo-marketplacer-api-key';

export interface SimulatedSeller {
  id: string;
  legacyId: number;
  accountType: string;
  online: boolean;
  deleted: boolean;
  advertVettingRequired: boolean;
}

/** One call the simulated ANYMARKET received (GET /_control/anymarket/calls). */
export interface AnymarketCall {
  method: string;
  path: string;
  tokenHint: string | null;
  body: unknown;
  status?: number;
}

/** A Marketplacer advert as the tests read it back from the simulator's GraphQL API. */
export interface SimulatedAdvert {
  id: string;
  legacyId: number;
  title: string;
  published: boolean | null;
  vetted: boolean | null;
  brand: { id: string } | null;
  taxonNullable: { id: string } | null;
  seller: { id: string };
  variants: {
    nodes: Array<{
      id: string;
      sku: string | null;
      barcode: string | null;
      countOnHand: number;
      published: boolean | null;
      editablePrice: string | null;
      editableSalePrice: string | null;
      optionValues: { nodes: Array<{ id: string; name: string; optionType: { id: string; name: string } | null }> };
    }>;
  };
}

/** Marketplacer ids the example transmissions are mapped to before they are sent. */
export interface SimulatedCatalogue {
  /** A leaf taxon whose prototype has a variant-level Colour option type. */
  leafTaxonId: string;
  /** A taxon with children: Marketplacer refuses adverts there. */
  parentTaxon: { id: string; displayName: string };
  brandId: string;
  colour: { typeId: string; blue: { id: string; name: string } };
}

const ADVERT_FIELDS = `
  id legacyId title published vetted
  brand { id } taxonNullable { id } seller { id }
  variants(first: 50) { nodes { id sku barcode countOnHand published editablePrice editableSalePrice
    optionValues(first: 10) { nodes { id name optionType { id name } } } } }`;

/** A GraphQL request to the simulated Marketplacer with the demo API key; fails on HTTP or GraphQL errors. */
export async function simulatorGraphql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await http<{ data?: T; errors?: unknown[] }>(`${url}/graphql`, {
    method: 'POST',
    headers: { 'MARKETPLACER-API-KEY': DEMO_MARKETPLACER_API_KEY },
    body: { query, variables },
  });
  if (res.status !== 200 || res.body.errors?.length || !res.body.data)
    throw new Error(`simulator GraphQL failed: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}

/**
 * The real simulator seen from the listings e2e tests: its GraphQL API (with the demo key), the
 * Marketplacer control API (edits made "in the portal", faults, request log) and the ANYMARKET
 * control API (transmissions, tokens, the log of marketplace-API calls).
 */
export class ListingsSimulator {
  constructor(readonly url: string) {}

  graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return simulatorGraphql<T>(this.url, query, variables);
  }

  /** Online RETAILER sellers that publish without vetting. */
  async sellersWithoutVetting(): Promise<SimulatedSeller[]> {
    const state = await this.control<{ sellers: SimulatedSeller[] }>('GET', '/_control/marketplacer/state');
    return state.sellers.filter((seller) => seller.online && seller.accountType === 'RETAILER' && !seller.deleted && !seller.advertVettingRequired);
  }

  /** Leaf and parent taxons, a brand and the Colour option type, read from Marketplacer's own taxonomy. */
  async catalogue(): Promise<SimulatedCatalogue> {
    type TaxonNode = { id: string; displayName: string; prototype: { id: string } | null; children: { totalCount: number } };
    const level = async (parentId: string | null) =>
      (
        await this.graphql<{ taxons: { nodes: TaxonNode[] } }>(
          'query ($parentId: ID) { taxons(parentId: $parentId, first: 100) { nodes { id displayName prototype { id } children(first: 1) { totalCount } } } }',
          { parentId },
        )
      ).taxons.nodes;
    const { prototypes, brands } = await this.graphql<{
      prototypes: {
        nodes: Array<{
          id: string;
          optionTypes: { nodes: Array<{ id: string; name: string; appliedTo: string; optionValues: { nodes: Array<{ id: string; name: string }> } }> };
        }>;
      };
      brands: { nodes: Array<{ id: string }> };
    }>(
      '{ prototypes(first: 50) { nodes { id optionTypes(first: 100) { nodes { id name appliedTo optionValues(first: 100) { nodes { id name } } } } } } brands(first: 1) { nodes { id } } }',
    );
    const colourOf = (prototypeId: string | undefined) =>
      prototypes.nodes.find((p) => p.id === prototypeId)?.optionTypes.nodes.find((type) => type.appliedTo === 'VARIANT' && type.name === 'Colour');

    const parent = (await level(null)).find((taxon) => taxon.children.totalCount > 0);
    if (!parent) throw new Error('the simulator has no taxon with children');
    const leaf = (await level(parent.id)).find((taxon) => taxon.children.totalCount === 0 && colourOf(taxon.prototype?.id));
    if (!leaf) throw new Error(`no leaf below ${parent.displayName} has a Colour option type`);
    const colour = colourOf(leaf.prototype?.id)!;
    const blue = colour.optionValues.nodes.find((value) => value.name === 'Blue');
    if (!blue || !brands.nodes[0]) throw new Error('the simulator has no Blue colour value or no brand');
    return {
      leafTaxonId: leaf.id,
      parentTaxon: { id: parent.id, displayName: parent.displayName },
      brandId: brands.nodes[0].id,
      colour: { typeId: colour.id, blue },
    };
  }

  /** The seller's adverts as Marketplacer has them now. */
  async advertsOf(sellerId: string): Promise<SimulatedAdvert[]> {
    const data = await this.graphql<{ advertsWhere: { nodes: SimulatedAdvert[] } }>(
      `query ($sellers: [ID!]) { advertsWhere(retailerIds: $sellers, first: 500) { nodes { ${ADVERT_FIELDS} } } }`,
      { sellers: [sellerId] },
    );
    return data.advertsWhere.nodes;
  }

  /** The advert's vetting fields as Marketplacer answers them. */
  async vettingOf(advertId: string): Promise<{ requiresVetting: boolean; vetted: boolean; vettingRejected: boolean; vettingRejectedReason: string | null }> {
    const data = await this.graphql<{
      node: { requiresVetting: boolean; vetted: boolean; vettingRejected: boolean; vettingRejectedReason: string | null };
    }>('query ($id: ID!) { node(id: $id) { ... on Advert { requiresVetting vetted vettingRejected vettingRejectedReason } } }', { id: advertId });
    return data.node;
  }

  // ANYMARKET half

  /** A transmission as the simulated ANYMARKET has it (the spec's examples are 61234 and 61233). */
  transmission(id: number): Promise<SkuMarketplace> {
    return this.control('GET', `/_control/anymarket/skumarketplace/${id}`);
  }

  putTransmission(transmission: SkuMarketplace): Promise<SkuMarketplace> {
    return this.control('PUT', `/_control/anymarket/skumarketplace/${transmission.id}`, transmission);
  }

  async registerToken(token: string, configuration: Record<string, unknown>): Promise<void> {
    await this.control('POST', '/_control/anymarket/tokens', { token, configuration });
  }

  async calls(): Promise<AnymarketCall[]> {
    return (await this.control<{ calls: AnymarketCall[] }>('GET', '/_control/anymarket/calls')).calls;
  }

  /** The `PUT /skumarketplace/{id}` bodies received for a transmission, oldest first. */
  async putsFor(transmissionId: number): Promise<SkuMarketplaceUpdate[]> {
    return (await this.calls()).filter((call) => isPutOf(call, transmissionId)).map((call) => call.body as SkuMarketplaceUpdate);
  }

  // Marketplacer half

  /** GraphQL requests received so far. */
  async requestCount(): Promise<number> {
    return (await this.control<{ count: number }>('GET', '/_control/marketplacer/requests?limit=0')).count;
  }

  /** GraphQL requests of one operation (e.g. `AdvertUpsert`) received so far. */
  async operationCount(operationName: string): Promise<number> {
    return (await this.control<{ byOperation: Record<string, number> }>('GET', '/_control/marketplacer/requests?limit=0')).byOperation[operationName] ?? 0;
  }

  /** Requests of `operationName` that have arrived and are not answered yet (waiting out a latency). */
  async inFlight(operationName: string): Promise<number> {
    return (await this.control<{ inFlight: Record<string, number> }>('GET', '/_control/marketplacer/requests?limit=0')).inFlight[operationName] ?? 0;
  }

  async unpublish(advertId: string): Promise<void> {
    await this.control('POST', `/_control/marketplacer/adverts/${encodeURIComponent(advertId)}/unpublish`);
  }

  /** The operator deletes the advert in Marketplacer. */
  async deleteAdvert(advertId: string): Promise<void> {
    await this.control('DELETE', `/_control/marketplacer/adverts/${encodeURIComponent(advertId)}`);
  }

  async publish(advertId: string | number): Promise<void> {
    await this.control('POST', `/_control/marketplacer/adverts/${encodeURIComponent(String(advertId))}/publish`);
  }

  async rejectVetting(advertId: string, reason: string): Promise<void> {
    await this.control('POST', `/_control/marketplacer/adverts/${encodeURIComponent(advertId)}/vetting/reject`, { reason });
  }

  /** Moves simulated Marketplacer's clock forward: its next change is stamped that much later. */
  async advanceClock(ms: number): Promise<void> {
    await this.control('POST', '/_control/marketplacer/clock/advance', { ms });
  }

  async editVariant(variantId: string, change: { countOnHand?: number; price?: string; salePrice?: string | null }): Promise<void> {
    await this.control('PATCH', `/_control/marketplacer/variants/${encodeURIComponent(variantId)}`, change);
  }

  /** Marketplacer executes the next request of `operationName`, then drops the connection before answering. */
  /** An operator's edit of a seller in Marketplacer's portal: online state, account type, deletion. */
  async editSeller(sellerId: string, change: { online?: boolean; accountType?: 'RETAILER' | 'PROSPECTIVE'; deleted?: boolean }): Promise<void> {
    await this.control('PATCH', `/_control/marketplacer/sellers/${encodeURIComponent(sellerId)}`, change);
  }

  /** The next `operationName` request is carried out, then its answer is lost (no answer at all, or HTTP `status`). */
  async loseNextAnswerOf(operationName: string, status?: number): Promise<void> {
    await this.control('PUT', '/_control/marketplacer/faults', { loseNextAnswers: { count: 1, operationName, status } });
  }

  /** Every Marketplacer request waits this long before Marketplacer acts on it (0: none). */
  async setLatency(latencyMs: number): Promise<void> {
    await this.control('PUT', '/_control/marketplacer/faults', { latencyMs });
  }

  async setRateLimit(limit: number, windowMs: number): Promise<void> {
    await this.control('PUT', '/_control/marketplacer/rate-limit', { limit, windowMs });
  }

  /**
   * Database ids of `count` adverts last changed before `before` and not deleted (the seeded ones when
   * `before` is the suite's start), for filling the change feed with changes that are not ours.
   */
  async advertIdsUnchangedSince(before: Date, count: number): Promise<number[]> {
    type Page = {
      allAdverts: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Array<{ __typename: string; legacyId: number; updatedAt: string }> };
    };
    const ids: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page = await this.graphql<Page>(
        'query ($after: String) { allAdverts(first: 500, after: $after) { pageInfo { hasNextPage endCursor } nodes { __typename ... on Advert { legacyId updatedAt } ... on UnpublishedAdvert { legacyId updatedAt } } } }',
        { after },
      );
      for (const node of page.allAdverts.nodes) {
        // The feed is ordered by updatedAt: past `before`, only newer adverts follow.
        if (node.__typename === 'DeletedAdvert') continue;
        if (Date.parse(node.updatedAt) >= before.getTime() || ids.length === count) return done(ids, count);
        ids.push(node.legacyId);
      }
      if (!page.allAdverts.pageInfo.hasNextPage) return done(ids, count);
      after = page.allAdverts.pageInfo.endCursor;
    }
  }

  /** A control API call (`path` from the root, e.g. `/_control/marketplacer/faults`); fails on any answer from 300 up. */
  async control<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await http<T>(`${this.url}${path}`, { method, body });
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

export function isPutOf(call: AnymarketCall, transmissionId: number): boolean {
  return call.method === 'PUT' && call.path.endsWith(`/skumarketplace/${transmissionId}`);
}

function done(ids: number[], count: number): number[] {
  if (ids.length < count) throw new Error(`the simulator has only ${ids.length} such adverts; seed more (SIMULATOR_SEED_ADVERTS)`);
  return ids;
}
