import { DomainError, type ErrorKind } from '../errors/domain-error.js';

/** Stable codes of a remote budget that could not grant a request. */
export const REMOTE_BUDGET_ERROR_KINDS = {
  /** The budget had no slot within the maximum wait (the request was not sent). */
  REMOTE_BUDGET_WAIT_EXCEEDED: 'rate_limited',
  /** The budget's store (Postgres) failed; the request was not sent. */
  REMOTE_BUDGET_STORE_FAILED: 'unavailable',
} as const satisfies Record<string, ErrorKind>;

export type RemoteBudgetErrorCode = keyof typeof REMOTE_BUDGET_ERROR_KINDS;

/** A request refused by its remote budget before it was sent; clients turn it into their own coded error. */
export class RemoteBudgetError extends DomainError {
  declare readonly code: RemoteBudgetErrorCode;

  constructor(code: RemoteBudgetErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, REMOTE_BUDGET_ERROR_KINDS[code], message, [], options);
  }
}
