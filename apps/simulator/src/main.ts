import 'reflect-metadata';
import { ensurePortFree, PortUnavailableError, refuseStart, stopOnSignals } from '#common';
import { createSimulatorApp } from './bootstrap.js';
import { loadSimulatorConfig, type SimulatorConfig } from './config/simulator.config.js';

async function main(): Promise<void> {
  let config: SimulatorConfig;
  try {
    config = loadSimulatorConfig();
  } catch (error) {
    refuseStart(error);
  }
  await ensurePortFree(config.port, config.host, 'SIMULATOR_PORT').catch((error: unknown) => {
    if (error instanceof PortUnavailableError) refuseStart(error);
    throw error;
  });
  const { app, logger } = await createSimulatorApp(config);
  stopOnSignals(app, logger, 'simulator');
  await app.listen(config.port, config.host);
  logger.info({ port: config.port }, `simulator listening on port ${config.port}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`simulator failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
