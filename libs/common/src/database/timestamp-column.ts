import { Column, type ColumnOptions } from 'typeorm';

/**
 * A UTC timestamp column that means the same on SQLite (`datetime`) and Postgres (`timestamp`,
 * pinned to UTC by the data source). Use it for every Date property, nullable ones included: with
 * `Date | null` TypeScript's metadata says Object, which TypeORM rejects.
 */
export const TimestampColumn = (options: Omit<ColumnOptions, 'type'> = {}): PropertyDecorator => Column({ ...options, type: Date });
