import type { OptionTypeView } from '../categorization/option-types.js';
import { draftFromCanActive, draftFromCanSave, publicationProblems, type CatalogueFacts } from './publication-checks.js';
import { remoteExample, variationTransmission } from '#test-support/connector/products/spec-examples';

const REQUIRED: OptionTypeView = {
  id: 'T3B0aW9uVHlwZS0y',
  name: 'indicado_para',
  displayName: 'Indicado para',
  fieldType: 'FREE_TEXT',
  appliedTo: 'ADVERT',
  optional: false,
  values: [],
};
const OPTIONAL: OptionTypeView = { ...REQUIRED, id: 'T3B0aW9uVHlwZS0z', name: 'material', displayName: 'Material', optional: true };
const FINE: CatalogueFacts = { taxon: { name: 'Roupas', isLeaf: true }, optionTypes: [REQUIRED, OPTIONAL], brandExists: true };

describe('publication checks (canActive / canSave)', () => {
  it('passes a complete, mapped publication', () => {
    expect(publicationProblems(draftFromCanSave(variationTransmission()), FINE)).toEqual([]);
  });

  it('finds an unmapped category, brand and variation, and no price or stock', () => {
    const body = variationTransmission();
    body.sku.product.category!.idInMarketplace = undefined;
    body.sku.product.brand!.idInMarketplace = '';
    body.sku.variations![0].type.idInMarketplace = undefined;
    body.price = 0;
    body.discountPrice = 0;
    body.stock!.availableAmount = 0;
    body.attributes = {};
    expect(publicationProblems(draftFromCanSave(body), FINE)).toEqual([
      'Categoria não vinculada: vincule a categoria do produto a uma categoria do marketplace',
      'Atributo obrigatório não preenchido: Indicado para',
      'Marca não vinculada: vincule a marca do produto a uma marca do marketplace',
      'Variação "Cor" não vinculada a uma variação do marketplace',
      'O anúncio não tem preço',
      'O anúncio não tem estoque',
    ]);
  });

  it('refuses categories and brands Marketplacer does not have, and categories with children', () => {
    const draft = draftFromCanSave(variationTransmission());
    expect(publicationProblems(draft, { ...FINE, taxon: null, optionTypes: null, brandExists: false })).toEqual([
      'A categoria "10" não existe no marketplace',
      'A marca "2000016" não existe no marketplace',
    ]);
    expect(publicationProblems(draft, { ...FINE, taxon: { name: 'Moda', isLeaf: false } })).toEqual([
      'A categoria "Moda" tem subcategorias: vincule o produto a uma delas',
    ]);
  });

  it('matches required attributes by id as well as by name, and ignores blank values', () => {
    const body = variationTransmission();
    body.attributes = { [REQUIRED.id]: 'Dia a dia' };
    expect(publicationProblems(draftFromCanSave(body), FINE)).toEqual([]);
    body.attributes = { [REQUIRED.id]: '  ' };
    expect(publicationProblems(draftFromCanSave(body), FINE)).toEqual(['Atributo obrigatório não preenchido: Indicado para']);
  });

  it("reads canActive's SKU preview without checking attributes (not mapped yet); canSave may omit the stock", () => {
    const body = remoteExample('POST /canActive');
    expect(draftFromCanActive(body)).toMatchObject({ categoryCode: 'string', brandCode: 'string', price: 0, stock: 0, attributes: null });
    const ok = { ...body, price: 10, amount: 3 };
    expect(publicationProblems(draftFromCanActive(ok), FINE)).toEqual([]);
    const noStock = { ...variationTransmission(), stock: null, sku: { ...variationTransmission().sku, amount: null } };
    expect(draftFromCanSave(noStock).stock).toBeNull();
  });
});
