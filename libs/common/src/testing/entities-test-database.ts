import { tmpdir } from 'node:os';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../database/create-data-source.js';
import { buildDataSourceOptions, type DataSourceInputs } from '../database/data-source-options.js';
import { createTestDatabase } from './test-databases.js';

export interface EntitiesTestDatabase {
  dataSource: DataSource;
  /** Destroys the data source and drops the database. */
  close(): Promise<void>;
}

/**
 * A fresh database of `kind` holding only `entities`' tables (synchronized, no migrations), behind the
 * connector's own data source (createDataSource: SQLite's connection taken in turns), for a spec of
 * database mechanics on both databases.
 */
export async function openEntitiesTestDatabase(kind: 'sqlite' | 'postgres', entities: DataSourceInputs['entities']): Promise<EntitiesTestDatabase> {
  const database = await createTestDatabase(kind, tmpdir());
  const dataSource = createDataSource(buildDataSourceOptions({ target: database.target, dataDir: tmpdir(), runMigrations: false, entities, migrations: [] }));
  try {
    await dataSource.initialize();
    await dataSource.synchronize();
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.drop();
    throw error;
  }
  return {
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
}
