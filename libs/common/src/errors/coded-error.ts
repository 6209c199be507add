import { HttpException } from '@nestjs/common';
import { DatabaseUnavailableError, isDatabaseUnavailable } from '../database/database-unavailable.js';
import { DomainError } from './domain-error.js';
import { STATUS_BY_KIND } from './http-status.js';

/**
 * The coded error a failure is: a domain error as it is, an infrastructure failure that has a code
 * (a database that cannot serve now) as that code, anything else `undefined` (an unexpected error).
 * Every place that turns failures into statuses (the exception filter, the admin audit trail, the
 * console's actions) asks this one function first.
 */
export function codedErrorOf(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  if (isDatabaseUnavailable(error)) return new DatabaseUnavailableError(error);
  return undefined;
}

/** How a failure is recorded where it is not answered by the exception filter (the admin audit trail, the console's actions). */
export interface FailureOutcome {
  statusCode: number;
  errorCode: string;
  /** The error's own message; none for an unexpected error (its message is for the log only). */
  message?: string;
}

/** A failure's status and code: a coded error's by its kind, an HTTP error's by its status, anything else 500 INTERNAL_ERROR. */
export function failureOutcomeOf(error: unknown): FailureOutcome {
  const coded = codedErrorOf(error);
  if (coded) return { statusCode: STATUS_BY_KIND[coded.kind], errorCode: coded.code, message: coded.message };
  if (error instanceof HttpException) return { statusCode: error.getStatus(), errorCode: `HTTP_${error.getStatus()}`, message: error.message };
  return { statusCode: 500, errorCode: 'INTERNAL_ERROR' };
}
