/** A Marketplacer seller as the connector needs it to link and check ANYMARKET accounts. */
export interface MarketplacerSeller {
  /** Global Relay ID, e.g. `U2VsbGVyLTc4` (= base64 "Seller-78"). */
  id: string;
  /** The database id shown in Marketplacer's portals. */
  legacyId: number;
  businessName: string;
  accountType: string | null;
  /** The seller may trade: a RETAILER that is online. How "active" is derived is inferred; see the adapter. */
  active: boolean;
}

/**
 * Port: the seller look-ups the connector makes in Marketplacer. DI token is the class itself; the
 * Apollo adapter is bound to it by MarketplacerModule, tests bind fakes.
 */
export abstract class MarketplacerSellers {
  /**
   * The seller named by `reference`: a global ID (`U2VsbGVyLTc4`) or a legacy id (`78`, as shown in
   * the portal). Null when Marketplacer has no such seller (or it was deleted).
   */
  abstract findSeller(reference: string): Promise<MarketplacerSeller | null>;
}
