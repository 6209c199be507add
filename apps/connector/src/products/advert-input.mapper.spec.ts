import { toGlobalId } from '#marketplacer';
import { advertInputFromPriceStock, advertInputFromTransmission, type AdvertMappingContext } from './advert-input.mapper.js';
import type { OptionTypeView } from '../categorization/option-types.js';
import { simpleTransmission, variationTransmission } from '#test-support/connector/products/spec-examples';
import { thrownBy } from '#common/testing';
import { ProductsError } from './products.errors.js';

const context = (overrides: Partial<AdvertMappingContext> = {}): AdvertMappingContext => ({
  rule: { priceFactor: 1, discountType: 'PERCENT', discountValue: 0 },
  optionTypes: null,
  variantId: null,
  siblingVariantIds: [],
  onSale: true,
  attemptAutoPublish: true,
  ...overrides,
});

const COLOUR: OptionTypeView = {
  id: 'T3B0aW9uVHlwZS0x',
  name: 'colour',
  displayName: 'Cor',
  fieldType: 'SINGLE_SELECT',
  appliedTo: 'VARIANT',
  optional: false,
  values: [
    { id: 'T3B0aW9uVmFsdWUtMQ==', name: 'azul', displayName: 'Azul', position: 0 },
    { id: 'T3B0aW9uVmFsdWUtMg==', name: 'verde', displayName: 'Verde', position: 1 },
  ],
};
const INDICATED_FOR: OptionTypeView = {
  id: 'T3B0aW9uVHlwZS0y',
  name: 'indicado_para',
  displayName: 'Indicado para',
  fieldType: 'FREE_TEXT',
  appliedTo: 'ADVERT',
  optional: false,
  values: [],
};

describe('advertInputFromTransmission', () => {
  it('maps the simple example to one advert with one variant', () => {
    const { attributes, ignored } = advertInputFromTransmission(simpleTransmission(), context());
    expect(attributes).toEqual({
      title: 'Produto de Teste',
      description: '<p>Teste de descrição dos produtos</p>',
      brandId: '2000195',
      taxonId: '10',
      images: [],
      advertOptionValues: [],
      attemptAutoPublish: true,
      variants: [{ sku: 'testeAny', barcode: '8212345678910', countOnHand: 10, price: '10.00', salePrice: null, variantOptionValues: [], published: true }],
    });
    expect(ignored).toEqual([]);
  });

  it('maps the variation example: product title, the variation as option value, its image on the variant', () => {
    const { attributes, ignored } = advertInputFromTransmission(
      variationTransmission(),
      context({ rule: { priceFactor: 1, discountType: 'PERCENT', discountValue: 50 } }),
    );
    expect(attributes.title).toBe('Produto Teste com variação de Cor');
    expect(attributes.brandId).toBe('2000016');
    expect(attributes.taxonId).toBe('10');
    // Every image belongs to a variation, so the advert shows them all; the variant its own.
    expect(attributes.images).toEqual([{ sourceUrl: 'http://link-imagem/original.jpeg' }]);
    // Without the category's prototype, the codes are taken as given; "Indicado para" is no Marketplacer id.
    expect(attributes.advertOptionValues).toEqual([]);
    expect(ignored).toEqual(['attribute Indicado para=Dia a Dia']);
    expect(attributes.variants).toEqual([
      {
        sku: 'COMVARIAOAZUL',
        barcode: '1912345678812',
        countOnHand: 10,
        price: '20.00',
        salePrice: '10.00',
        variantOptionValues: [{ optionValueId: '1992-AZUL' }],
        images: [{ sourceUrl: 'http://link-imagem/original.jpeg' }],
        published: true,
      },
    ]);
  });

  it('resolves attributes and variations against the prototype, by id or by name', () => {
    const transmission = variationTransmission();
    transmission.sku.variations![0].idInMarketplace = undefined;
    transmission.sku.variations![0].type.idInMarketplace = COLOUR.id;
    const { attributes, ignored } = advertInputFromTransmission(transmission, context({ optionTypes: [COLOUR, INDICATED_FOR] }));
    expect(attributes.advertOptionValues).toEqual([{ optionTypeId: INDICATED_FOR.id, textValue: 'Dia a Dia' }]);
    expect(attributes.variants![0].variantOptionValues).toEqual([{ optionValueId: 'T3B0aW9uVmFsdWUtMQ==' }]);
    expect(ignored).toEqual([]);
  });

  it('takes Marketplacer ids at face value when the prototype is unknown', () => {
    const transmission = simpleTransmission();
    transmission.attributes = { [toGlobalId('OptionType', 7)]: toGlobalId('OptionValue', 70), [toGlobalId('OptionType', 8)]: 'free text' };
    const { attributes } = advertInputFromTransmission(transmission, context());
    expect(attributes.advertOptionValues).toEqual([
      { optionValueId: toGlobalId('OptionValue', 70) },
      { optionTypeId: toGlobalId('OptionType', 8), textValue: 'free text' },
    ]);
  });

  it('updates the known variant, keeps the siblings, and leaves publishing alone on updates', () => {
    const { attributes } = advertInputFromTransmission(
      simpleTransmission(),
      context({ variantId: 'V-1', siblingVariantIds: ['V-2', 'V-1'], attemptAutoPublish: false, onSale: false }),
    );
    expect(attributes.attemptAutoPublish).toBeUndefined();
    expect(attributes.variants!.map((variant) => [variant.id, variant.published])).toEqual([
      ['V-1', false],
      ['V-2', undefined],
    ]);
  });

  it('applies the account price rule', () => {
    const transmission = simpleTransmission();
    transmission.stock!.availableAmount = 3;
    const { attributes } = advertInputFromTransmission(transmission, context({ rule: { priceFactor: 1.5, discountType: 'VALUE', discountValue: 2 } }));
    expect(attributes.variants![0]).toMatchObject({ countOnHand: 3, price: '15.00', salePrice: '13.00' });
  });

  it('never publishes a negative or fractional stock: it is refused with a message for the seller', () => {
    for (const amount of [-3, 2.5, Number.NaN, 1e12]) {
      const transmission = simpleTransmission();
      transmission.stock!.availableAmount = amount;
      const refusal = thrownBy(ProductsError, () => advertInputFromTransmission(transmission, context()));
      expect(refusal).toMatchObject({ code: 'ANYMARKET_VALUE_OUT_OF_RANGE', message: expect.stringMatching(/^Estoque inválido/) });
    }
  });
});

describe('advertInputFromPriceStock', () => {
  it('changes only price, stock and sale state of the variant', () => {
    const attributes = advertInputFromPriceStock(
      { id: 12345, skuInMarketplace: '2222', idInMarketplace: '2525', price: 50.15, discountPrice: 44.9, availableAmount: 27 },
      { ...context({ attemptAutoPublish: false, siblingVariantIds: ['V-2'] }), variantId: 'V-1' },
    );
    expect(attributes).toEqual({ variants: [{ id: 'V-1', countOnHand: 27, price: '50.15', salePrice: null, published: true }, { id: 'V-2' }] });
  });
});
