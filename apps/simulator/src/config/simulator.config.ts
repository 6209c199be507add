import { env, httpConfigShape, loadConfig, type ConfigValues } from '#common';
import { anymarketSimulatorConfigShape } from '../anymarket/anymarket-simulator.config.js';
import { marketplacerSimulatorConfigShape } from '../marketplacer/marketplacer-simulator.config.js';

/** Every variable the simulator reads (the README lists them). */
export const simulatorConfigShape = {
  port: env.integer({ name: 'SIMULATOR_PORT', description: 'HTTP port of the bundled simulator', default: 3001, min: 1, max: 65535 }),
  ...httpConfigShape,
  ...marketplacerSimulatorConfigShape,
  ...anymarketSimulatorConfigShape,
};

export type SimulatorConfig = ConfigValues<typeof simulatorConfigShape>;

export function loadSimulatorConfig(source: NodeJS.ProcessEnv = process.env): SimulatorConfig {
  return loadConfig(simulatorConfigShape, source);
}
