import { SEED_EPOCH } from './clock.js';
import type { MarketplacerState } from './marketplacer-state.js';
import type { OptionSelection, OptionTypeAppliedTo, OptionTypeFieldType } from './records.js';

/** The fixed taxonomy every seed starts with: brands, option types and values, prototypes, a taxon tree. */
export interface SeedCatalogue {
  /** Leaf taxons (adverts use only these) with their noun and the option arrays adverts share. */
  leaves: SeedLeaf[];
  brandIds: number[];
}

export interface SeedLeaf {
  taxonId: number;
  noun: string;
  /** Distinct variant option combinations of the leaf's prototype (shared, never mutated). */
  variantCombos: readonly (readonly OptionSelection[])[];
  /** Advert-level option values (shared). */
  advertOptions: readonly OptionSelection[];
}

const BRANDS = ['Acme', 'Northwind', 'Globex', 'Initech', 'Umbrella', 'Stark Industries', 'Wayne Goods', 'Tyrell'];

interface OptionTypeSeed {
  key: string;
  name: string;
  appliedTo: OptionTypeAppliedTo;
  fieldType: OptionTypeFieldType;
  values: string[];
}

const OPTION_TYPES: OptionTypeSeed[] = [
  { key: 'size', name: 'Size', appliedTo: 'VARIANT', fieldType: 'SINGLE_SELECT', values: ['XS', 'S', 'M', 'L', 'XL'] },
  { key: 'colour', name: 'Colour', appliedTo: 'VARIANT', fieldType: 'SINGLE_SELECT', values: ['Black', 'White', 'Red', 'Blue', 'Green'] },
  { key: 'storage', name: 'Storage', appliedTo: 'VARIANT', fieldType: 'SINGLE_SELECT', values: ['64GB', '128GB', '256GB'] },
  { key: 'gender', name: 'Gender', appliedTo: 'ADVERT', fieldType: 'SINGLE_SELECT', values: ['Women', 'Men', 'Unisex'] },
  { key: 'material', name: 'Material', appliedTo: 'ADVERT', fieldType: 'FREE_TEXT', values: [] },
];

const PROTOTYPES: { key: string; name: string; optionTypes: string[] }[] = [
  { key: 'general', name: 'General', optionTypes: ['colour'] },
  { key: 'apparel', name: 'Apparel', optionTypes: ['size', 'colour', 'gender', 'material'] },
  { key: 'electronics', name: 'Electronics', optionTypes: ['storage', 'colour'] },
  { key: 'homeware', name: 'Homeware', optionTypes: ['colour', 'material'] },
];

interface TaxonSeed {
  name: string;
  prototype: string;
  noun?: string;
  children?: TaxonSeed[];
}

const TAXONS: TaxonSeed[] = [
  {
    name: 'Clothing',
    prototype: 'general',
    children: [
      {
        name: 'Tops',
        prototype: 'apparel',
        children: [
          { name: 'T-Shirts', prototype: 'apparel', noun: 'T-Shirt' },
          { name: 'Shirts', prototype: 'apparel', noun: 'Shirt' },
        ],
      },
      { name: 'Bottoms', prototype: 'apparel', noun: 'Chinos' },
      { name: 'Shoes', prototype: 'apparel', noun: 'Sneakers' },
    ],
  },
  {
    name: 'Electronics',
    prototype: 'general',
    children: [
      { name: 'Phones', prototype: 'electronics', noun: 'Phone' },
      { name: 'Audio', prototype: 'electronics', noun: 'Headphones' },
    ],
  },
  {
    name: 'Home',
    prototype: 'general',
    children: [
      { name: 'Kitchen', prototype: 'homeware', noun: 'Kettle' },
      { name: 'Decor', prototype: 'homeware', noun: 'Vase' },
    ],
  },
];

export function seedCatalogue(state: MarketplacerState): SeedCatalogue {
  const brandIds = BRANDS.map((name) => {
    const legacyId = state.nextId('Brand');
    state.brands.set(legacyId, { kind: 'Brand', legacyId, name, slug: slugify(name) });
    return legacyId;
  });

  const optionTypeIds = new Map<string, number>();
  const valueIds = new Map<string, number[]>();
  OPTION_TYPES.forEach((seed, position) => {
    const legacyId = state.nextId('OptionType');
    const ids = seed.values.map((name, valuePosition) => {
      const valueId = state.nextId('OptionValue');
      state.optionValues.set(valueId, {
        kind: 'OptionValue',
        legacyId: valueId,
        optionTypeId: legacyId,
        name,
        displayName: name,
        position: valuePosition,
        externalIds: [],
      });
      return valueId;
    });
    state.optionTypes.set(legacyId, {
      kind: 'OptionType',
      legacyId,
      name: seed.name,
      displayName: seed.name,
      position,
      appliedTo: seed.appliedTo,
      fieldType: seed.fieldType,
      optional: seed.appliedTo === 'ADVERT',
      optionValueIds: ids,
      externalIds: [],
    });
    optionTypeIds.set(seed.key, legacyId);
    valueIds.set(seed.key, ids);
  });

  const prototypeIds = new Map<string, number>();
  const combosByPrototype = new Map<string, OptionSelection[][]>();
  const advertOptionsByPrototype = new Map<string, OptionSelection[]>();
  for (const seed of PROTOTYPES) {
    const legacyId = state.nextId('Prototype');
    state.prototypes.set(legacyId, {
      kind: 'Prototype',
      legacyId,
      name: seed.name,
      optionTypeIds: seed.optionTypes.map((key) => optionTypeIds.get(key)!),
      externalIds: [],
    });
    prototypeIds.set(seed.key, legacyId);
    const variantTypes = seed.optionTypes.filter((key) => OPTION_TYPES.find((t) => t.key === key)!.appliedTo === 'VARIANT');
    let combos: OptionSelection[][] = [[]];
    for (const key of variantTypes) {
      combos = combos.flatMap((combo) => valueIds.get(key)!.map((valueId) => [...combo, select(optionTypeIds.get(key)!, valueId)]));
    }
    combosByPrototype.set(seed.key, combos);
    advertOptionsByPrototype.set(
      seed.key,
      seed.optionTypes.flatMap((key) => {
        if (key === 'material') return [{ optionTypeId: optionTypeIds.get(key)!, optionValueId: null, textValue: 'Cotton' }];
        if (key === 'gender') return [select(optionTypeIds.get(key)!, valueIds.get(key)![2])];
        return [];
      }),
    );
  }

  const leaves: SeedLeaf[] = [];
  const addTaxon = (seed: TaxonSeed, parentId: number | null): void => {
    const legacyId = state.nextId('Taxon');
    state.taxons.set(legacyId, {
      kind: 'Taxon',
      legacyId,
      displayName: seed.name,
      title: seed.name.toLowerCase(),
      parentId,
      prototypeId: prototypeIds.get(seed.prototype)!,
      externalIds: [],
      updatedAt: SEED_EPOCH,
    });
    if (seed.children) for (const child of seed.children) addTaxon(child, legacyId);
    else
      leaves.push({
        taxonId: legacyId,
        noun: seed.noun ?? seed.name,
        variantCombos: combosByPrototype.get(seed.prototype)!,
        advertOptions: advertOptionsByPrototype.get(seed.prototype)!,
      });
  };
  for (const root of TAXONS) addTaxon(root, null);

  for (const [name, host] of [
    ['Australia Post', 'https://auspost.com.au/mypost/track/#/details/'],
    ['StarTrack', 'https://startrack.com.au/track/details/'],
    ['DHL Express', 'https://www.dhl.com/track?tracking-id='],
    ['FedEx', 'https://www.fedex.com/fedextrack/?trknbr='],
    ['Correios', 'https://rastreamento.correios.com.br/?objeto='],
  ] as const) {
    const legacyId = state.nextId('ShipmentCarrier');
    state.carriers.set(legacyId, { kind: 'ShipmentCarrier', legacyId, name, trackingUrl: host });
  }

  return { leaves, brandIds };
}

function select(optionTypeId: number, optionValueId: number): OptionSelection {
  return { optionTypeId, optionValueId, textValue: null };
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
