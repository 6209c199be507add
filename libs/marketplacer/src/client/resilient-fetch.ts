import { Logger } from '@nestjs/common';
import {
  AttemptFailure,
  RemoteCallPolicy,
  type ErrorDetail,
  type GiveUpReason,
  type RemoteActivity,
  type RemoteBudget,
  type RemoteCall,
  type Timing,
} from '#common';
import { MarketplacerError } from '../errors/marketplacer-error.js';
import type { MarketplacerConnection } from '../marketplacer-connection.js';
import { authHeaders } from './auth-headers.js';

export type Fetch = typeof fetch;

/** The longest single backoff after a 5xx or network error, whatever MARKETPLACER_RETRY_BASE_MS says. */
export const MAX_BACKOFF_MS = 60_000;
/** The longest wait a `Retry-After` (or the doubling wait after 429s) may impose on one attempt. */
export const MAX_RETRY_AFTER_MS = 600_000;

export interface ResilientFetchOptions {
  connection: MarketplacerConnection;
  timing: Timing;
  /** The API key's request budget (shared by every replica on Postgres). */
  budget: RemoteBudget;
  /** The transport underneath (global fetch unless a test swaps it). */
  fetch?: Fetch;
  logger?: Pick<Logger, 'warn'>;
  /** Where attempts and circuit changes are reported (metrics, readiness). */
  activity?: RemoteActivity;
}

interface Answer {
  status: number;
  statusText: string;
  headers: Headers;
  body: Uint8Array;
}

/** What the client knows about a failed attempt, to word its error once the policy gives up. */
type FailedAttempt = { kind: 'answered'; answer: Answer } | { kind: 'failed'; timedOut: boolean; error: unknown };

/** Fetch option (Apollo `context.fetchOptions`) marking a request that must not be repeated blindly. */
export const ONLY_SAFE_RETRIES = 'marketplacerOnlySafeRetries';

/** Connection errors that mean the request never reached Marketplacer. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * The `fetch` Apollo's HttpLink calls: it adds the credentials and the flow's `traceparent`, and sends each request through the
 * one RemoteCallPolicy (budget slot, circuit breaker, timeout, retries):
 *  - 429: wait `Retry-After`, else the default wait (60 s), doubled on each further one;
 *  - 503: wait `Retry-After`, else as other 5xx;
 *  - other 5xx, network errors, timeouts: exponential backoff with full jitter (seconds);
 *  - 401: authentication error, never retried; any other 4xx: not retried.
 * After MAX_ATTEMPTS, or on a non-retryable answer, it throws a coded MarketplacerError; while the
 * circuit is open (Marketplacer down) it fails at once with MARKETPLACER_UNAVAILABLE.
 *
 * A request whose repeat could do the work twice (a create) passes `{ [ONLY_SAFE_RETRIES]: true }` in
 * its fetch options: it is repeated only when Marketplacer cannot have acted on it (429/503, a
 * connection that was never made). After a timeout, a dropped connection or another 5xx the outcome
 * is unknown, so it fails at once and its caller decides (e.g. looks the created record up).
 */
export function createResilientFetch(options: ResilientFetchOptions): Fetch {
  const { connection, timing } = options;
  const transport = options.fetch ?? globalThis.fetch;
  const credentials = authHeaders(connection);
  const policy = new RemoteCallPolicy<FailedAttempt>({
    remote: 'Marketplacer',
    maxAttempts: connection.maxAttempts,
    retryBaseMs: connection.retryBaseMs,
    maxBackoffMs: MAX_BACKOFF_MS,
    maxRetryAfterMs: MAX_RETRY_AFTER_MS,
    rateLimitedWaitMs: connection.rateLimitDefaultWaitMs,
    timeoutMs: connection.timeoutMs,
    breaker: { consecutiveFailures: connection.breakerFailures, halfOpenAfterMs: connection.breakerCooldownMs },
    budget: options.budget,
    timing,
    logger: options.logger ?? new Logger('MarketplacerClient'),
    errors: { gaveUp: (failure, reason, attempts, call) => gaveUp(failure, reason, attempts, call, connection), circuitOpen, budgetRefused },
    activity: options.activity && { report: options.activity, remote: 'marketplacer', policyId: connection.endpoint },
  });

  async function send(input: string | URL | Request, init: RequestInit, signal: AbortSignal, timedOut: () => boolean, traceparent: string): Promise<Answer> {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(credentials)) headers.set(name, value);
    // The flow's trace, with this attempt's span as the parent of whatever Marketplacer records.
    headers.set('traceparent', traceparent);
    let answer: Answer;
    try {
      const response = await transport(input, { ...init, headers, signal });
      // The body is read inside the time limit too, so a stalled answer cannot hang the caller. Bytes,
      // not text: Apollo decodes the answer itself, and only error messages need it as text.
      const body = new Uint8Array(await response.arrayBuffer());
      answer = { status: response.status, statusText: response.statusText, headers: response.headers, body };
    } catch (error) {
      if (init.signal?.aborted) throw error;
      const failed: FailedAttempt = { kind: 'failed', timedOut: timedOut(), error };
      // A connection never made cannot have been applied; a timeout or a dropped connection may have been.
      const neverSent = !failed.timedOut && NOT_SENT_CODES.has(errorCodeOf(error));
      throw new AttemptFailure(neverSent ? 'not-applied' : 'unknown', failed, { outage: true }, failureText(failed, connection));
    }
    return checked(answer);
  }

  return async function marketplacerFetch(input, options) {
    const { [ONLY_SAFE_RETRIES]: onlySafeRetries, ...init } = (options ?? {}) as RequestInit & { [ONLY_SAFE_RETRIES]?: boolean };
    const { operation, operationClass } = operationOf(init.body);
    const call: RemoteCall = { operation, operationClass, budgetKey: connection.apiKey, onlySafeRetries, signal: init.signal ?? undefined };
    const answer = await policy.execute(call, ({ signal, timedOut, traceparent }) => send(input, init, signal, timedOut, traceparent));
    return toResponse(answer);
  };
}

/** An answer below 400 passes; anything else becomes the AttemptFailure that tells the policy what to do. */
function checked(answer: Answer): Answer {
  const { status } = answer;
  if (status < 400) return answer;
  const failed: FailedAttempt = { kind: 'answered', answer };
  const retryAfter = answer.headers.get('retry-after');
  const said = `HTTP ${status}`;
  // 429 and 503 mean Marketplacer did not act on the request; a 503 is also an outage, a 429 is not.
  if (status === 429) throw new AttemptFailure('not-applied', failed, { rateLimited: true, retryAfter, status }, said);
  if (status === 503) throw new AttemptFailure('not-applied', failed, { outage: true, retryAfter, status }, said);
  if (status >= 500) throw new AttemptFailure('unknown', failed, { outage: true, status }, said);
  throw new AttemptFailure('final', failed, { status }, said);
}

function gaveUp(
  failure: AttemptFailure<FailedAttempt>,
  reason: GiveUpReason,
  attempts: number,
  call: RemoteCall,
  connection: MarketplacerConnection,
): MarketplacerError {
  const { operation } = call;
  const ending = reason === 'may-have-been-applied' ? 'it may have been applied, so it was not repeated' : `gave up after ${attempts} attempt(s)`;
  const failed = failure.detail;
  if (failed.kind === 'failed') {
    const what = failureText(failed, connection);
    return new MarketplacerError(
      failed.timedOut ? 'MARKETPLACER_TIMEOUT' : 'MARKETPLACER_UNAVAILABLE',
      `Marketplacer request ${operation} ${what}; ${ending}`,
      [],
      {
        cause: failed.error,
      },
    );
  }
  const { status, statusText, body } = failed.answer;
  if (status === 401) {
    return new MarketplacerError(
      'MARKETPLACER_AUTHENTICATION_FAILED',
      `Marketplacer refused the credentials (HTTP 401: ${snippet(body) || statusText}); check MARKETPLACER_API_KEY${connection.basicAuth ? ' and MARKETPLACER_BASIC_AUTH_*' : ''}`,
    );
  }
  if (status < 500 && status !== 429) {
    return new MarketplacerError(
      'MARKETPLACER_REQUEST_REJECTED',
      `Marketplacer answered HTTP ${status} to ${operation}: ${snippet(body) || statusText}`,
      graphQLErrorsIn(body),
    );
  }
  return new MarketplacerError(
    status === 429 ? 'MARKETPLACER_RATE_LIMITED' : 'MARKETPLACER_UNAVAILABLE',
    `Marketplacer answered HTTP ${status} to ${operation}; ${ending}`,
  );
}

function circuitOpen(call: RemoteCall, cause: Error): MarketplacerError {
  return new MarketplacerError(
    'MARKETPLACER_UNAVAILABLE',
    `Marketplacer request ${call.operation} was not sent: Marketplacer keeps failing, so calls fail fast until a probe succeeds (circuit open)`,
    [],
    { cause },
  );
}

function budgetRefused(call: RemoteCall, cause: Error & { code: string }): MarketplacerError {
  const code = cause.code === 'REMOTE_BUDGET_WAIT_EXCEEDED' ? 'MARKETPLACER_RATE_LIMITED' : 'MARKETPLACER_UNAVAILABLE';
  return new MarketplacerError(code, `Marketplacer request ${call.operation}: ${cause.message}`, [], { cause });
}

function failureText(failed: Extract<FailedAttempt, { kind: 'failed' }>, connection: MarketplacerConnection): string {
  return failed.timedOut ? `timed out after ${connection.timeoutMs} ms` : `failed (${describe(failed.error)})`;
}

function toResponse(answer: Answer): Response {
  const empty = answer.status === 204 || answer.status === 205 || answer.status === 304;
  return new Response(empty ? null : answer.body, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
}

function operationOf(body: unknown): Pick<RemoteCall, 'operation' | 'operationClass'> {
  const unnamed = { operation: 'operation', operationClass: 'read' } as const;
  if (typeof body !== 'string') return unnamed;
  try {
    const { operationName, query } = JSON.parse(body) as { operationName?: unknown; query?: unknown };
    const operation = typeof operationName === 'string' && operationName ? operationName : 'operation';
    return { operation, operationClass: typeof query === 'string' && /^\s*mutation\b/.test(query) ? 'write' : 'read' };
  } catch {
    return unnamed;
  }
}

/**
 * The GraphQL errors a 4xx body carries (servers that answer a document their schema refuses with a
 * 400), one detail each: its extension code (or `graphql`) and its message. None when it is not such a body.
 */
function graphQLErrorsIn(bytes: Uint8Array): ErrorDetail[] {
  try {
    const { errors } = JSON.parse(new TextDecoder().decode(bytes)) as { errors?: unknown };
    if (!Array.isArray(errors)) return [];
    return errors
      .filter((error): error is { message: string; extensions?: { code?: unknown } } => typeof (error as { message?: unknown })?.message === 'string')
      .slice(0, 100)
      .map((error) => ({ field: typeof error.extensions?.code === 'string' ? error.extensions.code : 'graphql', messages: [error.message] }));
  } catch {
    return [];
  }
}

/** The start of an error body (Marketplacer answers e.g. "API Token has expired"), on one line. */
function snippet(bytes: Uint8Array): string {
  const body = new TextDecoder().decode(bytes.subarray(0, 4096));
  return body.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/**
 * The system error code of a failed fetch, or ''. undici puts it on the error's cause (an
 * AggregateError's first error when several addresses were tried). Duck-typed: errors may come
 * from another realm.
 */
function errorCodeOf(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const { code, cause, errors } = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') return code;
    current = cause ?? (Array.isArray(errors) ? errors[0] : undefined);
  }
  return '';
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
