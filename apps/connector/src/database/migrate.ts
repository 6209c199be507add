import 'reflect-metadata';
import { buildDataSourceOptions, createDataSource, describeDatabaseTarget } from '#common';
import { loadConnectorConfig } from '../config/connector.config.js';
import { connectorEntities } from './entities.js';
import { connectorMigrations } from './migrations/index.js';

/**
 * `npm run migration:run`: applies pending committed migrations to DATABASE_URL and exits, for
 * deployments that start the connector with DATABASE_RUN_MIGRATIONS=false.
 */
async function migrate(): Promise<void> {
  const config = loadConnectorConfig();
  const dataSource = createDataSource(
    buildDataSourceOptions({
      target: config.databaseUrl,
      dataDir: config.dataDir,
      runMigrations: false,
      entities: connectorEntities,
      migrations: connectorMigrations,
    }),
  );
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const where = describeDatabaseTarget(config.databaseUrl, config.dataDir);
    process.stdout.write(applied.length ? `applied to ${where}: ${applied.map((m) => m.name).join(', ')}\n` : `${where} is up to date\n`);
  } finally {
    await dataSource.destroy();
  }
}

migrate().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
