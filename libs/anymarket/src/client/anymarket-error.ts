import { DomainError, type ErrorKind } from '#common';

export type AnymarketErrorCode =
  'ANYMARKET_NOT_FOUND' | 'ANYMARKET_REJECTED' | 'ANYMARKET_AUTHENTICATION_FAILED' | 'ANYMARKET_RATE_LIMITED' | 'ANYMARKET_UNAVAILABLE' | 'ANYMARKET_TIMEOUT';

const KIND_BY_CODE: Record<AnymarketErrorCode, ErrorKind> = {
  ANYMARKET_NOT_FOUND: 'not_found',
  ANYMARKET_REJECTED: 'unprocessable',
  // ANYMARKET refusing our appId or the seller's token is not the connector caller's fault.
  ANYMARKET_AUTHENTICATION_FAILED: 'upstream',
  ANYMARKET_RATE_LIMITED: 'rate_limited',
  ANYMARKET_UNAVAILABLE: 'upstream',
  ANYMARKET_TIMEOUT: 'upstream',
};

/** A marketplace-API call that failed for good (after the retries), with ANYMARKET's own message. */
export class AnymarketError extends DomainError {
  constructor(
    override readonly code: AnymarketErrorCode,
    message: string,
    readonly failure: {
      /** The port method, e.g. `createOrder`. */
      operation: string;
      /** HTTP status ANYMARKET answered, when it answered. */
      status?: number;
      /** `code` and `message` of ANYMARKET's `{code, message}` body, when there was one. */
      anymarketCode?: string;
      anymarketMessage?: string;
    },
    options?: { cause?: unknown },
  ) {
    super(code, KIND_BY_CODE[code], message, [], options);
  }
}

const DUPLICATE_ORDER = /j[áa] existe um pedido com (o )?id/i;

/**
 * ANYMARKET answers `POST /orders` for a `marketPlaceId` it already has with 400 "Erro ao criar o
 * pedido. Já existe um pedido com id [..]." Creating an order is then done: callers treat it as success.
 */
export function isDuplicateOrderError(error: unknown): error is AnymarketError {
  return (
    error instanceof AnymarketError &&
    error.code === 'ANYMARKET_REJECTED' &&
    error.failure.status === 400 &&
    DUPLICATE_ORDER.test(error.failure.anymarketMessage ?? '')
  );
}
