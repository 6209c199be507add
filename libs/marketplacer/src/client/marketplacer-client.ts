import { ApolloClient, HttpLink, InMemoryCache, type OperationVariables, type TypedDocumentNode } from '@apollo/client';
import { realTiming, type ErrorDetail, type RemoteActivity, type RemoteBudget, type Timing } from '#common';
import { CombinedGraphQLErrors, CombinedProtocolErrors, ServerError, ServerParseError } from '@apollo/client/errors';
import { getIntrospectionQuery, Kind, parse, type DocumentNode, type GraphQLFormattedError, type IntrospectionQuery } from 'graphql';
import type { Logger } from '@nestjs/common';
import type { MarketplacerContractStatus } from '../contract/contract-status.js';
import { MarketplacerError } from '../errors/marketplacer-error.js';
import type { MarketplacerConnection } from '../marketplacer-connection.js';
import { marketplacerBudget } from './marketplacer-budget.js';
import { createResilientFetch, ONLY_SAFE_RETRIES, type Fetch } from './resilient-fetch.js';

export interface MarketplacerClientOptions {
  /** Transport under the resilience layer (tests only). */
  fetch?: Fetch;
  /** Clock, sleep and randomness (tests only). */
  timing?: Partial<Timing>;
  /** The API key's request budget; by default one in this process's memory (see marketplacerBudget). */
  budget?: RemoteBudget;
  logger?: Pick<Logger, 'warn'>;
  /** What the live schema accepts: a document it refuses is not sent (MARKETPLACER_FEATURE_OFF). */
  contract?: Pick<MarketplacerContractStatus, 'assertUsable'>;
  /** Where attempts and circuit changes are reported (metrics, readiness). */
  activity?: RemoteActivity;
}

/** A GraphQL error as a server answers it (message, and the extensions graphql-ruby fills: code, typeName, fieldName…). */
export type GraphQLAnswerError = Pick<GraphQLFormattedError, 'message' | 'extensions'>;

/** graphql's introspection query, parsed once. */
const INTROSPECTION_DOCUMENT = parse(getIntrospectionQuery());

/**
 * Apollo adds `__typename` to every selection set for its normalised cache, which `no-cache` never
 * uses: on the adverts feed that is 24% more bytes per page. The documents already ask for
 * `__typename` wherever the code reads it (unions, interfaces), so they are sent as written.
 */
class VerbatimDocumentCache extends InMemoryCache {
  override transformDocument(document: DocumentNode): DocumentNode {
    return document;
  }
}

/**
 * The one Apollo Client of a Marketplacer instance, behind two generic calls. Only adapters use it:
 * services talk to ports. No normalised cache (`no-cache` everywhere): every call goes to Marketplacer
 * and answers exactly what it sent. Every failure comes out as a coded MarketplacerError.
 */
export class MarketplacerClient {
  private readonly apollo: ApolloClient;
  private readonly contract: MarketplacerClientOptions['contract'];
  /** The Operator API endpoint this client calls (no credentials in it). */
  readonly endpoint: string;

  constructor(connection: MarketplacerConnection, options: MarketplacerClientOptions = {}) {
    this.endpoint = connection.endpoint;
    this.contract = options.contract;
    const timing: Timing = { ...realTiming, ...options.timing };
    const budget = options.budget ?? marketplacerBudget(connection, undefined, timing);
    const fetch = createResilientFetch({ connection, timing, budget, fetch: options.fetch, logger: options.logger, activity: options.activity });
    this.apollo = new ApolloClient({
      link: new HttpLink({ uri: connection.endpoint, fetch }),
      cache: new VerbatimDocumentCache(),
      queryDeduplication: false,
      defaultOptions: {
        query: { fetchPolicy: 'no-cache' },
        watchQuery: { fetchPolicy: 'no-cache' },
        mutate: { fetchPolicy: 'no-cache' },
      },
    });
  }

  async query<TData, TVariables extends OperationVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables): Promise<TData> {
    const operation = operationNameOf(document);
    this.contract?.assertUsable(operation);
    try {
      const result = await this.apollo.query({ query: document, variables, fetchPolicy: 'no-cache', errorPolicy: 'none' });
      return dataOf(operation, result.data as TData | undefined);
    } catch (error) {
      throw toMarketplacerError(operation, error);
    }
  }

  /**
   * Sends a mutation. `onlySafeRetries`: the mutation creates something, so it is repeated only when
   * Marketplacer cannot have acted on it (see createResilientFetch); otherwise it is retried like a query.
   */
  async mutate<TData, TVariables extends OperationVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    options: { onlySafeRetries?: boolean } = {},
  ): Promise<TData> {
    const operation = operationNameOf(document);
    this.contract?.assertUsable(operation);
    const context = options.onlySafeRetries ? { fetchOptions: { [ONLY_SAFE_RETRIES]: true } } : undefined;
    try {
      const result = await this.apollo.mutate({ mutation: document, variables, fetchPolicy: 'no-cache', errorPolicy: 'none', context });
      return dataOf(operation, result.data as TData | undefined);
    } catch (error) {
      throw toMarketplacerError(operation, error);
    }
  }

  /**
   * The live schema, by graphql's introspection query (the live contract check), through the same
   * policy and budget as every call. A refusal (introspection disabled: a GraphQL error answer, or a
   * 4xx) comes out as MARKETPLACER_GRAPHQL_ERROR or MARKETPLACER_REQUEST_REJECTED.
   */
  async introspect(options: { signal?: AbortSignal } = {}): Promise<IntrospectionQuery> {
    try {
      const result = await this.apollo.query({
        query: INTROSPECTION_DOCUMENT,
        fetchPolicy: 'no-cache',
        errorPolicy: 'none',
        context: options.signal ? { fetchOptions: { signal: options.signal } } : undefined,
      });
      return dataOf('IntrospectionQuery', result.data as IntrospectionQuery | undefined);
    } catch (error) {
      throw toMarketplacerError('IntrospectionQuery', error);
    }
  }

  /**
   * Sends a read-only document as it is (never refused beforehand) and answers the GraphQL errors of
   * the answer instead of throwing them: the live contract check's probe where introspection is refused.
   * A refusal at the HTTP level (4xx) answers the GraphQL errors its body carried, as details of
   * MARKETPLACER_REQUEST_REJECTED; anything else (401, outage, timeout) is thrown as usual.
   */
  async probe(document: DocumentNode, variables: Record<string, unknown>, options: { signal?: AbortSignal } = {}): Promise<GraphQLAnswerError[]> {
    const operation = operationNameOf(document);
    let result: { error?: unknown };
    try {
      result = await this.apollo.query({
        query: document,
        variables,
        fetchPolicy: 'no-cache',
        errorPolicy: 'all',
        context: options.signal ? { fetchOptions: { signal: options.signal } } : undefined,
      });
    } catch (error) {
      result = { error };
    }
    if (!result.error) return [];
    if (CombinedGraphQLErrors.is(result.error)) return result.error.errors.map(({ message, extensions }) => ({ message, extensions }));
    const coded = toMarketplacerError(operation, result.error);
    if (coded instanceof MarketplacerError && coded.code === 'MARKETPLACER_REQUEST_REJECTED' && coded.details.length > 0) {
      return coded.details.flatMap((detail) => detail.messages.map((message) => ({ message, extensions: { code: detail.field } })));
    }
    throw coded;
  }

  stop(): void {
    this.apollo.stop();
  }
}

function operationNameOf(document: DocumentNode): string {
  const definition = document.definitions.find((node) => node.kind === Kind.OPERATION_DEFINITION);
  return definition?.kind === Kind.OPERATION_DEFINITION && definition.name ? definition.name.value : 'operation';
}

function dataOf<TData>(operation: string, data: TData | undefined | null): TData {
  if (data == null) throw new MarketplacerError('MARKETPLACER_UNEXPECTED_RESPONSE', `Marketplacer returned no data for ${operation}`);
  return data;
}

/** How graphql-ruby (and the simulator) refuse a cursor they never handed out: `Invalid cursor: "…"`. */
const CURSOR_REFUSAL = /^invalid cursor\b/i;

/** Apollo's error classes → coded errors; coded errors from the fetch layer pass through. */
export function toMarketplacerError(operation: string, error: unknown): unknown {
  if (error instanceof MarketplacerError) return error;
  if (CombinedGraphQLErrors.is(error)) {
    const details = graphQLErrorDetails(error);
    const messages = details.flatMap((detail) => detail.messages).join('; ');
    if (error.errors.length > 0 && error.errors.every(({ message }) => CURSOR_REFUSAL.test(message))) {
      return new MarketplacerError(
        'MARKETPLACER_CURSOR_REFUSED',
        'Marketplacer does not know the page cursor given as `after`: pass the nextCursor of the previous page',
        [{ field: 'after', messages: ['after must be the nextCursor of the previous page'] }],
        { cause: error },
      );
    }
    return new MarketplacerError('MARKETPLACER_GRAPHQL_ERROR', `Marketplacer rejected ${operation}: ${messages}`, details, { cause: error });
  }
  if (ServerParseError.is(error)) {
    return new MarketplacerError('MARKETPLACER_UNEXPECTED_RESPONSE', `Marketplacer answered ${operation} with something that is not JSON`, [], {
      cause: error,
    });
  }
  if (ServerError.is(error) || CombinedProtocolErrors.is(error)) {
    return new MarketplacerError('MARKETPLACER_UNEXPECTED_RESPONSE', `Marketplacer answered ${operation} outside the GraphQL contract: ${error.message}`, [], {
      cause: error,
    });
  }
  return error;
}

/** One detail per error: the response path when there is one, else the error's extension code. */
function graphQLErrorDetails(error: CombinedGraphQLErrors): ErrorDetail[] {
  return error.errors.map((graphQLError) => {
    const code = graphQLError.extensions?.['code'];
    const field = graphQLError.path?.length ? graphQLError.path.join('.') : typeof code === 'string' ? code : 'graphql';
    return { field, messages: [graphQLError.message] };
  });
}
