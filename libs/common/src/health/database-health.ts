import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { DataSource } from 'typeorm';

/** How long the database may take to answer one readiness question before it counts as unreachable. */
export const DATABASE_CHECK_TIMEOUT_MS = 2000;

/**
 * The two things that make the process not ready (503): a database that does not answer a trivial
 * query within DATABASE_CHECK_TIMEOUT_MS, and committed migrations it has not applied yet.
 *
 * Migrations this process runs itself (DATABASE_RUN_MIGRATIONS=true) run inside the data source's
 * initialisation, before Nest finishes booting and long before main.ts calls `listen`: while they run
 * no request is answered at all, so no "running" flag is needed. Pending ones are still reported: with
 * DATABASE_RUN_MIGRATIONS=false a replica can start before the one that migrates has finished, and it
 * must not take traffic on a schema older than its code. Once none are pending the answer is kept: a
 * process's migrations are fixed at build time and the database only moves forward (a revert is a
 * deploy, with a restart).
 */
@Injectable()
export class DatabaseHealth {
  private migrationsApplied = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly indicator: HealthIndicatorService,
  ) {}

  /** `database`: up when `SELECT 1` is answered in time. */
  async ping(): Promise<HealthIndicatorResult<'database'>> {
    return this.indicator
      .check('database')
      .attempt(async () => {
        if (!this.dataSource.isInitialized) throw new Error('the database connection is closed');
        await this.dataSource.query('SELECT 1');
      })
      .withTimeout(DATABASE_CHECK_TIMEOUT_MS);
  }

  /** `migrations`: up when every committed migration is applied (TypeORM's `showMigrations`). */
  async migrations(): Promise<HealthIndicatorResult<'migrations'>> {
    const session = this.indicator.check('migrations');
    if (this.migrationsApplied) return session.up({ pending: false });
    const answer = await session
      .attempt(async () => {
        if (!this.dataSource.isInitialized) throw new Error('the database connection is closed');
        if (await this.dataSource.showMigrations()) {
          throw new Error('committed migrations are pending: run `npm run migration:run`, or start one replica with DATABASE_RUN_MIGRATIONS=true');
        }
        return { pending: false };
      })
      .withTimeout(DATABASE_CHECK_TIMEOUT_MS);
    if (answer.migrations.status === 'up') this.migrationsApplied = true;
    return answer;
  }
}
