import { Injectable } from '@nestjs/common';
import {
  toAnymarketItem,
  toCategoryAttributes,
  toCategoryDetails,
  toVariationTypes,
  type AnymarketBrandItem,
  type AnymarketCategoryAttribute,
  type AnymarketCategoryDetails,
  type AnymarketCategoryItem,
  type AnymarketVariationType,
} from './anymarket-taxonomy.mapper.js';
import { categorizationErrors } from './categorization.errors.js';
import type { PrototypePayload } from './taxonomy-snapshot.js';
import { TaxonomyCacheService } from './taxonomy-cache.service.js';

/** ANYMARKET's catalogue look-ups, answered from the local copy of Marketplacer's taxonomy. */
@Injectable()
export class CategorizationService {
  constructor(private readonly cache: TaxonomyCacheService) {}

  async brands(): Promise<AnymarketBrandItem[]> {
    return (await this.cache.list('brand')).map(toAnymarketItem);
  }

  async rootCategories(): Promise<AnymarketCategoryItem[]> {
    return (await this.cache.list('taxon', null)).map(toAnymarketItem);
  }

  async category(code: string): Promise<AnymarketCategoryDetails> {
    const taxon = await this.cache.find('taxon', code);
    if (!taxon) throw categorizationErrors.categoryNotFound(code);
    const [children, prototype] = await Promise.all([this.cache.list('taxon', code), this.cache.prototypeOf(taxon)]);
    return toCategoryDetails(taxon, children, prototype);
  }

  async categoryAttributes(code: string): Promise<AnymarketCategoryAttribute[]> {
    const taxon = await this.cache.find('taxon', code);
    if (!taxon) throw categorizationErrors.categoryNotFound(code);
    return toCategoryAttributes(await this.cache.prototypeOf(taxon));
  }

  async variationTypes(): Promise<AnymarketVariationType[]> {
    return toVariationTypes((await this.cache.list('prototype')).map((entry) => entry.payload as PrototypePayload));
  }
}
