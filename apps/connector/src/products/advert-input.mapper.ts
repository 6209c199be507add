import type { ProductImage, SkuMarketplace, SkuMarketplacePriceStock, SkuVariation } from '#anymarket';
import { fromGlobalId, GRAPHQL_MAX_INT, type AdvertInput, type AdvertOptionValueInput, type VariantInput, type VariantOptionValueInput } from '#marketplacer';
import { listingPrice, listingPriceFromTransmission, type PriceRule } from './listing-price.js';
import { advertLevel, findOptionType, findOptionValue, textEntryFor, variantLevel, type OptionTypeView } from '../categorization/index.js';
import { productsErrors } from './products.errors.js';

/** What the mapping needs besides the transmission. */
export interface AdvertMappingContext {
  rule: PriceRule;
  /** The option types of the category's prototype; null when the taxonomy copy does not know it. */
  optionTypes: OptionTypeView[] | null;
  /** This transmission's variant when it exists already (update), else null (a new variant). */
  variantId: string | null;
  /**
   * Variants of sibling transmissions already on the advert. Sent as `{id}` only: harmless where
   * Marketplacer merges variants, and keeps them where `variants` replaces the whole set (undocumented).
   */
  siblingVariantIds: string[];
  /** ANYMARKET wants the SKU on sale (false for PAUSED/CLOSED/deleted). */
  onSale: boolean;
  /** Ask Marketplacer to publish (new adverts). */
  attemptAutoPublish: boolean;
}

export interface MappedAdvert {
  attributes: AdvertInput;
  /** Mapped attributes/variations that match nothing in Marketplacer (left out, and logged by the caller). */
  ignored: string[];
}

/** The whole advert from a full `GET /skumarketplace/{id}`: advert fields, this SKU's variant and its siblings. */
export function advertInputFromTransmission(transmission: SkuMarketplace, context: AdvertMappingContext): MappedAdvert {
  const product = transmission.sku.product;
  const ignored: string[] = [];
  const advertOptionValues = advertOptionValuesFrom(transmission.attributes ?? {}, context.optionTypes, ignored);
  const variantOptionValues = variantOptionValuesFrom(transmission.sku.variations ?? [], context.optionTypes, ignored);
  const images = usableImages(product.images ?? []);
  const descriptions = new Set((transmission.sku.variations ?? []).map((variation) => variation.description.trim().toLowerCase()));
  const variantImages = images.filter((image) => image.variation && descriptions.has(image.variation.trim().toLowerCase()));
  const advertImages = images.filter((image) => !image.variation);
  const variant: VariantInput = {
    ...(context.variantId ? { id: context.variantId } : {}),
    sku: transmission.skuInMarketplace,
    barcode: transmission.ean || transmission.sku.ean || null,
    countOnHand: stockOf(transmission.stock?.availableAmount ?? transmission.sku.amount),
    // The SKU's own price × the account's factor (the transmission price already carries a factor).
    ...listingPrice(transmission.sku.price ?? transmission.price, context.rule),
    variantOptionValues,
    ...(variantImages.length ? { images: variantImages.map(toImageInput) } : {}),
    published: context.onSale,
  };
  const attributes: AdvertInput = {
    // A product with variations is one advert for all its SKUs; the transmission title names one SKU.
    title: (product.hasVariations ? product.title : transmission.title || transmission.sku.title) || product.title,
    description: product.description || null,
    ...(product.brand?.idInMarketplace ? { brandId: product.brand.idInMarketplace } : {}),
    ...(product.category?.idInMarketplace ? { taxonId: product.category.idInMarketplace } : {}),
    // Variation-specific images go to their variant; the advert keeps the rest (or all when every image is a variation's).
    images: (advertImages.length ? advertImages : images).map(toImageInput),
    advertOptionValues,
    variants: [variant, ...siblings(context)],
    ...(context.attemptAutoPublish ? { attemptAutoPublish: true } : {}),
  };
  return { attributes, ignored };
}

/** Only what `/priceStock` says: this variant's prices and stock (and whether it is on sale). */
export function advertInputFromPriceStock(priceStock: SkuMarketplacePriceStock, context: AdvertMappingContext & { variantId: string }): AdvertInput {
  return {
    variants: [
      {
        id: context.variantId,
        countOnHand: stockOf(priceStock.availableAmount),
        ...listingPriceFromTransmission(priceStock.price, context.rule),
        published: context.onSale,
      },
      ...siblings(context),
    ],
    ...(context.attemptAutoPublish ? { attemptAutoPublish: true } : {}),
  };
}

/**
 * ANYMARKET's `attributes` (attribute code → value code or text, the codes being what our
 * `/categories/attributes` remote gave: option type and option value ids). Matched against the
 * prototype when it is known (by id, then by name, since ANYMARKET's own example uses names);
 * otherwise taken at face value when the codes look like Marketplacer ids.
 */
export function advertOptionValuesFrom(attributes: Record<string, string>, optionTypes: OptionTypeView[] | null, ignored: string[]): AdvertOptionValueInput[] {
  const result: AdvertOptionValueInput[] = [];
  for (const [code, raw] of Object.entries(attributes)) {
    const value = typeof raw === 'string' ? raw.trim() : raw == null ? '' : String(raw);
    if (!value) continue;
    const type = optionTypes ? findOptionType(advertLevel(optionTypes), code) : undefined;
    const chosen = type ? optionValueFor(type, value, value) : optionTypes ? null : idBasedOptionValue(code, value);
    if (chosen) result.push(chosen);
    else ignored.push(`attribute ${code}=${value}`);
  }
  return result;
}

/** ANYMARKET variations (type and value mapped to Marketplacer option type and value) → the variant's option values. */
export function variantOptionValuesFrom(variations: SkuVariation[], optionTypes: OptionTypeView[] | null, ignored: string[]): VariantOptionValueInput[] {
  const result: VariantOptionValueInput[] = [];
  for (const variation of variations) {
    const type = optionTypes ? findOptionType(variantLevel(optionTypes), variation.type.idInMarketplace, variation.type.name) : undefined;
    const chosen = type
      ? optionValueFor(type, variation.idInMarketplace, variation.description)
      : variation.idInMarketplace
        ? { optionValueId: variation.idInMarketplace }
        : variation.type.idInMarketplace
          ? { optionTypeId: variation.type.idInMarketplace, textValue: variation.description }
          : null;
    if (chosen) result.push(chosen);
    else ignored.push(`variation ${variation.type.name}=${variation.description}`);
  }
  return result;
}

function optionValueFor(type: OptionTypeView, code: string | null | undefined, text: string): AdvertOptionValueInput | null {
  const value = findOptionValue(type, code, text);
  if (value) return { optionValueId: value.id };
  const entry = textEntryFor(type, text);
  return entry !== null ? { optionTypeId: type.id, textValue: entry } : null;
}

function idBasedOptionValue(code: string, value: string): AdvertOptionValueInput | null {
  if (fromGlobalId(value)?.type === 'OptionValue') return { optionValueId: value };
  if (fromGlobalId(code)?.type === 'OptionType') return { optionTypeId: code, textValue: value };
  return null;
}

function siblings(context: AdvertMappingContext): VariantInput[] {
  return context.siblingVariantIds.filter((id) => id !== context.variantId).map((id) => ({ id }));
}

/** Main image first, then ANYMARKET's order; images ANYMARKET failed to process are left out. */
function usableImages(images: ProductImage[]): ProductImage[] {
  const seen = new Set<string>();
  return [...images]
    .filter((image) => image.status !== 'ERROR' && urlOf(image))
    .sort((a, b) => Number(b.main ?? false) - Number(a.main ?? false) || a.index - b.index)
    .filter((image) => !seen.has(urlOf(image)!) && seen.add(urlOf(image)!));
}

const urlOf = (image: ProductImage): string | undefined => image.url || image.standardUrl || image.originalImage || undefined;
const toImageInput = (image: ProductImage) => ({ sourceUrl: urlOf(image)! });

/**
 * Marketplacer counts whole units and refuses negatives. A stock ANYMARKET did not send is 0; a
 * negative, fractional or absurd one is not published (ANYMARKET_VALUE_OUT_OF_RANGE, for the seller).
 */
function stockOf(amount: number | null | undefined): number {
  if (amount === null || amount === undefined) return 0;
  if (!Number.isSafeInteger(amount) || amount < 0 || amount > MAX_STOCK) {
    throw productsErrors.valueOutOfRange(`Estoque inválido (${amount}): deve ser um número inteiro entre 0 e ${MAX_STOCK}`);
  }
  return amount;
}

/** Marketplacer's countOnHand is a 32-bit integer. */
const MAX_STOCK = GRAPHQL_MAX_INT;
