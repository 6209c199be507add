import type { TaxonomyEntryEntity } from './entities/taxonomy-entry.entity.js';
import { toCategoryAttributes, toCategoryDetails, toVariationTypes } from './anymarket-taxonomy.mapper.js';
import type { PrototypePayload } from './taxonomy-snapshot.js';

const value = (id: string, name: string, displayName = name) => ({ id, name, displayName, position: 0 });

const clothing: PrototypePayload = {
  optionTypes: [
    {
      id: 'OT-colour',
      name: 'colour',
      displayName: 'Cor',
      fieldType: 'SINGLE_SELECT',
      appliedTo: 'VARIANT',
      optional: false,
      values: [value('OV-red', 'red', 'Vermelho'), value('OV-blue', 'blue', 'Azul')],
    },
    {
      id: 'OT-material',
      name: 'material',
      displayName: 'Material',
      fieldType: 'SINGLE_SELECT',
      appliedTo: 'ADVERT',
      optional: true,
      values: [value('OV-cotton', 'cotton', 'Algodão')],
    },
    { id: 'OT-care', name: 'care', displayName: '', fieldType: 'FREE_TEXT', appliedTo: 'ADVERT', optional: false, values: [] },
  ],
};

const taxon = (mpId: string, name: string, isLeaf: boolean): TaxonomyEntryEntity => ({
  kind: 'taxon',
  mpId,
  name,
  parentId: null,
  position: 0,
  payload: { legacyId: 1, treeName: null, prototypeId: 'P-1', isLeaf },
});

describe('ANYMARKET taxonomy mapping', () => {
  it('maps every FieldTypeEnum value: selects (single or multi) list their values, INTEGER and DECIMAL are number fields', () => {
    const typed = (id: string, fieldType: PrototypePayload['optionTypes'][number]['fieldType'], values = [] as ReturnType<typeof value>[]) => ({
      id,
      name: id,
      displayName: id,
      fieldType,
      appliedTo: 'ADVERT' as const,
      optional: true,
      values,
    });
    const attributes = toCategoryAttributes({
      optionTypes: [
        typed('OT-features', 'MULTI_SELECT', [value('OV-wifi', 'wifi', 'Wi-Fi')]),
        typed('OT-pages', 'INTEGER'),
        typed('OT-weight', 'DECIMAL'),
        typed('OT-notes', 'FREE_TEXT'),
      ],
    });
    expect(attributes.map(({ codeInMarketPlace, type, values }) => ({ codeInMarketPlace, type, values }))).toEqual([
      { codeInMarketPlace: 'OT-features', type: 'SELECT_INPUT', values: [{ codeInMarketPlace: 'OV-wifi', name: 'Wi-Fi' }] },
      { codeInMarketPlace: 'OT-pages', type: 'NUMBER_INPUT', values: [] },
      { codeInMarketPlace: 'OT-weight', type: 'NUMBER_INPUT', values: [] },
      { codeInMarketPlace: 'OT-notes', type: 'STRING_INPUT', values: [] },
    ]);
  });

  it('makes only leaf taxons selectable and requires variations when a variant option type is mandatory', () => {
    expect(toCategoryDetails(taxon('T-1', 'Roupas', false), [taxon('T-2', 'Camisetas', true)], clothing)).toEqual({
      codeInMarketPlace: 'T-1',
      name: 'Roupas',
      isReceivingItens: false,
      variationsMandatory: true,
      canBeSelected: false,
      children: [{ codeInMarketplace: 'T-2', name: 'Camisetas' }],
    });
    expect(toCategoryDetails(taxon('T-2', 'Camisetas', true), [], null)).toMatchObject({
      isReceivingItens: true,
      canBeSelected: true,
      variationsMandatory: false,
      children: [],
    });
  });

  it('turns advert-level option types into attributes: selects with their values, free text as text with no values', () => {
    expect(toCategoryAttributes(clothing)).toEqual([
      {
        codeInMarketPlace: 'OT-material',
        description: 'Material',
        required: false,
        recommended: false,
        type: 'SELECT_INPUT',
        values: [{ codeInMarketPlace: 'OV-cotton', name: 'Algodão' }],
      },
      { codeInMarketPlace: 'OT-care', description: 'care', required: true, recommended: false, type: 'STRING_INPUT', values: [] },
    ]);
    expect(toCategoryAttributes(null)).toEqual([]);
  });

  it('lists each variant-level option type once across prototypes', () => {
    const shoes: PrototypePayload = {
      optionTypes: [clothing.optionTypes[0], { ...clothing.optionTypes[0], id: 'OT-size', displayName: 'Tamanho', values: [value('OV-40', '40')] }],
    };
    expect(toVariationTypes([clothing, shoes])).toEqual([
      {
        codeInMarketplace: 'OT-colour',
        name: 'Cor',
        values: [
          { codeInMarketplace: 'OV-red', name: 'Vermelho' },
          { codeInMarketplace: 'OV-blue', name: 'Azul' },
        ],
      },
      { codeInMarketplace: 'OT-size', name: 'Tamanho', values: [{ codeInMarketplace: 'OV-40', name: '40' }] },
    ]);
  });
});
