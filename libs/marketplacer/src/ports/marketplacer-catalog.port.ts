import type { AdvertInput } from '../contract/generated/graphql.js';
import type { PageOf, PageRequest } from './paging.js';

/** Whether buyers can see the advert. Marketplacer keeps deleted adverts for 30 days. */
export type AdvertState = 'published' | 'unpublished' | 'deleted';

/** Where the advert is in Marketplacer's vetting (operator approval) flow; see the mapper. Changed by the vetting methods below. */
export type AdvertVetting = 'approved' | 'pending' | 'rejected' | 'not_required';

export interface MarketplacerKeyValue {
  key: string;
  value: string | null;
}

export interface MarketplacerVariant {
  id: string;
  legacyId: number;
  sku: string | null;
  barcode: string | null;
  label: string;
  countOnHand: number;
  infiniteQuantity: boolean;
  /** Own (non-sale) price, a decimal string such as "19.90". */
  price: string | null;
  /** The sale price when one applies (lower than `price`), else null. */
  salePrice: string | null;
  published: boolean | null;
  buyable: boolean;
  externalId: string | null;
  externalIds: MarketplacerKeyValue[];
  optionValues: Array<{ id: string; name: string; displayName: string; optionType: { id: string; name: string } | null }>;
}

/** The full content of an advert (what Marketplacer returns for an `Advert`). */
export interface MarketplacerAdvertDetails {
  title: string;
  description: string | null;
  code: string | null;
  externalId: string | null;
  createdAt: string;
  seller: { id: string; legacyId: number; businessName: string };
  brand: { id: string; name: string } | null;
  taxon: { id: string; displayName: string; treeName: string | null } | null;
  vetting: AdvertVetting;
  vettingRejectedReason: string | null;
  displayable: boolean;
  online: boolean | null;
  images: Array<{ id: string; url: string; position: number }>;
  advertOptionValues: Array<{ id: string; textValue: string | null; optionTypeId: string | null; optionValueId: string | null }>;
  variants: MarketplacerVariant[];
  /** More variants exist than were fetched with the advert (the documents fetch up to 100). */
  variantsTruncated: boolean;
}

export interface MarketplacerAdvert {
  id: string;
  legacyId: number;
  state: AdvertState;
  updatedAt: string;
  variantIds: string[];
  /** Null when Marketplacer sent only the id (unpublished and deleted entries of the change feed). */
  details: MarketplacerAdvertDetails | null;
}

export interface AdvertChangesQuery extends PageRequest {
  /** ISO 8601 timestamp; adverts updated at or after it. */
  updatedSince: string;
  /**
   * Keep only adverts of these sellers (global or legacy ids). Marketplacer cannot filter the change
   * feed by seller, so this is done here, and unpublished/deleted entries (which carry no seller) are
   * always kept: match them by advert id.
   */
  sellers?: string[];
}

export interface AdvertUpsert {
  /** The seller the advert belongs to (global or legacy id); the operator acts for it. */
  seller: string;
  /** Set to update an existing advert, omit to create one. */
  advertId?: string;
  attributes: AdvertInput;
}

/**
 * Port: the catalogue operations the connector performs in Marketplacer (adverts and their variants).
 * DI token is the class itself; MarketplacerModule binds the Apollo adapter.
 */
export abstract class MarketplacerCatalog {
  /** One page of the change feed: every advert (published, unpublished, deleted) updated since a time. */
  abstract listAdvertsUpdatedSince(query: AdvertChangesQuery): Promise<PageOf<MarketplacerAdvert>>;

  /** One page of a seller's adverts (published, unpublished and deleted). */
  abstract findAdvertsBySeller(seller: string, page?: PageRequest): Promise<PageOf<MarketplacerAdvert>>;

  /** The adverts with these global ids, in the given order; unknown ids are left out. */
  abstract findAdvertsByIds(ids: string[]): Promise<MarketplacerAdvert[]>;

  /**
   * One advert in whichever state it is now (live in full; unpublished or deleted bare, as the change
   * feed sends them): what an Advert webhook is checked against. Null when Marketplacer answers nothing.
   */
  abstract findAdvert(id: string): Promise<MarketplacerAdvert | null>;

  /**
   * The adverts carrying the external id `key` = `value` (set through AdvertInput.externalIds), oldest
   * first; deleted adverts are left out.
   */
  abstract findAdvertsByExternalId(key: string, value: string): Promise<MarketplacerAdvert[]>;

  /**
   * Creates or updates an advert for a seller; Marketplacer's validation messages come back as
   * MARKETPLACER_VALIDATION_FAILED. A create whose outcome is unknown (timeout, lost answer, 5xx) is
   * not repeated: it fails with MARKETPLACER_TIMEOUT or MARKETPLACER_UNAVAILABLE, and the caller
   * looks up what it may have created (findAdvertsByExternalId) before trying again.
   */
  abstract upsertAdvert(upsert: AdvertUpsert): Promise<MarketplacerAdvert>;

  abstract setAdvertPublished(advertId: string, published: boolean): Promise<{ id: string; published: boolean | null }>;

  /**
   * Marketplacer's vetting (advertVettingApprove / Reject / Resubmit, operator admin only except resubmit):
   * each answers the adverts as they are afterwards. Refusals come back as MARKETPLACER_VALIDATION_FAILED
   * with Marketplacer's messages, unknown adverts as MARKETPLACER_NOT_FOUND. Repeating one is harmless.
   */
  abstract approveAdvertVetting(advertIds: string[]): Promise<MarketplacerAdvert[]>;

  /** Rejects the adverts with a reason the seller sees (`vettingRejectedReason`); they are no longer displayed. */
  abstract rejectAdvertVetting(advertIds: string[], reason: string): Promise<MarketplacerAdvert[]>;

  /** Sends the adverts back to vetting (a rejected advert the seller corrected): pending again, the old reason cleared. */
  abstract resubmitAdvertVetting(advertIds: string[]): Promise<MarketplacerAdvert[]>;
}
