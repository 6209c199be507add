import { advertLevel, findOptionType, type OptionTypeView } from '../categorization/index.js';

/** What canActive/canSave bodies say about a publication, as far as Marketplacer cares. */
export interface PublicationDraft {
  categoryCode: string | null;
  brandCode: string | null;
  /** Null when the body carries no price at all. */
  price: number | null;
  /** Null when the body does not say (canSave often sends `stock: null`): not checked then. */
  stock: number | null;
  /** The mapped attributes; null when the remote carries none yet (canActive comes before the mapping). */
  attributes: Record<string, string> | null;
  variations: Array<{ typeCode: string | null; typeName: string }>;
}

/** What the taxonomy copy knows about the draft's category and brand. */
export interface CatalogueFacts {
  /** Null when no taxon has the category code. */
  taxon: { name: string; isLeaf: boolean } | null;
  /** The option types of the taxon's prototype (null when it has none or it is unknown). */
  optionTypes: OptionTypeView[] | null;
  brandExists: boolean;
}

/** Everything Marketplacer would refuse, in words for the seller (shown in ANYMARKET's panel); empty when fine. */
export function publicationProblems(draft: PublicationDraft, facts: CatalogueFacts): string[] {
  const problems: string[] = [];
  if (!draft.categoryCode) problems.push('Categoria não vinculada: vincule a categoria do produto a uma categoria do marketplace');
  else if (!facts.taxon) problems.push(`A categoria "${draft.categoryCode}" não existe no marketplace`);
  else if (!facts.taxon.isLeaf) problems.push(`A categoria "${facts.taxon.name}" tem subcategorias: vincule o produto a uma delas`);
  if (draft.attributes !== null) {
    for (const type of advertLevel(facts.optionTypes ?? []).filter((candidate) => candidate.optional === false)) {
      if (!hasAttribute(draft.attributes, type)) problems.push(`Atributo obrigatório não preenchido: ${type.displayName || type.name}`);
    }
  }
  if (!draft.brandCode) problems.push('Marca não vinculada: vincule a marca do produto a uma marca do marketplace');
  else if (!facts.brandExists) problems.push(`A marca "${draft.brandCode}" não existe no marketplace`);
  for (const variation of draft.variations) {
    if (!variation.typeCode) problems.push(`Variação "${variation.typeName}" não vinculada a uma variação do marketplace`);
  }
  if (draft.price === null || !(draft.price > 0)) problems.push('O anúncio não tem preço');
  if (draft.stock !== null && !(draft.stock > 0)) problems.push('O anúncio não tem estoque');
  return problems;
}

function hasAttribute(attributes: Record<string, string>, type: OptionTypeView): boolean {
  return Object.entries(attributes).some(([code, value]) => value != null && String(value).trim() !== '' && findOptionType([type], code) !== undefined);
}

type Json = Record<string, unknown>;
const object = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : null;
const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** canActive's body: the SKU preview `{id, partnerId, amount, ean, title, price, sellPrice, variations[], product{…}}`. */
export function draftFromCanActive(body: unknown): PublicationDraft {
  const sku = object(body);
  return { ...productPart(sku), price: number(sku.price) ?? number(sku.sellPrice), stock: number(sku.amount), attributes: null };
}

/** canSave's body: the transmission preview (schema `canSave`), with its `sku` and mapped `attributes`. */
export function draftFromCanSave(body: unknown): PublicationDraft {
  const transmission = object(body);
  const sku = object(transmission.sku);
  const attributes = Object.fromEntries(
    Object.entries(object(transmission.attributes)).flatMap(([code, value]) => (text(value) === null ? [] : [[code, text(value)!]])),
  );
  return {
    ...productPart(sku),
    price: number(transmission.discountPrice) ?? number(transmission.price) ?? number(sku.sellPrice) ?? number(sku.price),
    stock: number(object(transmission.stock).availableAmount) ?? number(sku.amount),
    attributes,
  };
}

function productPart(sku: Json): Pick<PublicationDraft, 'categoryCode' | 'brandCode' | 'variations'> {
  const product = object(sku.product);
  const variations = Array.isArray(sku.variations) ? sku.variations.map(object) : [];
  return {
    categoryCode: text(object(product.category).idInMarketplace),
    brandCode: text(object(product.brand).idInMarketplace),
    variations: variations.map((variation) => {
      const type = object(variation.type);
      return { typeCode: text(type.idInMarketplace), typeName: text(type.name) ?? text(variation.description) ?? '?' };
    }),
  };
}
