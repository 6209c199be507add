import { Column, type ColumnOptions } from 'typeorm';

/**
 * A UTC timestamp column that means the same on SQLite (`datetime`) and Postgres (`timestamp`,
 * pinned to UTC by the data source). Use it for every Date property, nullable ones included: with
 * `Date | null` TypeScript's metadata says Object, which TypeORM rejects.
 */
export const TimestampColumn = (options: Omit<ColumnOptions, 'type'> = {}): PropertyDecorator => Column({ ...options, type: Date });

/**
 * A stored timestamp read as raw text (`YYYY-MM-DD HH:MM:SS[.sss]`, UTC wall clock: what both databases
 * hold for a TimestampColumn) as a Date. Raw query results (aggregates) bypass the entity mapping.
 */
export function fromUtcWallClock(value: string): Date {
  return new Date(`${value.replace(' ', 'T')}Z`);
}
