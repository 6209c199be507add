import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type DatabaseConfig } from '../../config/app-config.js';
import { REMOTE_BUDGET_STORE, remoteBudgetStoreFor, type RemoteBudgetStore } from './remote-budget-store.js';

/** Closes the budget store's Postgres pool when the app shuts down. */
@Injectable()
class RemoteBudgetStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REMOTE_BUDGET_STORE) private readonly store: RemoteBudgetStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/**
 * The process's RemoteBudgetStore, chosen from the app's database (APP_CONFIG's DATABASE_URL):
 * Postgres when the connector runs on Postgres, so every replica shares one budget per key; memory on
 * SQLite (one process). Imported by the libraries whose clients spend a remote budget.
 */
@Global()
@Module({
  providers: [
    {
      provide: REMOTE_BUDGET_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: Partial<Pick<DatabaseConfig, 'databaseUrl'>>) => remoteBudgetStoreFor(config.databaseUrl),
    },
    RemoteBudgetStoreLifecycle,
  ],
  exports: [REMOTE_BUDGET_STORE],
})
export class RemoteBudgetModule {}
