import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { AdminCredential } from '../auth/admin-credential.js';
import { CoreModule } from '../core.module.js';
import { createLogger, JsonLogger } from '../logging/logger.js';
import { availableDatabases, createTestDatabase, logLines, type TestDatabase } from '../testing/index.js';

const databases = await availableDatabases();

/** One committed migration this suite's app knows about: pending until the test applies it. */
class CreateReadinessProbe1767225600000 implements MigrationInterface {
  name = 'CreateReadinessProbe1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE readiness_probe (id integer PRIMARY KEY)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE readiness_probe');
  }
}

/**
 * The database part of readiness on a real database: CoreModule as every app boots it, with
 * DATABASE_RUN_MIGRATIONS=false (a replica whose migrations another one applies), so that its one
 * migration is pending until the test applies it.
 */
describe.each(databases)('readiness and the database on %s', (kind) => {
  let database: TestDatabase;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  const { sink, lines } = logLines();

  beforeAll(async () => {
    database = await createTestDatabase(kind, tmpdir());
    const settings = { databaseUrl: database.target, dataDir: mkdtempSync(join(tmpdir(), 'readiness-')), databaseRunMigrations: false };
    const logger = new JsonLogger(createLogger('debug', 'readiness', sink));
    const moduleRef = await Test.createTestingModule({
      imports: [
        CoreModule.forRoot({
          config: settings,
          adminCredential: AdminCredential.fromConfig('readiness-admin-token-0123').credential,
          database: { settings, entities: [], migrations: [CreateReadinessProbe1767225600000] },
        }),
      ],
    })
      .setLogger(logger)
      .compile();
    app = moduleRef.createNestApplication({ logger });
    await app.init();
    http = request(app.getHttpServer());
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('is not ready (503) while a committed migration is pending, on /health/ready and /health alike; liveness answers', async () => {
    for (const path of ['/health/ready', '/health']) {
      const res = await http.get(path).expect(503);
      expect(res.body).toEqual({
        status: 'error',
        degraded: [],
        info: { database: { status: 'up', responseTime: expect.any(Number) }, remotes: { status: 'up', remotes: [], reasons: [] } },
        error: { migrations: { status: 'down', message: expect.stringContaining('committed migrations are pending'), responseTime: expect.any(Number) } },
        details: expect.objectContaining({ database: expect.anything(), migrations: expect.anything() }),
      });
      expect(res.headers['cache-control']).toBe('no-cache, no-store, must-revalidate');
    }
    expect((await http.get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    expect(lines.some((line) => line.includes('Health Check has failed!'))).toBe(true);
  });

  it('is ready (200, ok) once the migration is applied', async () => {
    await app.get(DataSource).runMigrations();
    const res = await http.get('/health/ready').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      degraded: [],
      info: { database: { status: 'up' }, migrations: { status: 'up', pending: false }, remotes: { status: 'up', remotes: [], reasons: [] } },
      error: {},
    });
  });

  it('is not ready (503) once the database is gone, naming it; liveness still answers', async () => {
    await app.get(DataSource).destroy();
    const res = await http.get('/health/ready').expect(503);
    expect(res.body).toMatchObject({ status: 'error', error: { database: { status: 'down', message: 'the database connection is closed' } } });
    await http.get('/health/live').expect(200);
  });
});
