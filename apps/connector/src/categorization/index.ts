// What other contexts and the composition floor may use of categorization (ADR 0018): everything else in this folder is internal.
export { categorizationConfigShape } from './categorization.config.js';
export { CategorizationModule } from './categorization.module.js';
export { TaxonomyEntryEntity } from './entities/taxonomy-entry.entity.js';
export { advertLevel, findOptionType, findOptionValue, textEntryFor, variantLevel } from './option-types.js';
export type { OptionTypeView } from './option-types.js';
export { TaxonomyCacheService } from './taxonomy-cache.service.js';
