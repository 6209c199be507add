import { Logger } from '@nestjs/common';
import { PerKeyRateLimiter } from '#common';
import { MarketplacerError } from '../errors/marketplacer-error.js';
import type { MarketplacerConnection } from '../marketplacer-connection.js';
import { authHeaders } from './auth-headers.js';
import { fullJitterBackoff, rateLimitedWait } from './backoff.js';
import { parseRetryAfter } from './retry-after.js';
import type { Timing } from './timing.js';

export type Fetch = typeof fetch;

/** One client per API key: its limiter has a single bucket. */
const RATE_LIMIT_KEY = 'api-key';

export interface ResilientFetchOptions {
  connection: MarketplacerConnection;
  timing: Timing;
  /** The transport underneath (global fetch unless a test swaps it). */
  fetch?: Fetch;
  logger?: Pick<Logger, 'warn'>;
}

type Attempt =
  { kind: 'answered'; status: number; statusText: string; headers: Headers; body: Uint8Array } | { kind: 'failed'; timedOut: boolean; error: unknown };

/** Fetch option (Apollo `context.fetchOptions`) marking a request that must not be repeated blindly. */
export const ONLY_SAFE_RETRIES = 'marketplacerOnlySafeRetries';

/** Connection errors that mean the request never reached Marketplacer. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * The `fetch` Apollo's HttpLink calls: it adds the credentials, waits for the client-side rate
 * limiter, bounds every attempt with a timeout and retries what is worth retrying.
 *  - 429: wait `Retry-After`, else the default wait (60 s), doubled on each further one;
 *  - 503: wait `Retry-After`, else as other 5xx;
 *  - other 5xx, network errors, timeouts: exponential backoff with full jitter (seconds);
 *  - 401: authentication error, never retried; any other 4xx: not retried.
 * After MAX_ATTEMPTS, or on a non-retryable answer, it throws a coded MarketplacerError.
 *
 * A request whose repeat could do the work twice (a create) passes `{ [ONLY_SAFE_RETRIES]: true }` in
 * its fetch options: it is repeated only when Marketplacer cannot have acted on it (429/503, a
 * connection that was never made). After a timeout, a dropped connection or another 5xx the outcome
 * is unknown, so it fails at once and its caller decides (e.g. looks the created record up).
 */
export function createResilientFetch(options: ResilientFetchOptions): Fetch {
  const { connection, timing } = options;
  const transport = options.fetch ?? globalThis.fetch;
  const logger = options.logger ?? new Logger('MarketplacerClient');
  // A slot is reused one window after its request's answer, not its sending: Marketplacer counts
  // arrivals, so whatever the latency, it never sees more than the limit in its window.
  const limiter = new PerKeyRateLimiter(connection.rateLimit, connection.rateWindowMs, timing);
  const credentials = authHeaders(connection);

  async function send(input: string | URL | Request, init: RequestInit = {}): Promise<Attempt> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), connection.timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout.signal]) : timeout.signal;
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(credentials)) headers.set(name, value);
    try {
      const response = await transport(input, { ...init, headers, signal });
      // The body is read inside the time limit too, so a stalled answer cannot hang the caller. Bytes,
      // not text: Apollo decodes the answer itself, and only error messages need it as text.
      const body = new Uint8Array(await response.arrayBuffer());
      return { kind: 'answered', status: response.status, statusText: response.statusText, headers: response.headers, body };
    } catch (error) {
      if (init.signal?.aborted) throw error;
      return { kind: 'failed', timedOut: timeout.signal.aborted, error };
    } finally {
      clearTimeout(timer);
    }
  }

  return async function marketplacerFetch(input, options) {
    const { [ONLY_SAFE_RETRIES]: onlySafeRetries, ...init } = (options ?? {}) as RequestInit & { [ONLY_SAFE_RETRIES]?: boolean };
    const operation = operationNameOf(init.body);
    let rateLimited = 0;
    let failures = 0;
    for (let attempt = 1; ; attempt += 1) {
      const release = await limiter.acquire(RATE_LIMIT_KEY);
      let result: Attempt;
      try {
        result = await send(input, init);
      } finally {
        release();
      }
      const last = attempt >= connection.maxAttempts;

      if (result.kind === 'failed') {
        failures += 1;
        const what = result.timedOut ? `timed out after ${connection.timeoutMs} ms` : `failed (${describe(result.error)})`;
        const unknownOutcome = onlySafeRetries && (result.timedOut || !NOT_SENT_CODES.has(errorCodeOf(result.error)));
        if (last || unknownOutcome) {
          throw new MarketplacerError(
            result.timedOut ? 'MARKETPLACER_TIMEOUT' : 'MARKETPLACER_UNAVAILABLE',
            unknownOutcome
              ? `Marketplacer request ${operation} ${what}; it may have been applied, so it was not repeated`
              : `Marketplacer request ${operation} ${what}; gave up after ${attempt} attempt(s)`,
            [],
            { cause: result.error },
          );
        }
        const waitMs = fullJitterBackoff(failures, connection.retryBaseMs, timing.random);
        logger.warn({ msg: 'Marketplacer request failed; retrying', operation, attempt, reason: what, waitMs });
        await timing.sleep(waitMs);
        continue;
      }

      const { status } = result;
      if (status < 400) return toResponse(result);
      if (status === 401) {
        throw new MarketplacerError(
          'MARKETPLACER_AUTHENTICATION_FAILED',
          `Marketplacer refused the credentials (HTTP 401: ${snippet(result.body) || result.statusText}); check MARKETPLACER_API_KEY${connection.basicAuth ? ' and MARKETPLACER_BASIC_AUTH_*' : ''}`,
        );
      }
      if (status === 429 || status === 503) {
        if (last) {
          throw new MarketplacerError(
            status === 429 ? 'MARKETPLACER_RATE_LIMITED' : 'MARKETPLACER_UNAVAILABLE',
            `Marketplacer answered HTTP ${status} to ${operation}; gave up after ${attempt} attempt(s)`,
          );
        }
        // A 429 is the rate limit: without Retry-After, Marketplacer asks for a long wait. A 503
        // without one is a transient server fault (nothing was applied): seconds, as other 5xx.
        const retryAfter = parseRetryAfter(result.headers.get('retry-after'), timing.now());
        let waitMs: number;
        if (status === 429) {
          waitMs = retryAfter ?? rateLimitedWait(rateLimited, connection.rateLimitDefaultWaitMs);
          rateLimited += 1;
        } else {
          failures += 1;
          waitMs = retryAfter ?? fullJitterBackoff(failures, connection.retryBaseMs, timing.random);
        }
        logger.warn({
          msg: status === 429 ? 'Marketplacer asked to slow down; waiting' : 'Marketplacer is unavailable; retrying',
          operation,
          attempt,
          status,
          waitMs,
        });
        await timing.sleep(waitMs);
        continue;
      }
      if (status >= 500) {
        failures += 1;
        if (onlySafeRetries) {
          throw new MarketplacerError(
            'MARKETPLACER_UNAVAILABLE',
            `Marketplacer answered HTTP ${status} to ${operation}; it may have been applied, so it was not repeated`,
          );
        }
        if (last) {
          throw new MarketplacerError('MARKETPLACER_UNAVAILABLE', `Marketplacer answered HTTP ${status} to ${operation}; gave up after ${attempt} attempt(s)`);
        }
        const waitMs = fullJitterBackoff(failures, connection.retryBaseMs, timing.random);
        logger.warn({ msg: 'Marketplacer server error; retrying', operation, attempt, status, waitMs });
        await timing.sleep(waitMs);
        continue;
      }
      throw new MarketplacerError(
        'MARKETPLACER_REQUEST_REJECTED',
        `Marketplacer answered HTTP ${status} to ${operation}: ${snippet(result.body) || result.statusText}`,
      );
    }
  };
}

function toResponse(answer: Extract<Attempt, { kind: 'answered' }>): Response {
  const empty = answer.status === 204 || answer.status === 205 || answer.status === 304;
  return new Response(empty ? null : answer.body, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
}

function operationNameOf(body: unknown): string {
  if (typeof body !== 'string') return 'operation';
  try {
    const name = (JSON.parse(body) as { operationName?: unknown }).operationName;
    return typeof name === 'string' && name ? name : 'operation';
  } catch {
    return 'operation';
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
