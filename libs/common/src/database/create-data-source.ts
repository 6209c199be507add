import { DataSource, type DataSourceOptions, EntityManager, type QueryRunner } from 'typeorm';
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver.js';
import type { AbstractSqliteDriver } from 'typeorm/driver/sqlite-abstract/AbstractSqliteDriver.js';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel.js';
import { bindWholeNumbers } from './sqlite-bound-numbers.js';
import { SqliteConnectionTurns, sqliteTransactionScope, TurnTakingSqliteQueryRunner } from './sqlite-connection-turns.js';

/**
 * The data source every process of the connector opens: TypeORM's own on Postgres (a pool, real
 * concurrent transactions); on SQLite one whose single connection is taken in turns, so that
 * concurrent transactions and statements never run inside each other (ADR 0017).
 */
export function createDataSource(options: DataSourceOptions): DataSource {
  return options.type === 'better-sqlite3' ? new TurnTakingSqliteDataSource(options) : new DataSource(options);
}

/** A SQLite data source handing out a query runner per caller, each taking its turn on the connection. */
export class TurnTakingSqliteDataSource extends DataSource {
  readonly turns = new SqliteConnectionTurns();
  private readonly statements = new Map<string, unknown>();

  constructor(options: DataSourceOptions) {
    super(options);
    // One prepared statement per query shape, not per id (bounded native memory).
    bindWholeNumbers(this.driver as AbstractSqliteDriver);
  }

  override createQueryRunner(): QueryRunner {
    const queryRunner = new TurnTakingSqliteQueryRunner(this.driver as BetterSqlite3Driver, this.turns, this.statements);
    return Object.assign(queryRunner, { manager: this.createEntityManager(queryRunner) });
  }

  override createEntityManager(queryRunner?: QueryRunner): EntityManager {
    return new TurnTakingEntityManager(this, queryRunner);
  }
}

/** Runs a transaction's callback in its scope, so that statements sent from it join that transaction. */
class TurnTakingEntityManager extends EntityManager {
  override transaction<T>(isolationOrRun: IsolationLevel | ((manager: EntityManager) => Promise<T>), run?: (manager: EntityManager) => Promise<T>): Promise<T> {
    const work = typeof isolationOrRun === 'function' ? isolationOrRun : run;
    if (!work) return super.transaction(isolationOrRun as IsolationLevel, undefined as never);
    const inScope = (manager: EntityManager) => sqliteTransactionScope.run(manager.queryRunner as TurnTakingSqliteQueryRunner, () => work(manager));
    return typeof isolationOrRun === 'function' ? super.transaction(inScope) : super.transaction(isolationOrRun, inScope);
  }
}
