import { Injectable } from '@nestjs/common';
import { TaxonomyCacheService, type OptionTypeView } from '../categorization/index.js';
import type { CatalogueFacts } from './publication-checks.js';

/** What listings need from the Categorization context's copy of Marketplacer's taxonomy. */
@Injectable()
export class ListingCatalogue {
  constructor(private readonly taxonomy: TaxonomyCacheService) {}

  /** The option types of the category's prototype; null when the taxon or its prototype is unknown. */
  async optionTypesOf(categoryCode: string | null | undefined): Promise<OptionTypeView[] | null> {
    if (!categoryCode) return null;
    const taxon = await this.taxonomy.find('taxon', categoryCode);
    return taxon ? ((await this.taxonomy.prototypeOf(taxon))?.optionTypes ?? null) : null;
  }

  async facts(categoryCode: string | null, brandCode: string | null): Promise<CatalogueFacts> {
    const taxon = categoryCode ? await this.taxonomy.find('taxon', categoryCode) : null;
    const prototype = taxon ? await this.taxonomy.prototypeOf(taxon) : null;
    const brand = brandCode ? await this.taxonomy.find('brand', brandCode) : null;
    return {
      taxon: taxon ? { name: taxon.name, isLeaf: (taxon.payload as { isLeaf?: boolean }).isLeaf !== false } : null,
      optionTypes: prototype?.optionTypes ?? null,
      brandExists: brand !== null,
    };
  }
}
