import { entryOf } from './option-types.js';
import type { TaxonomyEntryEntity } from './entities/taxonomy-entry.entity.js';
import type { PrototypePayload, TaxonPayload } from './taxonomy-snapshot.js';

/** ANYMARKET's shapes (remote_pt.yaml: Brand, Categories, CategoryDetails, CategoryAttribute, variation_response). */
export interface AnymarketBrandItem {
  codeInMarketplace: string;
  name: string;
}
export interface AnymarketCategoryItem {
  codeInMarketplace: string;
  name: string;
}
export interface AnymarketCategoryDetails {
  codeInMarketPlace: string;
  name: string;
  isReceivingItens: boolean;
  variationsMandatory: boolean;
  canBeSelected: boolean;
  children: AnymarketCategoryItem[];
}
export type AnymarketAttributeType = 'STRING_INPUT' | 'NUMBER_INPUT' | 'SELECT_INPUT';
export interface AnymarketCategoryAttribute {
  codeInMarketPlace: string;
  description: string;
  required: boolean;
  recommended: boolean;
  type: AnymarketAttributeType;
  /** Always present (remote_pt.yaml requires it); empty for a text attribute (ADR 0011). */
  values: Array<{ codeInMarketPlace: string; name: string }>;
}
export interface AnymarketVariationType {
  codeInMarketplace: string;
  name: string;
  values: Array<{ codeInMarketplace: string; name: string }>;
}

type OptionType = PrototypePayload['optionTypes'][number];

export function toAnymarketItem(entry: TaxonomyEntryEntity): AnymarketCategoryItem {
  return { codeInMarketplace: entry.mpId, name: entry.name };
}

/**
 * A taxon as a category. Only leaves take adverts in Marketplacer, so only leaves can be selected;
 * variations are mandatory when the taxon's prototype has a required variant-level option type.
 */
export function toCategoryDetails(taxon: TaxonomyEntryEntity, children: TaxonomyEntryEntity[], prototype: PrototypePayload | null): AnymarketCategoryDetails {
  const payload = taxon.payload as TaxonPayload;
  const variantTypes = (prototype?.optionTypes ?? []).filter((type) => type.appliedTo === 'VARIANT');
  return {
    codeInMarketPlace: taxon.mpId,
    name: taxon.name,
    isReceivingItens: payload.isLeaf,
    variationsMandatory: variantTypes.some((type) => type.optional === false),
    canBeSelected: payload.isLeaf,
    children: children.map(toAnymarketItem),
  };
}

/**
 * Advert-level option types of the taxon's prototype become the category's attributes. A single- or
 * multi-select type lists its values (ANYMARKET has no multiple choice: the seller picks one); INTEGER and
 * DECIMAL types are number fields, FREE_TEXT a text field, both with `values: []` (the key is required;
 * ADR 0011 says why it is empty).
 */
export function toCategoryAttributes(prototype: PrototypePayload | null): AnymarketCategoryAttribute[] {
  return (prototype?.optionTypes ?? [])
    .filter((type) => type.appliedTo !== 'VARIANT')
    .map((type) => {
      const entry = entryOf(type);
      const select = entry === 'select';
      return {
        codeInMarketPlace: type.id,
        description: type.displayName || type.name,
        required: type.optional === false,
        recommended: false,
        type: select ? 'SELECT_INPUT' : entry === 'text' ? 'STRING_INPUT' : 'NUMBER_INPUT',
        values: select ? type.values.map((value) => ({ codeInMarketPlace: value.id, name: value.displayName || value.name })) : [],
      };
    });
}

/** Variant-level option types of every prototype, once each (a type can belong to several prototypes). */
export function toVariationTypes(prototypes: PrototypePayload[]): AnymarketVariationType[] {
  const seen = new Map<string, AnymarketVariationType>();
  for (const prototype of prototypes) {
    for (const type of prototype.optionTypes as OptionType[]) {
      if (type.appliedTo !== 'VARIANT' || seen.has(type.id)) continue;
      seen.set(type.id, {
        codeInMarketplace: type.id,
        name: type.displayName || type.name,
        values: type.values.map((value) => ({ codeInMarketplace: value.id, name: value.displayName || value.name })),
      });
    }
  }
  return [...seen.values()];
}
