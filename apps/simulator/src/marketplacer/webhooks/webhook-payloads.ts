import { execute, GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { globalId } from '../state/global-id.js';
import type { ChangeEvent, MarketplacerState } from '../state/marketplacer-state.js';

interface PreparedQuery {
  document?: DocumentNode;
  errors?: readonly GraphQLError[];
}

const KEEP_QUERIES = 200;

/**
 * Builds a webhook's `payload` by running the webhook's query with `$id` bound, as Marketplacer does,
 * against the schema the instance serves. A query that does not parse or validate (or that is not a
 * query) gives `{data: null, errors}`, like an execution error. INFERRED: Marketplacer does not document
 * what a webhook with a broken query delivers; this is its error-reporting payload shape.
 */
export class WebhookPayloadBuilder {
  private readonly queries = new Map<string, PreparedQuery>();
  private preparedFor: GraphQLSchema | undefined;

  constructor(
    private readonly schema: () => GraphQLSchema,
    private readonly currentState: () => MarketplacerState,
  ) {}

  build(event: ChangeEvent, queryString: string): unknown {
    const schema = this.schema();
    const prepared = this.prepare(queryString, schema);
    if (!prepared.document) return { data: null, errors: (prepared.errors ?? []).map((e) => e.toJSON()) };
    const result = execute({
      schema,
      document: prepared.document,
      variableValues: { id: globalId(event.entity, event.legacyId) },
      contextValue: { state: this.currentState() },
    });
    if (result instanceof Promise) throw new Error('resolvers must be synchronous');
    return result.errors ? { data: result.data ?? null, errors: result.errors.map((e) => e.toJSON()) } : { data: result.data };
  }

  private prepare(queryString: string, schema: GraphQLSchema): PreparedQuery {
    if (schema !== this.preparedFor || this.queries.size > KEEP_QUERIES) {
      this.queries.clear();
      this.preparedFor = schema;
    }
    let prepared = this.queries.get(queryString);
    if (!prepared) {
      prepared = prepareQuery(queryString, schema);
      this.queries.set(queryString, prepared);
    }
    return prepared;
  }
}

function prepareQuery(queryString: string, schema: GraphQLSchema): PreparedQuery {
  let document: DocumentNode;
  try {
    document = parse(queryString);
  } catch (error) {
    return { errors: [error instanceof GraphQLError ? error : new GraphQLError(String(error))] };
  }
  const errors = validate(schema, document);
  if (errors.length) return { errors };
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  if (operations.some((operation) => operation.operation !== 'query'))
    return { errors: [new GraphQLError('A webhook query can only read (query operations)')] };
  return { document };
}
