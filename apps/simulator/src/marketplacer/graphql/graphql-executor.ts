import { execute, GraphQLError, parse, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { MarketplacerContext } from './resolvers/context.js';
import { withGraphqlRubyCode } from './ruby-error-codes.js';

export interface GraphqlRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export interface Prepared {
  /** The operation's name (or its root fields when it has none), for the request log. */
  operationName: string;
  document?: DocumentNode;
  errors?: readonly GraphQLError[];
  /** The schema the document was validated against (it runs against the same one). */
  schema?: GraphQLSchema;
}

/**
 * Parses, validates and executes GraphQL requests against the served schema (the contract schema,
 * less any dropped fields). Parsed and validated documents are cached by their text: clients send the
 * same few documents over and over. The cache is emptied when the served schema changes.
 */
export class GraphqlExecutor {
  private readonly documents = new Map<string, Prepared>();
  private cachedFor: GraphQLSchema | undefined;

  constructor(private readonly served: () => GraphQLSchema) {}

  prepare(request: GraphqlRequest): Prepared {
    if (typeof request.query !== 'string' || request.query.trim() === '') {
      return { operationName: 'unknown', errors: [new GraphQLError('No query string was present')] };
    }
    const operationName = typeof request.operationName === 'string' ? request.operationName : undefined;
    const schema = this.served();
    if (schema !== this.cachedFor) {
      this.documents.clear();
      this.cachedFor = schema;
    }
    const cacheKey = `${operationName ?? ''}\n${request.query}`;
    const cached = this.documents.get(cacheKey);
    if (cached) return cached;
    let prepared: Prepared;
    try {
      const document = parse(request.query);
      const errors = validate(schema, document).map(withGraphqlRubyCode);
      prepared = { operationName: describeOperation(document, operationName), document, errors: errors.length ? errors : undefined, schema };
    } catch (error) {
      prepared = { operationName: operationName ?? 'unparsable', errors: [error instanceof GraphQLError ? error : new GraphQLError(String(error))] };
    }
    if (this.documents.size > 500) this.documents.clear();
    this.documents.set(cacheKey, prepared);
    return prepared;
  }

  run(prepared: Prepared, request: GraphqlRequest, context: MarketplacerContext): ExecutionResult {
    if (prepared.errors || !prepared.document || !prepared.schema) return { errors: prepared.errors };
    const variables = request.variables === null || request.variables === undefined ? undefined : request.variables;
    if (variables !== undefined && (typeof variables !== 'object' || Array.isArray(variables))) {
      return { errors: [new GraphQLError('Variables must be a JSON object')] };
    }
    const result = execute({
      schema: prepared.schema,
      document: prepared.document,
      variableValues: variables as Record<string, unknown> | undefined,
      operationName: typeof request.operationName === 'string' ? request.operationName : undefined,
      contextValue: context,
    });
    if (result instanceof Promise) throw new Error('resolvers must be synchronous');
    return result;
  }
}

function describeOperation(document: DocumentNode, operationName: string | undefined): string {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return operationName ?? 'unknown';
  if (operation.name) return operation.name.value;
  const fields = operation.selectionSet.selections.map((s) => (s.kind === 'Field' ? s.name.value : '...')).join(',');
  return `${operation.operation}{${fields}}`;
}
