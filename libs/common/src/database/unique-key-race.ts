import { QueryFailedError } from 'typeorm';

/** Postgres' unique_violation; better-sqlite3's codes for a unique index and a primary key. */
const UNIQUE_VIOLATION_CODES = new Set(['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/** Whether the database refused a write because another row already holds its unique key. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && UNIQUE_VIOLATION_CODES.has(code);
}

/**
 * Runs a read-then-write once more when its write lost a race on a unique key (another request
 * inserted the same key between the read and the write): the second run reads the winner's row and
 * updates it, or refuses as the domain says (ADR 0014). Any other error, or a second loss, is thrown.
 * Not for use inside a transaction (Postgres aborts the transaction at the failed statement).
 */
export async function settledOnUniqueKey<T>(readThenWrite: () => Promise<T>): Promise<T> {
  try {
    return await readThenWrite();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return readThenWrite();
  }
}
