import type { AbstractSqliteDriver } from 'typeorm/driver/sqlite-abstract/AbstractSqliteDriver.js';

/**
 * TypeORM's SQLite driver writes every number parameter into the SQL text (`WHERE "id" = 42`,
 * `"attempts" = 1`: AbstractSqliteDriver.escapeQueryWithParameters), so a statement by id is new SQL
 * for every id. better-sqlite3 then prepares a statement per call; TypeORM's cache of 100 prepared
 * statements drops the oldest, and what a dropped statement holds in native memory is freed only when
 * V8 collects its small wrapper, which it has no reason to do soon. Under a webhook burst that was one
 * new statement per stored and per processed event: hundreds of MB of native heap, kept after the
 * burst (measured in bench/webhooks.bench.ts; ADR 0025).
 *
 * So whole numbers are bound instead, as BigInt: better-sqlite3 binds a BigInt as an SQLite INTEGER,
 * which compares and is stored exactly as the integer literal it replaces (a JS number would be bound
 * as a REAL: `5.0` in a TEXT column). Other numbers (fractions, unsafe integers) are still written
 * in, as TypeORM did. The SQL of a query then depends on its shape only, and its statement is reused.
 */
export function bindWholeNumbers(driver: AbstractSqliteDriver): void {
  const escape = driver.escapeQueryWithParameters.bind(driver);
  driver.escapeQueryWithParameters = (sql, parameters) => {
    if (!parameters) return escape(sql, parameters);
    const bound: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(parameters)) bound[key] = sqliteBinding(value);
    return escape(sql, bound);
  };
}

/** How a parameter is bound on SQLite: a safe integer as a BigInt (an INTEGER), anything else as it is. */
export function sqliteBinding(value: unknown): unknown {
  return typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : value;
}
