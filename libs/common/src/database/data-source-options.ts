import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import pg from 'pg';
import type { DatabaseTarget } from './database-url.js';
import { fromUtcWallClock } from './timestamp-column.js';

export interface DataSourceInputs {
  target: DatabaseTarget;
  dataDir: string;
  runMigrations: boolean;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
}

/** TypeORM options for SQLite (default, file under DATA_DIR, created if missing) or Postgres. `synchronize` is always off. */
export function buildDataSourceOptions(inputs: DataSourceInputs): DataSourceOptions {
  const common = {
    entities: inputs.entities,
    migrations: inputs.migrations,
    migrationsRun: inputs.runMigrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
  } as const;
  if (inputs.target.type === 'postgres') {
    pinPostgresTimestampsToUtc();
    return {
      ...common,
      type: 'postgres',
      url: inputs.target.url,
      extra: { max: 10, connectionTimeoutMillis: 5000, options: '-c TimeZone=UTC' },
    };
  }
  const file = inputs.target.path ?? resolve(inputs.dataDir, 'connector.sqlite');
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: file,
    // WAL lets the health check and readers run beside a writer; busy_timeout waits instead of failing.
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}

const PG_TIMESTAMP_WITHOUT_TIME_ZONE = 1114;

/**
 * Entities' Date columns are `timestamp` (TypeORM's Postgres default, the same metadata on both
 * databases). So that they hold UTC whatever the process's time zone, the pg client sends Dates as
 * UTC and reads `timestamp` values back as UTC. Process-wide and idempotent.
 */
export function pinPostgresTimestampsToUtc(): void {
  pg.defaults.parseInputDatesAsUTC = true;
  pg.types.setTypeParser(PG_TIMESTAMP_WITHOUT_TIME_ZONE, fromUtcWallClock);
}
