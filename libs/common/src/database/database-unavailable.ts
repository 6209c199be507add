import { CannotExecuteNotConnectedError, ConnectionIsNotSetError, QueryFailedError } from 'typeorm';
import { DomainError } from '../errors/domain-error.js';

/**
 * Postgres SQLSTATEs of a database that cannot serve now, not of a statement that is wrong:
 * class 08 (connection exception), 53 (insufficient resources: too many connections, out of memory
 * or disk), 57P01–57P05 (shut down by an administrator or a crash, not accepting connections yet,
 * idle-session timeout).
 */
const POSTGRES_UNAVAILABLE = /^(08...|53...|57P0[1-5])$/;

/** better-sqlite3's codes of a database file that another connection holds or that cannot be opened. */
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|CANTOPEN)(_|$)/;

/** Node's socket codes when the database's address does not answer or the connection broke. */
const SOCKET_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Errors without a code that say the same: node-postgres' (a pool that found no free connection in
 * time, a connection that ended under a query, a client that already broke), TypeORM's Postgres driver
 * once its pool is closed, better-sqlite3's once its file is closed (a process shutting down).
 */
const UNAVAILABLE_MESSAGES = [
  /^timeout exceeded when trying to connect$/,
  /^Connection terminated/,
  /is not queryable$/,
  /^Driver not Connected$/,
  /^The database connection is not open$/,
];

/**
 * Whether an error says the database is unavailable (down, restarting, out of connections, locked),
 * as opposed to a statement it refused. Such a request is worth repeating shortly, so it is answered
 * 503 with `Retry-After`, not 500. TypeORM passes a failed connection's error as it is and wraps a
 * failed query's in `QueryFailedError` (`driverError`); both are looked at.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const candidates = error instanceof QueryFailedError ? [error, error.driverError as unknown] : [error];
  return candidates.some(describesUnavailability);
}

function describesUnavailability(candidate: unknown): boolean {
  // Looked at by shape, not `instanceof Error`: a socket's error comes from Node's own realm.
  if (typeof candidate !== 'object' || candidate === null) return false;
  // TypeORM's errors for a data source that is not (or no longer) connected: start-up, shutdown.
  if (candidate instanceof CannotExecuteNotConnectedError || candidate instanceof ConnectionIsNotSetError) return true;
  const { code, message } = candidate as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    return POSTGRES_UNAVAILABLE.test(code) || SQLITE_UNAVAILABLE.test(code) || SOCKET_UNAVAILABLE.has(code);
  }
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}

/** Seconds a client is asked to wait (`Retry-After`) before repeating a request the database could not serve. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The coded form of a database that cannot serve now: 503, worth repeating after `DATABASE_RETRY_AFTER_SECONDS`. */
export class DatabaseUnavailableError extends DomainError {
  declare readonly code: 'DATABASE_UNAVAILABLE';

  constructor(cause: unknown) {
    super('DATABASE_UNAVAILABLE', 'unavailable', 'The database is unavailable; repeat the request shortly', [], { cause });
  }
}
