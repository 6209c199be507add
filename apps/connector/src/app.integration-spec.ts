import { tmpdir } from 'node:os';
import { jest } from '@jest/globals';
import { Controller, Get, Module, Post } from '@nestjs/common';
import { Validator } from '@seriousme/openapi-schema-validator';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createHmac } from 'node:crypto';
import { MarketplacerWebhookRoute } from '#common';
import { DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY } from '#marketplacer';
import { availableDatabases, createTestDatabase, type TestDatabase } from '#common/testing';
import { ADMIN_TAG_ORDER } from './bootstrap.js';
import { connectorMigrations } from './database/migrations/index.js';
import { startConnectorTestApp, TEST_ADMIN_TOKEN, type ConnectorTestApp } from '#test-support/connector/connector-test-app';

const databases = await availableDatabases();

/** Routes that must stay closed: one that declares no caller, one declared as a Marketplacer webhook. */
@Controller('probe')
class ClosedRoutesProbe {
  @Get('undeclared')
  undeclared(): string {
    return 'reached';
  }

  @Post('webhook')
  @MarketplacerWebhookRoute()
  webhook(): string {
    return 'reached';
  }
}

describe.each(databases)('connector app on %s', (kind) => {
  let database: TestDatabase;
  let t: ConnectorTestApp;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    database = await createTestDatabase(kind, tmpdir());
    t = await startConnectorTestApp(database.target, {}, [probeModule()]);
    http = request(t.app.getHttpServer());
  });

  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('answers /health (readiness, as /health/ready) with the database up, and /health/live without touching it', async () => {
    expect((await http.get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    const res = await http.get('/health').expect(200);
    // Every contributor of the connector is asked: the remotes, the sync feeds, the live contract check. No simulator runs
    // for this suite, so the contract check made at start may already have found Marketplacer unreachable: that alone is degraded.
    expect(res.body).toMatchObject({
      info: { database: { status: 'up' }, migrations: { status: 'up', pending: false }, remotes: {}, feeds: { status: 'up' }, contract: { status: 'up' } },
      error: {},
    });
    const degraded = (res.body as { degraded: Array<{ component: string }> }).degraded.map((each) => each.component);
    expect(degraded.filter((component) => component !== 'remote.marketplacer')).toEqual([]);
    expect(res.body.status).toBe(degraded.length ? 'degraded' : 'ok');
    expect((await http.get('/health/ready').expect(200)).body).toMatchObject({ info: { database: { status: 'up' } }, error: {} });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves Swagger UI at /docs and a valid OpenAPI document at /docs-json', async () => {
    const ui = await http.get('/docs').expect(200);
    expect(ui.text).toContain('swagger-ui');
    const doc = await http.get('/docs-json').expect(200);
    const result = await new Validator().validate(doc.body);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(Object.keys(doc.body.components.securitySchemes).sort()).toEqual(['admin', 'x-anymarket-token']);
    expect(doc.body.components.securitySchemes['x-anymarket-token']).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-anymarket-token' });
    expect(doc.body.paths['/admin/system'].get.security).toEqual([{ admin: [] }]);
    // The admin groups first, in the order an operator uses them (seller links first), then the remotes, then the rest (health).
    const tags: string[] = doc.body.tags.map((tag: { name: string }) => tag.name);
    expect(tags.filter((tag) => tag.startsWith('admin'))).toEqual(ADMIN_TAG_ORDER);
    expect(tags.slice(0, ADMIN_TAG_ORDER.length)).toEqual(ADMIN_TAG_ORDER);
    expect(tags.at(-1)).toBe('health');
    expect(tags.findIndex((tag) => tag.startsWith('remotes'))).toBeGreaterThan(tags.findLastIndex((tag) => tag.startsWith('admin')));
    // The admin token is opaque (no bearerFormat), and its scheme says where to find it.
    expect(doc.body.components.securitySchemes.admin).toEqual({ type: 'http', scheme: 'bearer', description: expect.stringContaining('ADMIN_TOKEN') });
  });

  it('documents every operation: a summary and a description, every parameter with a description and an example, every answer', async () => {
    const doc = (await http.get('/docs-json').expect(200)).body as OpenApiDocument;
    expect(doc.servers?.length).toBeGreaterThan(0);
    const gaps: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      if (path.startsWith('/probe/')) continue; // this suite's own closed routes
      for (const [method, operation] of Object.entries(item)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (!operation.summary?.includes(' ')) gaps.push(`${name}: summary "${operation.summary ?? ''}" is not a sentence`);
        if (!operation.description?.trim()) gaps.push(`${name}: no description`);
        for (const parameter of operation.parameters ?? []) {
          if (!parameter.description?.trim()) gaps.push(`${name}: parameter ${parameter.name} has no description`);
          if (
            parameter.example === undefined &&
            parameter.schema?.example === undefined &&
            parameter.examples === undefined &&
            parameter.schema?.enum === undefined
          ) {
            gaps.push(`${name}: parameter ${parameter.name} has no example`);
          }
        }
        const statuses = Object.keys(operation.responses ?? {});
        if (!statuses.some((status) => status.startsWith('2'))) gaps.push(`${name}: no 2xx answer documented`);
        for (const status of statuses) if (!operation.responses![status].description?.trim()) gaps.push(`${name}: answer ${status} has no description`);
      }
    }
    expect(gaps).toEqual([]);
  });

  it('answers an admin route 401 without a credential, 401 with a wrong one, 200 with the right one', async () => {
    const missing = await http.get('/admin/system').expect(401);
    expect(missing.body.error).toMatchObject({ code: 'UNAUTHENTICATED' });
    const wrong = await http.get('/admin/system').set('Authorization', 'Bearer not-the-admin-token-at-all').expect(401);
    expect(wrong.body.error.code).toBe('UNAUTHENTICATED');
    await http.get('/admin/system').set('Authorization', `Basic ${TEST_ADMIN_TOKEN}`).expect(401);
    const ok = await http.get('/admin/system').set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`).expect(200);
    expect(ok.body).toMatchObject({ database: kind, demoMode: true, migrations: connectorMigrations.map((m) => m.name), migrationsPending: false });
  });

  it('denies a route that declares no caller, and a webhook route whose body is not read raw, even correctly signed', async () => {
    const undeclared = await http.get('/probe/undeclared').set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`).expect(401);
    expect(undeclared.body.error.code).toBe('UNAUTHENTICATED');
    const body = JSON.stringify({ id: 1 });
    const signed = createHmac('sha256', DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY).update(body).digest('base64');
    const webhook = await http.post('/probe/webhook').set('content-type', 'application/json').set('Marketplacer-Hmac-256', signed).send(body).expect(401);
    expect(webhook.body.error.code).toBe('UNAUTHENTICATED');
    expect(webhook.text).not.toContain('reached');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await http.get('/no/such/route').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.error).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers invalid query parameters with 400 naming the fields', async () => {
    const res = await http.get('/admin/audit-events?limit=abc&beforeId=-1').set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['beforeId', 'limit']);
  });

  it('answers malformed JSON with 400, a body that is not JSON with 415 and an oversized body with 413, all as JSON errors', async () => {
    const admin = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const bad = await http.post('/admin/seller-links').set(admin).set('Content-Type', 'application/json').send('{"x": secret-fragment').expect(400);
    // A fixed message: body-parser's own would quote the body back.
    expect(bad.body.error).toMatchObject({ code: 'BAD_REQUEST', message: 'The request body is not valid JSON' });
    expect(bad.text).not.toContain('secret-fragment');
    const undecodable = await http.get('/admin/accounts/%FFsecret').set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`).expect(400);
    expect(undecodable.body.error).toMatchObject({ code: 'BAD_REQUEST', message: 'The request path is not valid percent-encoding' });
    expect(undecodable.text).not.toContain('secret');
    // Not read at all (not JSON): said so, not "sellerId should not be empty".
    const text = await http.post('/admin/seller-links').set(admin).set('Content-Type', 'text/plain').send('sellerId=78').expect(415);
    expect(text.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('The request body is not JSON') });
    // Read only once the route is known: an unknown route is a 404, an unauthenticated one a 401, whatever the body.
    await http.post('/admin/no-such-route').set(admin).set('Content-Type', 'application/json').send('{"x":').expect(404);
    await http.post('/admin/seller-links').set('Content-Type', 'application/json').send('{"x":').expect(401);
    const big = await http
      .post('/admin/seller-links')
      .set(admin)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ x: 'a'.repeat(3 * 1024 * 1024) }))
      .expect(413);
    expect(big.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than the limit (BODY_LIMIT)' });
  });

  it('reads no body for a caller it refuses: the parser runs only once the guard let the request in', async () => {
    const parse = jest.spyOn(JSON, 'parse');
    try {
      const body = JSON.stringify({ sellerId: '78' });
      await http.post('/admin/seller-links').set('Content-Type', 'application/json').send(body).expect(401);
      expect(parse).not.toHaveBeenCalledWith(body, undefined);
      const big = JSON.stringify({ x: 'a'.repeat(3 * 1024 * 1024) });
      await http.post('/admin/seller-links').set('Content-Type', 'application/json').send(big).expect(401);
      await http.post('/admin/seller-links').set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`).set('Content-Type', 'application/json').send(body);
      expect(parse).toHaveBeenCalledWith(body, undefined);
    } finally {
      parse.mockRestore();
    }
  });

  it('sets security headers', async () => {
    const res = await http.get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('never logs the admin credential or the x-anymarket-token', async () => {
    await http.get('/admin/system').set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`).set('x-anymarket-token', 'eyJhbGciOi.secret.token');
    await http.get('/admin/system').set('Authorization', 'Bearer wrong-token-value-123');
    expect(t.rawLogs()).not.toContain(TEST_ADMIN_TOKEN);
    expect(t.rawLogs()).not.toContain('wrong-token-value-123');
    expect(t.rawLogs()).not.toContain('eyJhbGciOi.secret.token');
    const requestLines = t.logs.filter((line) => line.msg === 'request');
    expect(requestLines.length).toBeGreaterThan(0);
    expect(requestLines.every((line) => typeof line.requestId === 'string')).toBe(true);
  });

  it('answers /health 503 once the database is gone', async () => {
    await t.app.get(DataSource).destroy();
    const res = await http.get('/health').expect(503);
    expect(res.body).toMatchObject({ status: 'error', error: { database: { status: 'down', message: 'the database connection is closed' } } });
    await http.get('/health/live').expect(200);
  });
});

interface OpenApiDocument {
  servers?: Array<{ url: string }>;
  paths: Record<
    string,
    Record<
      string,
      {
        summary?: string;
        description?: string;
        parameters?: Array<{ name: string; description?: string; example?: unknown; examples?: unknown; schema?: { example?: unknown; enum?: unknown[] } }>;
        responses?: Record<string, { description?: string }>;
      }
    >
  >;
}

function probeModule() {
  @Module({ controllers: [ClosedRoutesProbe] })
  class ProbeModule {}
  return ProbeModule;
}
