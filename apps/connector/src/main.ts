import 'reflect-metadata';
import { describeDatabaseTarget } from '#common';
import { createConnectorApp } from './bootstrap.js';
import { loadConnectorConfig, type ConnectorConfig } from './config/connector.config.js';

async function main(): Promise<void> {
  let config: ConnectorConfig;
  try {
    config = loadConnectorConfig();
  } catch (error) {
    // One clear line naming the variable, then a non-zero exit: nothing else has started yet.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(78);
  }
  const { app, logger, generatedAdminToken } = await createConnectorApp(config);
  await app.listen(config.port, config.host);
  const baseUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  if (config.demoMode) {
    logger.warn(
      { simulatorUrl: config.simulatorUrl },
      'DEMO MODE: Marketplacer and ANYMARKET are the bundled simulator; set MARKETPLACER_API_URL for a real instance',
    );
  }
  logger.info(
    { url: baseUrl, docs: `${baseUrl}/docs`, database: describeDatabaseTarget(config.databaseUrl, config.dataDir) },
    `connector listening; Swagger UI at ${baseUrl}/docs`,
  );
  if (generatedAdminToken) {
    // Printed once, on purpose: there is no configured credential, and the admin needs this one.
    process.stdout.write(
      `\nADMIN_TOKEN was not set; this run's admin bearer credential is:\n\n    ${generatedAdminToken}\n\nUse it as "Authorization: Bearer <token>" (Swagger UI: Authorize → admin).\n\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`connector failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
