import type { EntityManager } from 'typeorm';
import { sqliteBinding } from './sqlite-bound-numbers.js';

/**
 * What a hand-built statement (insertRows, updateRowById, a store's own SQL on a hot path) needs from
 * the driver: its placeholders and its bindings. Postgres numbers its placeholders (`$1`); SQLite's are
 * positional (`?`), so a statement binds its values in the order they appear in its text.
 */
export interface StatementDialect {
  postgres: boolean;
  /** The placeholder of the `n`th value (1-based). */
  placeholder(n: number): string;
  /** `value` as the driver binds it here (undefined: NULL; a whole number on SQLite: an INTEGER, sqliteBinding). */
  bind(value: unknown): unknown;
}

const POSTGRES: StatementDialect = { postgres: true, placeholder: (n) => `$${n}`, bind: (value) => (value === undefined ? null : value) };
const SQLITE: StatementDialect = { postgres: false, placeholder: () => '?', bind: (value) => (value === undefined ? null : sqliteBinding(value)) };

/** The dialect of the manager's database (Postgres, or SQLite for every other driver this connector runs on). */
export function statementDialect(manager: EntityManager): StatementDialect {
  return manager.connection.driver.options.type === 'postgres' ? POSTGRES : SQLITE;
}

/** An identifier quoted for both databases. */
export function quoteIdentifier(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
