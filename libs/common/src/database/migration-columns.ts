import type { QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * Column definitions that mean the same on SQLite and Postgres, for migrations written once for
 * both (entities leave the type to TypeORM, which picks the same ones). Timestamps are UTC wall
 * clock: `datetime` text on SQLite, `timestamp` on Postgres with the session and the pg client
 * pinned to UTC (see `pinPostgresTimestampsToUtc`).
 */
export function migrationColumns(queryRunner: QueryRunner) {
  const postgres = queryRunner.connection.options.type === 'postgres';
  return {
    id: (): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
    uuid: (name: string): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true }),
    timestamp: (name: string, nullable = false): TableColumnOptions => ({ name, type: postgres ? 'timestamp' : 'datetime', isNullable: nullable }),
    varchar: (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable }),
    text: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
    integer: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable }),
    boolean: (name: string, defaultValue: boolean): TableColumnOptions => ({
      name,
      type: 'boolean',
      default: postgres ? String(defaultValue) : defaultValue ? 1 : 0,
    }),
  };
}
