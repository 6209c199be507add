/**
 * What kind of failure a coded domain error is. The global exception filter maps each kind to one HTTP
 * status; services never pick status codes themselves.
 */
export type ErrorKind =
  | 'invalid' // 400: the caller sent something malformed
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'too_large' // 413: the body is larger than the route reads
  | 'unsupported_media_type' // 415: the body is not in a format the route reads
  | 'unprocessable' // 422: well-formed, but the domain refuses it
  | 'rate_limited' // 429
  | 'upstream' // 502: a remote system (Marketplacer, ANYMARKET) failed or refused
  | 'unavailable'; // 503

export interface ErrorDetail {
  field: string;
  messages: string[];
}

/**
 * Base of every coded error. Subclasses per context (e.g. `MarketplacerError`) fix the code set;
 * `code` is stable and machine-readable, `message` is for humans, `details` carry field messages.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details: ErrorDetail[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string | number) {
    super('NOT_FOUND', 'not_found', `${what} ${id} was not found`);
  }
}

/** The 400 of a request whose fields are malformed: one detail per offending field. */
export class ValidationFailedError extends DomainError {
  constructor(details: ErrorDetail[]) {
    super('VALIDATION_FAILED', 'invalid', 'The request is invalid', details);
  }
}

export class InvalidInputError extends DomainError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super('INVALID_INPUT', 'invalid', message, details);
  }
}
