import { DomainError } from '#common';

export class CategorizationError extends DomainError {}

export const categorizationErrors = {
  categoryNotFound: (code: string) => new CategorizationError('CATEGORY_NOT_FOUND', 'not_found', `No Marketplacer category has the code "${code}"`),
};
