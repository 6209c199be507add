import { Injectable } from '@nestjs/common';
import { MarketplacerTaxonomy } from '#marketplacer';
import type { OptionTypeUpsertDto, OptionValueUpsertDto, PrototypeUpsertDto, TaxonUpsertDto } from './dto/taxonomy-upsert.dto.js';
import { TaxonomyCacheService, type TaxonomyCounts } from './taxonomy-cache.service.js';

/**
 * The operator's taxonomy edits in Marketplacer. A success refreshes the local copy before
 * answering, so ANYMARKET's next look-up sees it; Marketplacer's validation messages come back as
 * a 422 with its field messages (MARKETPLACER_VALIDATION_FAILED) and nothing is refreshed.
 */
@Injectable()
export class TaxonomyAdminService {
  constructor(
    private readonly taxonomy: MarketplacerTaxonomy,
    private readonly cache: TaxonomyCacheService,
  ) {}

  async upsertTaxon(dto: TaxonUpsertDto) {
    return this.thenRefresh(await this.taxonomy.upsertTaxon(dto));
  }

  async upsertPrototype(dto: PrototypeUpsertDto) {
    return this.thenRefresh(await this.taxonomy.upsertPrototype(dto));
  }

  async upsertOptionType(dto: OptionTypeUpsertDto) {
    return this.thenRefresh(await this.taxonomy.upsertOptionType(dto));
  }

  async upsertOptionValue(dto: OptionValueUpsertDto) {
    return this.thenRefresh(await this.taxonomy.upsertOptionValue(dto));
  }

  refresh(): Promise<TaxonomyCounts> {
    return this.cache.refresh();
  }

  counts(): Promise<TaxonomyCounts> {
    return this.cache.counts();
  }

  private async thenRefresh<T>(result: T): Promise<T> {
    await this.cache.refresh();
    return result;
  }
}
