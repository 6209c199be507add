import { DatabaseUnavailableError, isDatabaseUnavailable } from '../database/database-unavailable.js';
import { DomainError } from './domain-error.js';

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
