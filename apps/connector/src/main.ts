import 'reflect-metadata';
import { describeDatabaseTarget, ensurePortFree, PortUnavailableError, refuseStart, stopOnSignals } from '#common';
import { createConnectorApp } from './bootstrap.js';
import { loadConnectorConfig, type ConnectorConfig } from './config/connector.config.js';
import { startupBanner } from './startup-banner.js';

async function main(): Promise<void> {
  let config: ConnectorConfig;
  try {
    config = loadConnectorConfig();
  } catch (error) {
    // One clear line naming the variable: nothing else has started yet.
    refuseStart(error);
  }
  // The port first: a second copy stops here, before it opens the database or schedules anything.
  await ensurePortFree(config.port, config.host, 'PORT').catch((error: unknown) => {
    if (error instanceof PortUnavailableError) refuseStart(error);
    throw error;
  });
  const { app, logger, adminCredential } = await createConnectorApp(config);
  stopOnSignals(app, logger, 'connector');
  await app.listen(config.port, config.host);
  const baseUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const database = describeDatabaseTarget(config.databaseUrl, config.dataDir);
  if (config.demoMode) {
    logger.warn(
      { simulatorUrl: config.simulatorUrl },
      'DEMO MODE: Marketplacer and ANYMARKET are the bundled simulator; set MARKETPLACER_API_URL for a real instance',
    );
  }
  logger.info({ url: baseUrl, docs: `${baseUrl}/docs`, database }, `connector listening; Swagger UI at ${baseUrl}/docs`);
  // Plain text, last, on purpose: the admin credential and the next step, not buried in the logs.
  process.stdout.write(startupBanner({ baseUrl, demoMode: config.demoMode, simulatorUrl: config.simulatorUrl, database, admin: adminCredential }));
}

main().catch((error: unknown) => {
  process.stderr.write(`connector failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
