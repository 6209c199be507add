import type { MarketplacerKeyValue } from './marketplacer-catalog.port.js';
import type { PageOf, PageRequest } from './paging.js';

/** A Marketplacer seller as the connector needs it to link, check and list ANYMARKET sellers. */
export interface MarketplacerSeller {
  /** Global Relay ID, e.g. `U2VsbGVyLTc4` (= base64 "Seller-78"). */
  id: string;
  /** The database id shown in Marketplacer's portals. */
  legacyId: number;
  businessName: string;
  accountType: string | null;
  /** The seller may trade: a RETAILER that is online. How "active" is derived is inferred; see the adapter. */
  active: boolean;
  /** `online` as Marketplacer answers it (null on instances that do not expose it). */
  online?: boolean | null;
  emailAddress?: string | null;
  phone?: string | null;
  /** ISO 8601, as `allSellers(updatedSince)` compares it. */
  updatedAt?: string;
  /** `Seller.metadata` key/values (the connector's onboarding request id is one). */
  metadata?: MarketplacerKeyValue[];
}

/** An `allSellers(includeDeleted: true)` node: a seller, or one Marketplacer deleted (`DeletedSeller`). */
export type MarketplacerSellerChange =
  ({ deleted: false } & MarketplacerSeller & { updatedAt: string }) | { deleted: true; id: string; legacyId: number; updatedAt: string };

/** `allSellers` read as a change feed: every account type, deleted sellers included. */
export interface SellersUpdatedSinceQuery {
  /** ISO 8601; inclusive. */
  updatedSince: string;
  after?: string;
  first: number;
}

/** `sellerCreate` input (OPERATOR-API-NOTES §7.4): the seller, its first user and its address. */
export interface SellerCreate {
  accountType: 'RETAILER' | 'PROSPECTIVE';
  businessName: string;
  legalBusinessName: string;
  businessRegistrationCode?: string;
  emailAddress?: string;
  phone: string;
  mobile?: string;
  storeDescription?: string;
  user: { firstName: string; surname: string; emailAddress: string };
  address: { address: string; subaddress?: string; city: string; postcode?: string; state?: string; countryCode?: string };
  /** Free key/values kept on the seller (`SellerInput.metadata`): the connector puts its request id here. */
  metadata?: MarketplacerKeyValue[];
}

/** `sellerUpdate` attributes (the SellerUpdateInput fields the connector offers); absent = unchanged. */
export interface SellerUpdate {
  accountType?: 'RETAILER' | 'PROSPECTIVE';
  businessName?: string;
  legalBusinessName?: string;
  emailAddress?: string;
  phone?: string;
  mobile?: string;
  storeDescription?: string;
  businessNumber?: string;
}

/** `sellerSearch(attributes)`: active RETAILERs only, as Marketplacer defines the search. */
export interface SellerSearchQuery extends PageRequest {
  businessName?: string;
  city?: string;
  postcode?: string;
  state?: string;
}

/**
 * Port: the connector's seller operations in Marketplacer. DI token is the class itself; the Apollo
 * adapter is bound to it by MarketplacerModule. Marketplacer's refusals are MarketplacerErrors
 * (`MARKETPLACER_VALIDATION_FAILED` with its messages in `details`).
 */
export abstract class MarketplacerSellers {
  /**
   * The seller named by `reference`: a global ID (`U2VsbGVyLTc4`) or a legacy id (`78`, as shown in
   * the portal). Null when Marketplacer has no such seller (or it was deleted).
   */
  abstract findSeller(reference: string): Promise<MarketplacerSeller | null>;

  /** One page of `allSellers(updatedSince, includeDeleted: true)`, oldest change first as Marketplacer pages it. */
  abstract listSellersUpdatedSince(query: SellersUpdatedSinceQuery): Promise<PageOf<MarketplacerSellerChange>>;

  /**
   * The sellers changed since `updatedSince` whose metadata carries `key` = `value` (every page read):
   * how a create whose answer was lost is found. INFERRED: Marketplacer cannot look sellers up by
   * metadata, so the look-up reads the sellers changed since just before the create.
   */
  abstract findSellersByMetadata(key: string, value: string, updatedSince: string): Promise<MarketplacerSeller[]>;

  /** `sellerCreate`; a lost answer is not retried (the caller looks the seller up by its metadata). */
  abstract createSeller(input: SellerCreate): Promise<MarketplacerSeller>;

  /** `sellerUpdate` of the seller with this global or legacy id. */
  abstract updateSeller(reference: string, changes: SellerUpdate): Promise<MarketplacerSeller>;

  /** One page of `sellerSearch`, with Marketplacer's total. */
  abstract searchSellers(query: SellerSearchQuery): Promise<PageOf<MarketplacerSeller> & { totalCount: number }>;
}
