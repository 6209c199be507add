import { MarketplacerError } from '../errors/marketplacer-error.js';

/**
 * The words a GraphQL server uses when a document does not fit its schema: graphql-js ("Cannot query field
 * "x" on type "Y".", "Unknown argument", "Unknown type") and graphql-ruby, which Marketplacer runs ("Field 'x'
 * doesn't exist on type 'Y'", extension codes undefinedField, argumentNotAccepted, undefinedType).
 */
const SCHEMA_REFUSAL = /Cannot query field|doesn't exist on type|Unknown argument|Unknown type|undefinedField|argumentNotAccepted|undefinedType/;

/** The problems named by a refusal of the document itself (not of its data), or null when the error is something else. */
export function schemaRefusalOf(error: unknown): string[] | null {
  if (!(error instanceof MarketplacerError) || error.code !== 'MARKETPLACER_GRAPHQL_ERROR') return null;
  const refusals = error.details.filter((detail) => [detail.field, ...detail.messages].some((text) => SCHEMA_REFUSAL.test(text)));
  return refusals.length === 0 ? null : refusals.flatMap((detail) => detail.messages);
}
