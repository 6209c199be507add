import {
  MarketplacerSellers,
  type MarketplacerSeller,
  type MarketplacerSellerChange,
  type PageOf,
  type SellerCreate,
  type SellerSearchQuery,
  type SellersUpdatedSinceQuery,
  type SellerUpdate,
} from '#marketplacer';

const EPOCH = '1970-01-01T00:00:00Z';
const NOT_MODELLED = 'not modelled by FakeMarketplacerSellers: use the simulator';

/** In-memory stand-in for the MarketplacerSellers port: sellers by global or legacy id; can be told to fail. */
export class FakeMarketplacerSellers extends MarketplacerSellers {
  private readonly sellers = new Map<string, MarketplacerSeller>();
  private failure: Error | undefined;
  readonly lookups: string[] = [];

  /** Adds (or replaces) a seller; its global id is base64("Seller-<legacyId>") as in Marketplacer. */
  add(legacyId: number, overrides: Partial<MarketplacerSeller> = {}): MarketplacerSeller {
    const seller: MarketplacerSeller = {
      id: Buffer.from(`Seller-${legacyId}`).toString('base64'),
      legacyId,
      businessName: `Seller ${legacyId}`,
      accountType: 'RETAILER',
      active: true,
      ...overrides,
    };
    this.sellers.set(seller.id, seller);
    return seller;
  }

  setActive(id: string, active: boolean): void {
    const seller = this.sellers.get(id);
    if (!seller) throw new Error(`fake has no seller ${id}`);
    this.sellers.set(id, { ...seller, active });
  }

  /** Every lookup throws `error` until called again with undefined. */
  failWith(error: Error | undefined): void {
    this.failure = error;
  }

  async findSeller(reference: string): Promise<MarketplacerSeller | null> {
    this.lookups.push(reference);
    if (this.failure) throw this.failure;
    return this.sellers.get(reference) ?? [...this.sellers.values()].find((s) => String(s.legacyId) === reference) ?? null;
  }

  /** Every seller as a live change (one page; `updatedAt` defaults to the epoch). */
  async listSellersUpdatedSince(_query: SellersUpdatedSinceQuery): Promise<PageOf<MarketplacerSellerChange>> {
    if (this.failure) throw this.failure;
    const nodes = [...this.sellers.values()].map((seller): MarketplacerSellerChange => ({ ...seller, deleted: false, updatedAt: seller.updatedAt ?? EPOCH }));
    return { nodes, pageInfo: { hasNextPage: false, endCursor: null } };
  }

  async findSellersByMetadata(key: string, value: string, _updatedSince: string): Promise<MarketplacerSeller[]> {
    if (this.failure) throw this.failure;
    return [...this.sellers.values()].filter((seller) => seller.metadata?.some((entry) => entry.key === key && entry.value === value));
  }

  createSeller(_input: SellerCreate): Promise<MarketplacerSeller> {
    return Promise.reject(new Error(NOT_MODELLED));
  }

  updateSeller(_reference: string, _changes: SellerUpdate): Promise<MarketplacerSeller> {
    return Promise.reject(new Error(NOT_MODELLED));
  }

  searchSellers(_query: SellerSearchQuery): Promise<PageOf<MarketplacerSeller> & { totalCount: number }> {
    return Promise.reject(new Error(NOT_MODELLED));
  }
}
