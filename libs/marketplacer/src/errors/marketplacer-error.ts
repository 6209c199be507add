import { DomainError, type ErrorDetail, type ErrorKind } from '#common';

/** Stable codes of everything that can go wrong when talking to Marketplacer. */
export const MARKETPLACER_ERROR_KINDS = {
  /** HTTP 401: API key missing, invalid or expired ("API Token has expired"), or Basic auth missing. Never retried. */
  MARKETPLACER_AUTHENTICATION_FAILED: 'upstream',
  /** Still HTTP 429 after every attempt. */
  MARKETPLACER_RATE_LIMITED: 'rate_limited',
  /** 5xx, 503 or network errors after every attempt. */
  MARKETPLACER_UNAVAILABLE: 'unavailable',
  /** The last attempt ran out of time (MARKETPLACER_TIMEOUT_MS). */
  MARKETPLACER_TIMEOUT: 'unavailable',
  /** Any other 4xx (not retried): the request itself is wrong, or the endpoint is. */
  MARKETPLACER_REQUEST_REJECTED: 'upstream',
  /** HTTP 200 with top-level `errors` (parse, validation, coercion, permission). */
  MARKETPLACER_GRAPHQL_ERROR: 'upstream',
  /**
   * HTTP 200 with top-level `errors` that all refuse a page cursor (graphql-ruby's and the simulator's
   * "Invalid cursor"): the `after` the caller passed is not one Marketplacer handed out. The caller's
   * mistake, so a 400 (ADR 0014), never Marketplacer's failure.
   */
  MARKETPLACER_CURSOR_REFUSED: 'invalid',
  /** HTTP 200, mutation payload `errors` non-empty: Marketplacer refused the data; details carry its messages verbatim. */
  MARKETPLACER_VALIDATION_FAILED: 'unprocessable',
  /** The record named in the request does not exist in Marketplacer. */
  MARKETPLACER_NOT_FOUND: 'not_found',
  /** An answer that breaks the contract (no payload, no object, not JSON, a cursor that does not move). */
  MARKETPLACER_UNEXPECTED_RESPONSE: 'upstream',
  /**
   * Not sent: the live schema refuses the operation document (the live contract check, or a refusal seen
   * earlier), so what needs it is off until the check passes. Details name the document and its problems.
   */
  MARKETPLACER_FEATURE_OFF: 'unavailable',
} as const satisfies Record<string, ErrorKind>;

export type MarketplacerErrorCode = keyof typeof MARKETPLACER_ERROR_KINDS;

export class MarketplacerError extends DomainError {
  declare readonly code: MarketplacerErrorCode;

  constructor(code: MarketplacerErrorCode, message: string, details: ErrorDetail[] = [], options?: { cause?: unknown }) {
    super(code, MARKETPLACER_ERROR_KINDS[code], message, details, options);
  }
}
