import type { StatementDialect } from './statement-values.js';

/** The largest chunk: a 128-row insert of a wide table stays far under either database's limit of bound parameters. */
const LARGEST_CHUNK = 128;

/**
 * Splits `items` into chunks whose sizes are powers of two, largest first (at most LARGEST_CHUNK
 * each): 37 items are 32 + 4 + 1. A multi-row INSERT or an IN list per chunk then has one of eight
 * shapes whatever the number of items, so SQLite reuses eight prepared statements instead of
 * preparing one per count (and the statement cache keeps the others' statements: ADR 0025).
 */
export function inPowerOfTwoChunks<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  let start = 0;
  while (start < items.length) {
    const left = items.length - start;
    let size = LARGEST_CHUNK;
    while (size > left) size /= 2;
    chunks.push(items.slice(start, start + size));
    start += size;
  }
  return chunks;
}

/** Rows of one multi-row statement on Postgres: a 1,000-row insert of a 20-column table binds 20,000 values (Postgres allows 65,535). */
export const POSTGRES_CHUNK = 1_000;

/**
 * The chunks of a multi-row statement (an INSERT, an IN list) on the database of `dialect`. On SQLite,
 * power-of-two chunks (inPowerOfTwoChunks): its prepared statements are reused. On Postgres nothing is
 * prepared client-side and every statement is a round trip, so up to POSTGRES_CHUNK rows in one: a
 * webhook group of 26 deliveries is one INSERT there, not three (16 + 8 + 2).
 */
export function statementChunks<T>(items: readonly T[], dialect: Pick<StatementDialect, 'postgres'>): T[][] {
  if (!dialect.postgres) return inPowerOfTwoChunks(items);
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += POSTGRES_CHUNK) chunks.push(items.slice(start, start + POSTGRES_CHUNK));
  return chunks;
}
