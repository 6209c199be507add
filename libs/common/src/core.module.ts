import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { EntitySchema } from 'typeorm';
import { AccessGuard, ADMIN_CREDENTIAL } from './auth/access.guard.js';
import type { AdminCredential } from './auth/admin-credential.js';
import { ConsoleSessions } from './auth/console-session.js';
import { BodyReadingCheck } from './http/body-reading.js';
import { APP_CONFIG, type DatabaseConfig } from './config/app-config.js';
import { createDataSource } from './database/create-data-source.js';
import { buildDataSourceOptions } from './database/data-source-options.js';
import { AllExceptionsFilter } from './errors/all-exceptions.filter.js';
import { createValidationPipe } from './errors/validation.pipe.js';
import { HealthContributors } from './health/health-contributors.js';
import { HealthModule } from './health/health.module.js';
import { RemoteActivity } from './resilience/remote-activity.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { HeapAfterBursts, processHeapControls } from './process/heap-after-bursts.js';
import type { MetricsOptions } from './metrics/metrics-options.js';

export interface CoreModuleOptions {
  /** The app's validated configuration, provided as APP_CONFIG. */
  config: object;
  adminCredential: AdminCredential;
  /** Entities and committed migrations; without it there is no database and no /health (the simulator). */
  database?: {
    settings: DatabaseConfig;
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    entities: (Function | EntitySchema)[];
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    migrations: Function[];
  };
  /** The app's Prometheus metrics (the connector); without it the registry exists but counts for no route (the simulator, partial test apps). */
  metrics?: MetricsOptions;
  /**
   * Give back the heap a burst grew once the process is quiet (HeapAfterBursts, ADR 0026): the connector. Not the
   * simulator: those full collections stop its event loop for ~0.2 s, and requests arriving meanwhile would be
   * counted by its rate limiter when the loop resumes, bunched, as the real ANYMARKET never counts them.
   */
  giveBackHeapAfterBursts?: boolean;
}

/**
 * What every deployable shares: the validated config, the database, /health, the metrics registry, the heap given back
 * after bursts (HeapAfterBursts, where asked for), and the global pipe,
 * access guard, body-reading check and exception filter as APP_* providers (so tests that boot the module behave like
 * production).
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    const { config, database } = options;
    const imports = database
      ? [
          TypeOrmModule.forRootAsync({
            useFactory: () =>
              buildDataSourceOptions({
                target: database.settings.databaseUrl,
                dataDir: database.settings.dataDir,
                runMigrations: database.settings.databaseRunMigrations,
                entities: database.entities,
                migrations: database.migrations,
              }),
            dataSourceFactory: (options) => Promise.resolve(createDataSource(options!)),
          }),
          HealthModule,
        ]
      : [];
    return {
      module: CoreModule,
      imports: [...imports, MetricsModule.forRoot(options.metrics ?? { enabled: false })],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: ADMIN_CREDENTIAL, useValue: options.adminCredential },
        { provide: ConsoleSessions, useFactory: () => new ConsoleSessions(options.adminCredential) },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: BodyReadingCheck },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: RemoteActivity, useFactory: () => new RemoteActivity() },
        HealthContributors,
        ...(options.giveBackHeapAfterBursts ? [{ provide: HeapAfterBursts, useFactory: () => new HeapAfterBursts(processHeapControls()) }] : []),
      ],
      exports: [APP_CONFIG, ADMIN_CREDENTIAL, ConsoleSessions, RemoteActivity, HealthContributors],
    };
  }
}
