import type { MarketplacerOptionType } from '#marketplacer';

/** What a taxon row keeps besides its name and parent. */
export interface TaxonPayload {
  legacyId: number;
  treeName: string | null;
  prototypeId: string | null;
  /** Adverts can only be placed in leaf taxons. */
  isLeaf: boolean;
}

/** What a prototype row keeps: its option types with their values. */
export interface PrototypePayload {
  optionTypes: Array<Pick<MarketplacerOptionType, 'id' | 'name' | 'displayName' | 'fieldType' | 'appliedTo' | 'optional' | 'values'>>;
}

export interface BrandPayload {
  slug: string;
}
