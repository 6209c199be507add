import { GraphQLError } from 'graphql';

const UNDEFINED_FIELD = /^Cannot query field "(\w+)" on type "(\w+)"/;

/**
 * A validation error with the extensions graphql-ruby (Marketplacer's server) adds to it: a field the
 * schema lacks carries `{code: 'undefinedField', typeName, fieldName}`. The message stays graphql-js's
 * (its words are what the contract reports quote); other errors pass unchanged.
 */
export function withGraphqlRubyCode(error: GraphQLError): GraphQLError {
  const match = UNDEFINED_FIELD.exec(error.message);
  if (!match || error.extensions['code'] !== undefined) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: 'undefinedField', typeName: match[2], fieldName: match[1] },
  });
}
