import { Injectable } from '@nestjs/common';
import { buildClientSchema, type GraphQLSchema } from 'graphql';
import { MarketplacerClient } from '../client/marketplacer-client.js';
import { contractDocuments, type ContractDocument } from '../contract/contract-features.js';
import { MarketplacerContractStatus, type ContractProblem } from '../contract/contract-status.js';
import { ApiKeyPrincipalDocument } from '../contract/generated/graphql.js';
import { MarketplacerError } from '../errors/marketplacer-error.js';
import { classifyProblem, isVariableValueError, problemLine } from './classify-problem.js';
import { harmlessVariables } from './probe-variables.js';
import { documentProblems } from './validate-documents.js';

/** `ok`: the live schema accepts it; `failed`: it refuses it (problems say what); `not-checked`: nothing could tell (note says why). */
export type DocumentCheckStatus = 'ok' | 'failed' | 'not-checked';

/** One operation document against the live schema. */
export interface DocumentCheck {
  operation: string;
  kind: 'query' | 'mutation';
  status: DocumentCheckStatus;
  /** What fails, each as the exact `Type.field`, `Type.field(argument)` or type; empty unless failed. */
  problems: ContractProblem[];
  /** The features that need it (contract-features.ts). */
  features: string[];
  /** An optional detail: refused, it is left out and its feed runs without it. */
  detail: boolean;
  /** Why it was not checked; null otherwise. */
  note: string | null;
}

/** One run of the live contract check. */
export interface ContractCheckOutcome {
  /** The Operator API endpoint checked (MARKETPLACER_API_URL, or the simulator in demo mode). */
  endpoint: string;
  /** `introspection`: every document validated against the introspected schema; `probes`: introspection was refused, each read sent with harmless arguments; null when the check could not run. */
  method: 'introspection' | 'probes' | null;
  /** Why introspection was refused, when probes stood in for it. */
  introspectionRefused: string | null;
  startedAt: Date;
  finishedAt: Date;
  /** Every operation document the connector can send, by operation name; empty when the check could not run. */
  documents: DocumentCheck[];
  /** Who the API key belongs to (ApiKeyPrincipal), when Marketplacer said. */
  principal: { name: string | null; username: string | null } | null;
  /** Why the check could not run (Marketplacer unreachable, the credentials refused); null when it ran. What was known before is kept. */
  error: { code: string; message: string } | null;
}

/** Introspection refused by the server (a GraphQL error answer or a 4xx), rather than Marketplacer unreachable or the key refused. */
function introspectionRefused(error: unknown): error is MarketplacerError {
  return error instanceof MarketplacerError && (error.code === 'MARKETPLACER_GRAPHQL_ERROR' || error.code === 'MARKETPLACER_REQUEST_REJECTED');
}

/**
 * The live contract check (DESIGN "Day-one truth"): every operation document the connector can send,
 * validated against the schema the configured endpoint serves, by introspection through the shared
 * client (same policy, same budget); where introspection is refused, each read-only document is sent
 * with harmless arguments and the validation errors of its answer are read the same way (mutations are
 * then not checked). The verdicts go to MarketplacerContractStatus: a refused document switches off
 * the features that need it, and a later passing check switches them back on.
 */
@Injectable()
export class MarketplacerContractCheck {
  constructor(
    private readonly client: MarketplacerClient,
    private readonly status: MarketplacerContractStatus,
  ) {}

  get endpoint(): string {
    return this.client.endpoint;
  }

  async run(options: { signal?: AbortSignal; documents?: ContractDocument[] } = {}): Promise<ContractCheckOutcome> {
    const startedAt = new Date();
    const documents = options.documents ?? contractDocuments();
    const base = { endpoint: this.client.endpoint, startedAt, principal: null, introspectionRefused: null };
    let checked: { method: 'introspection' | 'probes'; documents: DocumentCheck[]; introspectionRefused: string | null };
    try {
      checked = await this.check(documents, options.signal);
    } catch (error) {
      return { ...base, method: null, documents: [], finishedAt: new Date(), error: codedOf(error) };
    }
    const verdicts = checked.documents.filter((document) => document.status !== 'not-checked');
    this.status.recordCheck(
      verdicts.map((document) => ({
        operation: document.operation,
        ok: document.status === 'ok',
        problems: document.problems.map(problemLine),
        details: document.problems,
      })),
      new Date(),
    );
    const principal = await this.principal(checked.documents, options.signal);
    return { ...base, ...checked, principal, finishedAt: new Date(), error: null };
  }

  private async check(documents: ContractDocument[], signal: AbortSignal | undefined) {
    let schema: GraphQLSchema;
    try {
      schema = buildClientSchema(await this.client.introspect({ signal }));
    } catch (error) {
      if (signal?.aborted) throw new Error('the check was stopped before it ended');
      if (!introspectionRefused(error)) throw error instanceof MarketplacerError ? error : unusableIntrospection(error);
      return { method: 'probes' as const, introspectionRefused: error.message, documents: await this.probeAll(documents, signal) };
    }
    return {
      method: 'introspection' as const,
      introspectionRefused: null,
      documents: documents.map((document) => verdictOf(document, documentProblems(schema, document.document))),
    };
  }

  private async probeAll(documents: ContractDocument[], signal: AbortSignal | undefined): Promise<DocumentCheck[]> {
    const checks: DocumentCheck[] = [];
    for (const document of documents) checks.push(await this.probe(document, signal));
    return checks;
  }

  /** One read sent with harmless arguments; its validation errors are the document's problems. */
  private async probe(document: ContractDocument, signal: AbortSignal | undefined): Promise<DocumentCheck> {
    if (document.kind === 'mutation') return notChecked(document, 'a mutation is not sent to check it, and introspection is refused');
    const variables = harmlessVariables(document);
    if (variables === null) return notChecked(document, 'no harmless value for a required variable, and introspection is refused');
    let errors;
    try {
      errors = await this.client.probe(document.document, variables, { signal });
    } catch (error) {
      if (error instanceof MarketplacerError && error.code === 'MARKETPLACER_AUTHENTICATION_FAILED') throw error;
      return notChecked(document, `the probe failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const refused = errors.filter(isVariableValueError);
    const problems = errors.filter((error) => !isVariableValueError(error)).flatMap((error) => classifyProblem(error) ?? []);
    if (problems.length === 0 && refused.length > 0)
      return notChecked(document, `the probe's harmless values were refused: ${refused.map((error) => error.message).join('; ')}`);
    return verdictOf(document, problems);
  }

  /** Who the key belongs to, read once its document is known to pass; null otherwise. */
  private async principal(documents: DocumentCheck[], signal: AbortSignal | undefined): Promise<ContractCheckOutcome['principal']> {
    if (signal?.aborted || documents.find((document) => document.operation === 'ApiKeyPrincipal')?.status !== 'ok') return null;
    try {
      const { apiKeyPrincipal } = await this.client.query(ApiKeyPrincipalDocument, {});
      return apiKeyPrincipal ? { name: apiKeyPrincipal.name ?? null, username: apiKeyPrincipal.username ?? null } : null;
    } catch {
      return null;
    }
  }
}

function verdictOf(document: ContractDocument, problems: ContractProblem[]): DocumentCheck {
  return { ...describe(document), status: problems.length === 0 ? 'ok' : 'failed', problems, note: null };
}

function notChecked(document: ContractDocument, note: string): DocumentCheck {
  return { ...describe(document), status: 'not-checked', problems: [], note };
}

function describe(document: ContractDocument): Pick<DocumentCheck, 'operation' | 'kind' | 'features' | 'detail'> {
  return { operation: document.operation, kind: document.kind, features: [...document.features], detail: document.detail };
}

function unusableIntrospection(error: unknown): MarketplacerError {
  return new MarketplacerError(
    'MARKETPLACER_UNEXPECTED_RESPONSE',
    `Marketplacer's introspection answer is not a usable schema: ${error instanceof Error ? error.message : String(error)}`,
  );
}

function codedOf(error: unknown): { code: string; message: string } {
  if (error instanceof MarketplacerError) return { code: error.code, message: error.message };
  return { code: 'CONTRACT_CHECK_FAILED', message: error instanceof Error ? error.message : String(error) };
}
