import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Global, Module, type InjectionToken, type Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { AdminCredential, createLogger, JsonLogger, type DatabaseTarget } from '#common';
import { logLines } from '#common/testing';
import { AppModule } from '../../../apps/connector/src/app.module.js';
import { loadConnectorConfig, type ConnectorConfig } from '../../../apps/connector/src/config/connector.config.js';
import { configureConnectorHttp } from '../../../apps/connector/src/bootstrap.js';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

/** A provider to replace in the booted app, typically a port bound to a fake. */
export interface ProviderOverride {
  provide: InjectionToken;
  useValue: unknown;
}

export interface ConnectorTestAppOptions {
  /** Replace these providers wherever the app declares them (and provide them globally if it does not yet). */
  overrides?: ProviderOverride[];
}

export interface ConnectorTestApp {
  app: NestExpressApplication;
  config: ConnectorConfig;
  /** Every JSON log line the app wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  /** The raw log text, for "this secret never appears" assertions. */
  rawLogs(): string;
  close(): Promise<void>;
}

/**
 * Boots the real connector (AppModule, global providers, HTTP setup as in bootstrap.ts) on
 * `database`, initialised but not listening.
 */
export async function startConnectorTestApp(
  database: DatabaseTarget,
  env: Record<string, string> = {},
  extraModules: Type[] = [],
  options: ConnectorTestAppOptions = {},
): Promise<ConnectorTestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'connector-test-'));
  // Scheduled sync is off unless a test asks for it: tests drive ticks and triggers themselves.
  const config = loadConnectorConfig({ ADMIN_TOKEN: TEST_ADMIN_TOKEN, DATA_DIR: dataDir, LOG_LEVEL: 'debug', SYNC_ENABLED: 'false', ...env });
  const { sink, lines } = logLines();
  const logger = createLogger('debug', 'connector', sink);
  const { credential } = AdminCredential.fromConfig(config.adminToken, config.demoMode ? { dataDir: config.dataDir } : undefined);
  const overrides = options.overrides ?? [];
  const modules = overrides.length ? [...extraModules, globalProvidersModule(overrides)] : extraModules;
  let builder = Test.createTestingModule({ imports: [AppModule.forRoot({ ...config, databaseUrl: database }, credential, modules)] }).setLogger(
    new JsonLogger(logger),
  );
  for (const override of overrides) builder = builder.overrideProvider(override.provide).useValue(override.useValue);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: new JsonLogger(logger), bodyParser: false, abortOnError: false });
  configureConnectorHttp(app, config, logger);
  await app.init();
  return {
    app,
    config,
    get logs() {
      return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    rawLogs: () => lines.join('\n'),
    close: () => app.close(),
  };
}

/**
 * Provides the overridden tokens globally, so an override works whether or not the app already binds
 * the token (a port whose adapter module is not wired yet); where it does, overrideProvider replaces it.
 */
function globalProvidersModule(overrides: ProviderOverride[]): Type {
  class TestOverridesModule {}
  Global()(TestOverridesModule);
  Module({ providers: overrides.map((o) => ({ provide: o.provide, useValue: o.useValue })), exports: overrides.map((o) => o.provide) })(TestOverridesModule);
  return TestOverridesModule;
}
