import type { AppliedToEnum, FieldTypeEnum } from '../contract/generated/graphql.js';
import type { MarketplacerKeyValue } from './marketplacer-catalog.port.js';
import type { PageRequest, PageOf } from './paging.js';

export interface MarketplacerBrand {
  id: string;
  name: string;
  slug: string;
}

export interface MarketplacerTaxon {
  id: string;
  legacyId: number;
  displayName: string;
  title: string;
  treeName: string | null;
  parentId: string | null;
  prototype: { id: string; name: string } | null;
  externalIds: MarketplacerKeyValue[];
  /** Adverts may only use leaf taxons. Unknown (null) when the taxon came from an upsert. */
  isLeaf: boolean | null;
}

export interface MarketplacerOptionValue {
  id: string;
  name: string;
  displayName: string;
  position: number;
}

export interface MarketplacerOptionType {
  id: string;
  name: string;
  displayName: string;
  fieldType: FieldTypeEnum;
  appliedTo: AppliedToEnum;
  optional: boolean;
  position: number;
  externalIds: MarketplacerKeyValue[];
  /** Empty when the option type came from an upsert (its values are not returned then). */
  values: MarketplacerOptionValue[];
  /** More values exist than were fetched (the document fetches up to 500 per type). */
  valuesTruncated: boolean;
}

export interface MarketplacerPrototype {
  id: string;
  name: string;
  externalIds: MarketplacerKeyValue[];
  optionTypes: MarketplacerOptionType[];
  /** More option types exist than were fetched (the document fetches up to 100 per prototype). */
  optionTypesTruncated: boolean;
}

/** Create when `id` is omitted, update when it is given (all four taxonomy upserts). */
export interface TaxonUpsert {
  id?: string;
  displayName?: string;
  title?: string;
  parentId?: string | null;
  prototypeId?: string;
  externalIds?: MarketplacerKeyValue[];
}

export interface PrototypeUpsert {
  id?: string;
  name?: string;
  externalIds?: MarketplacerKeyValue[];
}

export interface OptionTypeUpsert {
  id?: string;
  name?: string;
  displayName?: string;
  fieldType?: FieldTypeEnum;
  appliedTo?: AppliedToEnum;
  optional?: boolean;
  prototypeIds?: string[];
  prototypeIdsToRemove?: string[];
  externalIds?: MarketplacerKeyValue[];
}

export interface OptionValueUpsert {
  id?: string;
  optionTypeId?: string;
  name?: string;
  displayName?: string;
  position?: number;
  externalIds?: MarketplacerKeyValue[];
}

/**
 * Port: Marketplacer's catalogue structure (brands, taxons, prototypes, option types and values),
 * read for ANYMARKET's category/attribute look-ups and written when the operator mirrors a taxonomy.
 */
export abstract class MarketplacerTaxonomy {
  abstract listBrands(page?: PageRequest): Promise<PageOf<MarketplacerBrand>>;

  /** One level of the tree: the roots when `parentId` is omitted, else the children of `parentId`. */
  abstract listTaxons(parentId?: string, page?: PageRequest): Promise<PageOf<MarketplacerTaxon>>;

  /** Prototypes with their option types and values; keep pages small (each carries up to 100 × 500 values). */
  abstract listPrototypesWithOptions(page?: PageRequest & { ids?: string[] }): Promise<PageOf<MarketplacerPrototype>>;

  abstract upsertTaxon(taxon: TaxonUpsert): Promise<MarketplacerTaxon>;
  abstract upsertPrototype(prototype: PrototypeUpsert): Promise<Omit<MarketplacerPrototype, 'optionTypes' | 'optionTypesTruncated'>>;
  abstract upsertOptionType(optionType: OptionTypeUpsert): Promise<MarketplacerOptionType>;
  abstract upsertOptionValue(optionValue: OptionValueUpsert): Promise<MarketplacerOptionValue & { optionTypeId: string | null }>;
}
