import { buildSchema, GraphQLError, parse, validate } from 'graphql';
import { withGraphqlRubyCode } from './ruby-error-codes.js';

describe('withGraphqlRubyCode', () => {
  const schema = buildSchema('type Query { brands: Int }');

  it("adds graphql-ruby's undefinedField extensions to a field the schema lacks, keeping the message and location", () => {
    const [error] = validate(schema, parse('{ allSellerz }'));
    const coded = withGraphqlRubyCode(error);
    expect(coded.message).toBe(error.message);
    expect(coded.locations).toEqual(error.locations);
    expect(coded.extensions).toEqual({ code: 'undefinedField', typeName: 'Query', fieldName: 'allSellerz' });
  });

  it('leaves other errors as they are', () => {
    const other = new GraphQLError('Variable "$first" is never used.');
    expect(withGraphqlRubyCode(other)).toBe(other);
  });
});
