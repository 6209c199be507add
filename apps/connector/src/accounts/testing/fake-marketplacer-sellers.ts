import { MarketplacerSellers, type MarketplacerSeller } from '#marketplacer';

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
}
