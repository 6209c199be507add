import {
  MarketplacerTaxonomy,
  toGlobalId,
  type MarketplacerBrand,
  type MarketplacerOptionType,
  type MarketplacerPrototype,
  type MarketplacerTaxon,
  type PageOf,
} from '#marketplacer';

const page = <T>(nodes: T[]): PageOf<T> => ({ nodes, pageInfo: { hasNextPage: false, endCursor: null } });

/**
 * A small fixed taxonomy: one brand, a parent category with one leaf, whose prototype requires one
 * select attribute and offers one optional free-text attribute.
 */
export class FakeMarketplacerTaxonomy extends MarketplacerTaxonomy {
  static readonly BRAND = toGlobalId('Brand', 1);
  static readonly PARENT_TAXON = toGlobalId('Taxon', 1);
  static readonly LEAF_TAXON = toGlobalId('Taxon', 2);
  static readonly PROTOTYPE = toGlobalId('Prototype', 1);
  static readonly MATERIAL: MarketplacerOptionType = {
    id: toGlobalId('OptionType', 1),
    name: 'material',
    displayName: 'Material',
    fieldType: 'SINGLE_SELECT',
    appliedTo: 'ADVERT',
    optional: false,
    position: 0,
    externalIds: [],
    values: [
      { id: toGlobalId('OptionValue', 1), name: 'cotton', displayName: 'Algodão', position: 0 },
      { id: toGlobalId('OptionValue', 2), name: 'wool', displayName: 'Lã', position: 1 },
    ],
    valuesTruncated: false,
  };
  static readonly CARE: MarketplacerOptionType = {
    id: toGlobalId('OptionType', 3),
    name: 'care',
    displayName: 'Cuidados',
    fieldType: 'FREE_TEXT',
    appliedTo: 'ADVERT',
    optional: true,
    position: 2,
    externalIds: [],
    values: [],
    valuesTruncated: false,
  };
  static readonly COLOUR: MarketplacerOptionType = {
    id: toGlobalId('OptionType', 2),
    name: 'colour',
    displayName: 'Cor',
    fieldType: 'SINGLE_SELECT',
    appliedTo: 'VARIANT',
    optional: true,
    position: 1,
    externalIds: [],
    values: [
      { id: toGlobalId('OptionValue', 3), name: 'blue', displayName: 'Azul', position: 0 },
      { id: toGlobalId('OptionValue', 4), name: 'green', displayName: 'Verde', position: 1 },
    ],
    valuesTruncated: false,
  };

  async listBrands(): Promise<PageOf<MarketplacerBrand>> {
    return page([{ id: FakeMarketplacerTaxonomy.BRAND, name: 'Marca teste', slug: 'marca-teste' }]);
  }

  async listTaxons(parentId?: string): Promise<PageOf<MarketplacerTaxon>> {
    const taxon = (id: string, legacyId: number, name: string, parent: string | null, isLeaf: boolean): MarketplacerTaxon => ({
      id,
      legacyId,
      displayName: name,
      title: name,
      treeName: name,
      parentId: parent,
      prototype: isLeaf ? { id: FakeMarketplacerTaxonomy.PROTOTYPE, name: 'Roupas' } : null,
      externalIds: [],
      isLeaf,
    });
    if (parentId === undefined) return page([taxon(FakeMarketplacerTaxonomy.PARENT_TAXON, 1, 'Moda', null, false)]);
    if (parentId === FakeMarketplacerTaxonomy.PARENT_TAXON)
      return page([taxon(FakeMarketplacerTaxonomy.LEAF_TAXON, 2, 'Camisetas', FakeMarketplacerTaxonomy.PARENT_TAXON, true)]);
    return page([]);
  }

  async listPrototypesWithOptions(): Promise<PageOf<MarketplacerPrototype>> {
    return page([
      {
        id: FakeMarketplacerTaxonomy.PROTOTYPE,
        name: 'Roupas',
        externalIds: [],
        optionTypes: [FakeMarketplacerTaxonomy.MATERIAL, FakeMarketplacerTaxonomy.COLOUR, FakeMarketplacerTaxonomy.CARE],
        optionTypesTruncated: false,
      },
    ]);
  }

  upsertTaxon = notUsed;
  upsertPrototype = notUsed;
  upsertOptionType = notUsed;
  upsertOptionValue = notUsed;
}

function notUsed(): never {
  throw new Error('FakeMarketplacerTaxonomy: not used by listings');
}
