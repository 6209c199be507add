import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { join } from 'node:path';
import { AdminCredential, configureHttpApp, createLogger, DEMO_ADMIN_TOKEN_FILE, httpMetrics, JsonLogger, Metrics, type AdminCredentialSource } from '#common';
import type { Logger as PinoLogger } from 'pino';
import { MARKETPLACER_HMAC_HEADER } from '#marketplacer';
import { AppModule } from './app.module.js';
import type { ConnectorConfig } from './config/connector.config.js';
import { CONNECTOR_VERSION } from './version.js';
import { WEBHOOK_RECEIVER_PATH } from './webhooks/index.js';

/**
 * Swagger UI's admin groups in the order an operator uses them: link a seller, see its ANYMARKET account,
 * its listings and orders, then the plumbing (webhooks, sync, work, system), then the rest of Marketplacer.
 */
export const ADMIN_TAG_ORDER = [
  'admin: seller links',
  'admin: ANYMARKET accounts',
  'admin: listings',
  'admin: orders',
  'admin: shipments',
  'admin: webhooks',
  'admin: sync',
  'admin: work',
  'admin: system',
  'admin: sellers',
  'admin: remittances',
  'admin: taxonomy',
  'admin: Marketplacer orders',
  'admin: Marketplacer refund requests',
  'admin: audit',
];

export interface ConnectorApp {
  app: NestExpressApplication;
  logger: PinoLogger;
  /** Where the admin credential came from (the token itself when it was not configured), for the banner. */
  adminCredential: AdminCredentialSource;
}

/** Builds the connector (not yet listening); main.ts and the tests share it. */
export async function createConnectorApp(
  config: ConnectorConfig,
  logger = createLogger(config.logLevel, 'connector'),
  extraModules: Type[] = [],
): Promise<ConnectorApp> {
  const { credential, source } = AdminCredential.fromConfig(config.adminToken, config.demoMode ? { dataDir: config.dataDir } : undefined);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, credential, extraModules), {
    logger: new JsonLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  configureConnectorHttp(app, config, logger);
  return { app, logger, adminCredential: source };
}

/** The connector's HTTP surface around the module graph (also used by the test app, so both serve the same document). */
export function configureConnectorHttp(app: NestExpressApplication, config: ConnectorConfig, logger: PinoLogger): void {
  const metrics = app.get(Metrics);
  configureHttpApp(app, {
    finishedRequest: metrics.enabled ? httpMetrics(metrics) : undefined,
    title: 'Marketplacer ⇄ ANYMARKET connector',
    description:
      'Remotes called by ANYMARKET (x-anymarket-token), the admin API (bearer ADMIN_TOKEN) and health. Error answers are JSON ' +
      "`{error: {code, message, details?, errorId?, requestId}}`, except to ANYMARKET: its remotes answer ANYMARKET's `{code, message}`, " +
      'and the activation remotes a bare `false`.',
    version: CONNECTOR_VERSION,
    bodyLimit: config.bodyLimit,
    rawBodyRoutes: [
      {
        // Where Marketplacer delivers webhooks: the body is read raw (the signature covers the exact bytes).
        path: WEBHOOK_RECEIVER_PATH,
        limit: config.webhookBodyLimit,
        code: 'WEBHOOK_BODY_UNREADABLE',
        tooLargeCode: 'WEBHOOK_BODY_TOO_LARGE',
        signatureHeader: MARKETPLACER_HMAC_HEADER,
        limitVariable: 'WEBHOOK_BODY_LIMIT',
      },
    ],
    serverUrl: config.publicUrl ?? `http://localhost:${config.port}`,
    adminTokenHint: adminTokenHint(config),
    tagOrder: ADMIN_TAG_ORDER,
    anymarketTokenHint: config.demoMode
      ? 'In demo mode, `npm run --silent remote-caller -- token [--oi 22449504.]` prints one signed with the development key.'
      : undefined,
    logger,
  });
}

/** Where an operator finds the admin token, as AdminCredential.fromConfig decides it. */
function adminTokenHint(config: ConnectorConfig): string {
  if (config.adminToken !== undefined) return 'It is the ADMIN_TOKEN set in the environment.';
  if (config.demoMode) {
    return `Demo mode keeps a generated one in \`${join(config.dataDir, DEMO_ADMIN_TOKEN_FILE)}\` (\`cat\` it) and prints it in \`npm start\`'s banner.`;
  }
  return 'No ADMIN_TOKEN is set: one was generated for this run and printed once in the start-up banner; set ADMIN_TOKEN to keep one.';
}
