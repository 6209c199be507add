import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { AdminCredential, configureHttpApp, CoreModule, createLogger, httpConfigShape, loadConfig } from '#common';
import { SIMULATED_ANYMARKET_API_PATH } from '#anymarket';
import { anymarketSimulatorConfigShape } from '../../../apps/simulator/src/anymarket/anymarket-simulator.config.js';
import { AnymarketSimulatorModule } from '../../../apps/simulator/src/anymarket/anymarket-simulator.module.js';
import type { SimulatedAnymarketCall } from '../../../apps/simulator/src/anymarket/anymarket-simulator.state.js';

export interface AnymarketSimulatorTestApp {
  app: NestExpressApplication;
  /** e.g. http://127.0.0.1:41234 (what SIMULATOR_URL would be). */
  url: string;
  /** The simulated marketplace API's base URL. */
  apiUrl: string;
  calls(): Promise<SimulatedAnymarketCall[]>;
  control(method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

/** Only the simulator's ANYMARKET half (with the shared HTTP set-up), listening on an ephemeral port. */
export async function startAnymarketSimulator(env: Record<string, string> = {}): Promise<AnymarketSimulatorTestApp> {
  const config = { ...loadConfig(httpConfigShape, { LOG_LEVEL: 'silent' }), ...loadConfig(anymarketSimulatorConfigShape, env) };
  const module = await Test.createTestingModule({
    imports: [CoreModule.forRoot({ config, adminCredential: AdminCredential.fromConfig(undefined).credential }), AnymarketSimulatorModule],
  }).compile();
  const app = module.createNestApplication<NestExpressApplication>({ logger: false, bodyParser: false });
  configureHttpApp(app, { title: 'test', description: 'test', version: '0', bodyLimit: config.bodyLimit, logger: createLogger('silent', 'simulator') });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${url}/_control/anymarket${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    app,
    url,
    apiUrl: `${url}${SIMULATED_ANYMARKET_API_PATH}`,
    control,
    calls: async () => ((await (await control('GET', '/calls')).json()) as { calls: SimulatedAnymarketCall[] }).calls,
    close: () => app.close(),
  };
}
