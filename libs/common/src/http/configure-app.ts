import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import helmet from 'helmet';
import type { Logger as PinoLogger } from 'pino';
import { ADMIN_SECURITY, ANYMARKET_SECURITY } from '../auth/route-access.js';
import { requestLoggingMiddleware } from '../logging/request-logging.middleware.js';
import type { FinishedRequest } from '../metrics/http-metrics.js';
import { readAfterTheGuard } from './body-reading.js';
import { rawBodyReader } from './raw-body-reader.js';

export interface HttpSetup {
  title: string;
  description: string;
  version: string;
  bodyLimit: string;
  /** How callers reach the app (Swagger's `servers`). */
  serverUrl?: string;
  /** Where to get an x-anymarket-token, added to its security scheme's description. */
  anymarketTokenHint?: string;
  /** Where the admin token is (set, kept in a file, printed at start), added to its security scheme's description. */
  adminTokenHint?: string;
  /**
   * Swagger UI's groups (tags) in the order a reader uses them; tags not listed follow, ANYMARKET's
   * remotes first, then the admin API, then the rest.
   */
  tagOrder?: string[];
  logger: PinoLogger;
  /** Told of every finished request with its duration (the HTTP metrics); none: metrics off. */
  finishedRequest?: FinishedRequest;
  /**
   * Routes whose body is kept as the raw bytes (a Buffer) rather than parsed, with their own size
   * limit: signed webhooks, whose signature covers the exact bytes. A body that cannot be read
   * (too large) is answered 503 with `code` when signed, 413 with `tooLargeCode` when not (see rawBodyReader).
   */
  rawBodyRoutes?: RawBodyRoute[];
}

export interface RawBodyRoute {
  path: string;
  limit: string;
  /** The error code of an unreadable body, e.g. `WEBHOOK_BODY_UNREADABLE` (503: the sender retries). */
  code: string;
  /** The error code of an unsigned body over the limit, e.g. `WEBHOOK_BODY_TOO_LARGE` (413). */
  tooLargeCode: string;
  /** The header that carries the body's signature: without it, a body over the limit can never be accepted. */
  signatureHeader: string;
  /** The variable that sets `limit`, named in the answer. */
  limitVariable: string;
}

/**
 * Everything outside the module graph that production and tests share: request ids and access
 * logs, security headers, body-size limits, Swagger UI at /docs (JSON at /docs-json).
 * Stopping on signals is the deployable's main's (stopOnSignals), so that test apps leave the process alone.
 * Pipes, guards and the exception filter are APP_* providers and so live in the modules.
 */
/** The largest XML body read at all (its reader applies the real limit and answers 400 above it). */
const XML_BODY_LIMIT = '16mb';

export function configureHttpApp(app: NestExpressApplication, setup: HttpSetup): OpenAPIObject {
  app.use(requestLoggingMiddleware(setup.logger, setup.finishedRequest));
  app.use(
    helmet({
      contentSecurityPolicy: {
        // Swagger UI needs inline styles and data: images; scripts stay same-origin.
        directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] },
      },
    }),
  );
  app.disable('x-powered-by');
  // Before the JSON parser: a body read here is marked read, and the JSON parser leaves it alone.
  for (const route of setup.rawBodyRoutes ?? []) app.use(route.path, rawBodyReader(route));
  // Other bodies are read once the guard let the request in, and a body that cannot be read fails its
  // request then, in the caller's format (BodyReadingCheck). XML bodies (ANYMARKET's NF-e document)
  // arrive as text; the reader refuses oversized documents with its own 400, so the parser's limit only
  // stops what is far beyond any document.
  app.use(
    readAfterTheGuard(
      express.json({ limit: setup.bodyLimit }),
      express.urlencoded({ limit: setup.bodyLimit, extended: true }),
      express.text({ type: ['application/xml', 'text/xml', 'application/*+xml'], limit: XML_BODY_LIMIT }),
    ),
  );
  return setUpSwagger(app, setup);
}

function setUpSwagger(app: INestApplication, setup: HttpSetup): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle(setup.title)
    .setDescription(setup.description)
    .setVersion(setup.version)
    // An opaque token, not a JWT: addSecurity, as addBearerAuth would declare `bearerFormat: JWT`.
    .addSecurity(ADMIN_SECURITY, {
      type: 'http',
      scheme: 'bearer',
      description: ['Admin credential (ADMIN_TOKEN), an opaque token.', setup.adminTokenHint].filter(Boolean).join(' '),
    })
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'x-anymarket-token',
        description: ['RS256 JWT signed by ANYMARKET.', setup.anymarketTokenHint].filter(Boolean).join(' '),
      },
      ANYMARKET_SECURITY,
    );
  if (setup.serverUrl) builder.addServer(setup.serverUrl);
  const config = builder.build();
  const document = SwaggerModule.createDocument(app, config);
  document.tags = orderedTags(document, setup.tagOrder ?? []);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', swaggerOptions: { persistAuthorization: true } });
  return document;
}

/** Swagger UI lists tags in this order: those of `first` as listed, then ANYMARKET's remotes, the admin API, the rest. */
function orderedTags(document: OpenAPIObject, first: string[]): Array<{ name: string }> {
  const used = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as Array<{ tags?: string[] }>) for (const tag of operation?.tags ?? []) used.add(tag);
  }
  const rank = (tag: string) => (tag.startsWith('remotes') ? 0 : tag.startsWith('admin') ? 1 : 2);
  const listed = first.filter((tag) => used.has(tag));
  const rest = [...used].filter((tag) => !first.includes(tag)).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return [...listed, ...rest].map((name) => ({ name }));
}
