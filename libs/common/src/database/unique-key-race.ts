import { QueryFailedError } from 'typeorm';

/** Postgres' unique_violation; better-sqlite3's codes for a unique index and a primary key. */
const UNIQUE_VIOLATION_CODES = new Set(['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/** Whether the database refused a write because another row already holds its unique key. */
export function isUniqueViolation(error: unknown): error is QueryFailedError {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && UNIQUE_VIOLATION_CODES.has(code);
}

/**
 * Runs `insert`; when it lost a race on a unique key (another writer inserted the same key between
 * our read and our write), runs `onLost` instead, which typically reads the winner's row to update
 * or answer it, and gets the violation to throw should the winner not be there after all. Any other
 * error (a NOT NULL, a missing column, a database that is down) is thrown as it is: it is no race.
 * Not for use inside a transaction (Postgres aborts the transaction at the failed statement).
 */
export async function insertOrLoseRace<T>(insert: () => Promise<T>, onLost: (violation: QueryFailedError) => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return onLost(error);
  }
}

/**
 * Runs a read-then-write once more when its write lost a race on a unique key: the second run reads
 * the winner's row and updates it, or refuses as the domain says (ADR 0014). Any other error, or a
 * second loss, is thrown. `insertOrLoseRace` with the same work on both sides.
 */
export function settledOnUniqueKey<T>(readThenWrite: () => Promise<T>): Promise<T> {
  return insertOrLoseRace(readThenWrite, readThenWrite);
}
