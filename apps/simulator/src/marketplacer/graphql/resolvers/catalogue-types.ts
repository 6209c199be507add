import { taxonTreeName } from '../../state/derived.js';
import type { OptionTypeRecord, OptionValueRecord, PrototypeRecord, TaxonRecord } from '../../state/records.js';
import { slugify } from '../../state/seed-catalogue.js';
import { byIdConnection, listConnection, type PageArgs } from '../connection.js';
import { externalIdsOf, idOf, type Ctx } from './common.js';

export function childTaxons(ctx: Ctx, parentId: number | null): TaxonRecord[] {
  return [...ctx.state.taxons.values()].filter((taxon) => taxon.parentId === parentId).sort((a, b) => a.legacyId - b.legacyId);
}

export const catalogueResolvers = {
  Brand: {
    id: idOf('Brand'),
    logo: () => null,
    default: () => false,
    showInAdvertTitle: () => true,
  },
  Taxon: {
    id: idOf('Taxon'),
    treeName: (taxon: TaxonRecord, _: unknown, { state }: Ctx) => taxonTreeName(state, taxon),
    description: () => null,
    urlSlug: (taxon: TaxonRecord) => slugify(taxon.displayName),
    taxonType: () => 'PRODUCT',
    externalIds: externalIdsOf,
    parent: (taxon: TaxonRecord, _: unknown, { state }: Ctx) => (taxon.parentId === null ? null : (state.taxons.get(taxon.parentId) ?? null)),
    children: (taxon: TaxonRecord, args: PageArgs, ctx: Ctx) => byIdConnection(childTaxons(ctx, taxon.legacyId), args),
    prototype: (taxon: TaxonRecord, _: unknown, { state }: Ctx) => state.prototypes.get(taxon.prototypeId),
  },
  Prototype: {
    id: idOf('Prototype'),
    externalIds: externalIdsOf,
    optionTypes: (prototype: PrototypeRecord, args: PageArgs, { state }: Ctx) =>
      listConnection(
        prototype.optionTypeIds.map((id) => state.optionTypes.get(id)).filter((t) => t !== undefined),
        args,
      ),
  },
  OptionType: {
    id: idOf('OptionType'),
    description: () => '',
    externalIds: externalIdsOf,
    category: (type: OptionTypeRecord) =>
      type.appliedTo === 'VARIANT' ? 'VARIANT' : type.fieldType === 'FREE_TEXT' ? 'PRODUCT_DETAILS_TEXT' : 'PRODUCT_DETAILS_SELECT',
    optionValues: (type: OptionTypeRecord, args: PageArgs, { state }: Ctx) =>
      listConnection(
        type.optionValueIds
          .map((id) => state.optionValues.get(id))
          .filter((v) => v !== undefined)
          .sort((a, b) => a.position - b.position || a.legacyId - b.legacyId),
        args,
      ),
    prototypes: (type: OptionTypeRecord, args: PageArgs, { state }: Ctx) =>
      byIdConnection(
        [...state.prototypes.values()].filter((p) => p.optionTypeIds.includes(type.legacyId)),
        args,
      ),
  },
  OptionValue: {
    id: idOf('OptionValue'),
    externalIds: externalIdsOf,
    optionType: (value: OptionValueRecord, _: unknown, { state }: Ctx) => state.optionTypes.get(value.optionTypeId) ?? null,
  },
};
