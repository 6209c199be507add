import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AdminCredential, configureHttpApp, createLogger, JsonLogger } from '#common';
import type { Logger as PinoLogger } from 'pino';
import { AppModule } from './app.module.js';
import type { ConnectorConfig } from './config/connector.config.js';
import { CONNECTOR_VERSION } from './version.js';

export interface ConnectorApp {
  app: NestExpressApplication;
  logger: PinoLogger;
  /** Set when no ADMIN_TOKEN was configured: the generated one, to print once. */
  generatedAdminToken?: string;
}

/** Builds the connector (not yet listening); main.ts and the tests share it. */
export async function createConnectorApp(
  config: ConnectorConfig,
  logger = createLogger(config.logLevel, 'connector'),
  extraModules: Type[] = [],
): Promise<ConnectorApp> {
  const { credential, generatedToken } = AdminCredential.fromConfig(config.adminToken);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, credential, extraModules), {
    logger: new JsonLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  configureHttpApp(app, {
    title: 'Marketplacer ⇄ ANYMARKET connector',
    description:
      'Remotes called by ANYMARKET (x-anymarket-token), the admin API (bearer ADMIN_TOKEN) and health. ' +
      'Error answers are JSON `{error: {code, message, details?, errorId?, requestId}}`, except ANYMARKET remotes, which answer bare `false`.',
    version: CONNECTOR_VERSION,
    bodyLimit: config.bodyLimit,
    logger,
  });
  return { app, logger, generatedAdminToken: generatedToken };
}
