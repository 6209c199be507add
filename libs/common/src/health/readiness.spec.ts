import { Test } from '@nestjs/testing';
import { TerminusModule } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { DatabaseHealth } from './database-health.js';
import type { HealthContribution, HealthContributor } from './health-contributor.js';
import { HealthContributors } from './health-contributors.js';
import { Readiness } from './readiness.js';

/** The two questions readiness asks the data source, answered as a test says (the real database: readiness.integration-spec.ts). */
class DatabaseAnswers {
  isInitialized = true;
  queryFails: Error | null = null;
  pending = false;
  showMigrationsCalls = 0;

  async query(): Promise<unknown> {
    if (this.queryFails) throw this.queryFails;
    return [{ 1: 1 }];
  }

  async showMigrations(): Promise<boolean> {
    this.showMigrationsCalls += 1;
    return this.pending;
  }
}

const contributor = (key: string, contribute: () => HealthContribution | Promise<HealthContribution>): HealthContributor => ({ key, contribute });

describe('Readiness (GET /health/ready) on terminus', () => {
  let database: DatabaseAnswers;
  let contributors: HealthContributors;
  let readiness: Readiness;

  beforeEach(async () => {
    database = new DatabaseAnswers();
    const moduleRef = await Test.createTestingModule({
      imports: [TerminusModule.forRoot({ logger: false })],
      providers: [Readiness, DatabaseHealth, HealthContributors, { provide: DataSource, useValue: database }],
    }).compile();
    readiness = moduleRef.get(Readiness);
    contributors = moduleRef.get(HealthContributors);
  });

  it('is ok (200) with the database up, no migration pending and nothing degraded, in terminus’ info/error/details', async () => {
    contributors.add(contributor('remotes', () => ({ degraded: [], details: { remotes: [] } })));
    const { httpStatus, answer } = await readiness.check();
    expect(httpStatus).toBe(200);
    expect(answer).toEqual({
      status: 'ok',
      degraded: [],
      info: {
        database: { status: 'up', responseTime: expect.any(Number) },
        migrations: { status: 'up', pending: false, responseTime: expect.any(Number) },
        remotes: { status: 'up', remotes: [], reasons: [] },
      },
      error: {},
      details: expect.objectContaining({ database: expect.objectContaining({ status: 'up' }) }),
    });
  });

  it('is degraded (still 200) naming each contributor’s components and reasons', async () => {
    contributors.add(contributor('remotes', () => ({ degraded: [{ component: 'remote.marketplacer', reason: 'Marketplacer: HTTP 503 on Brands' }] })));
    contributors.add(contributor('feeds', async () => ({ degraded: [{ component: 'feed.adverts', reason: 'adverts feed: stale' }], details: { feeds: [] } })));
    contributors.add(contributor('contract', () => ({ degraded: [], details: { featuresOff: [] } })));
    const { httpStatus, answer } = await readiness.check();
    expect(httpStatus).toBe(200);
    expect(answer.status).toBe('degraded');
    expect(answer.degraded).toEqual([
      { component: 'remote.marketplacer', reason: 'Marketplacer: HTTP 503 on Brands' },
      { component: 'feed.adverts', reason: 'adverts feed: stale' },
    ]);
    expect(answer.info).toMatchObject({
      remotes: { status: 'degraded', reasons: ['Marketplacer: HTTP 503 on Brands'] },
      feeds: { status: 'degraded', feeds: [], reasons: ['adverts feed: stale'] },
      contract: { status: 'up', featuresOff: [], reasons: [] },
    });
  });

  it('is not ready (503, error) while the database does not answer, degraded or not, with the reason', async () => {
    contributors.add(contributor('remotes', () => ({ degraded: [{ component: 'remote.anymarket', reason: 'ANYMARKET: timeout on getOrder' }] })));
    database.queryFails = new Error('connection refused');
    const { httpStatus, answer } = await readiness.check();
    expect(httpStatus).toBe(503);
    expect(answer.status).toBe('error');
    expect(answer.error).toEqual({ database: { status: 'down', message: 'connection refused', responseTime: expect.any(Number) } });
    expect(answer.degraded).toEqual([{ component: 'remote.anymarket', reason: 'ANYMARKET: timeout on getOrder' }]);

    database.isInitialized = false;
    const closed = await readiness.check();
    expect(closed.httpStatus).toBe(503);
    expect(closed.answer.error).toEqual({ database: { status: 'down', message: 'the database connection is closed', responseTime: expect.any(Number) } });
    // Known applied already: the migrations stay answered (the database's own indicator says it is gone).
    expect(closed.answer.info?.migrations).toEqual({ status: 'up', pending: false });
  });

  it('is not ready while committed migrations are pending; ready once they are applied, and then no longer asks', async () => {
    database.pending = true;
    const pending = await readiness.check();
    expect(pending.httpStatus).toBe(503);
    expect(pending.answer.error).toEqual({
      migrations: { status: 'down', message: expect.stringContaining('committed migrations are pending'), responseTime: expect.any(Number) },
    });
    database.pending = false;
    expect((await readiness.check()).answer.status).toBe('ok');
    expect((await readiness.check()).answer.info?.migrations).toEqual({ status: 'up', pending: false });
    expect(database.showMigrationsCalls).toBe(2);
  });

  it('turns a contributor that fails into a degradation naming it, never a failed answer', async () => {
    contributors.add(
      contributor('feeds', () => {
        throw new Error('SQLITE_BUSY');
      }),
    );
    const { httpStatus, answer } = await readiness.check();
    expect(httpStatus).toBe(200);
    expect(answer.degraded).toEqual([{ component: 'feeds', reason: 'feeds: could not tell (SQLITE_BUSY)' }]);
  });
});
