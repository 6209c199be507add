import { AsyncLocalStorage } from 'node:async_hooks';
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver.js';
import { BetterSqlite3QueryRunner } from 'typeorm/driver/better-sqlite3/BetterSqlite3QueryRunner.js';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel.js';

/**
 * SQLite has one connection, so a transaction opened on it takes in every statement sent meanwhile:
 * a concurrent transaction's, or a lone write's. The connection is therefore taken in turns: a
 * transaction holds it from BEGIN to COMMIT or ROLLBACK, a statement outside any transaction holds
 * it while it runs, and the others wait (ADR 0017).
 */
export class SqliteConnectionTurns {
  /** Settles when the last turn handed out ends: the next taker waits for it (turns are served in order). */
  private lastTurn: Promise<void> = Promise.resolve();
  private waiters = 0;
  /** The query runner whose transaction or statement has the connection. */
  holder: TurnTakingSqliteQueryRunner | undefined;

  /** How many transactions and statements wait for the connection. */
  get waiting(): number {
    return this.waiters;
  }

  /** Waits for the connection and answers the function that hands it on. */
  async take(runner: TurnTakingSqliteQueryRunner): Promise<() => void> {
    const previous = this.lastTurn;
    let endTurn!: () => void;
    this.lastTurn = new Promise<void>((resolve) => (endTurn = resolve));
    this.waiters += 1;
    try {
      await previous;
    } finally {
      this.waiters -= 1;
    }
    this.holder = runner;
    let ended = false;
    return () => {
      // Handing on twice would end a later turn early.
      if (ended) return;
      ended = true;
      this.holder = undefined;
      endTurn();
    };
  }
}

/**
 * The query runner a transaction callback was given, for the code it runs: a repository or the
 * data source used there instead of the callback's manager gets its own query runner, which on the
 * one connection can only join that transaction (waiting for it to end would wait for ever).
 */
export const sqliteTransactionScope = new AsyncLocalStorage<TurnTakingSqliteQueryRunner>();

/** A query runner per caller (TypeORM shares one on SQLite), each taking its turn on the connection. */
export class TurnTakingSqliteQueryRunner extends BetterSqlite3QueryRunner {
  private endTurn: (() => void) | undefined;

  constructor(
    driver: BetterSqlite3Driver,
    private readonly turns: SqliteConnectionTurns,
    statements: Map<string, unknown>,
  ) {
    super(driver);
    // Prepared statements belong to the connection: every runner keeps them in the same cache.
    Object.assign(this, { stmtCache: statements });
  }

  override async query(...call: Parameters<BetterSqlite3QueryRunner['query']>): ReturnType<BetterSqlite3QueryRunner['query']> {
    if (this.turns.holder === this) return super.query(...call);
    const joined = this.joinedTransaction();
    if (joined) return joined.query(...call);
    const endTurn = await this.turns.take(this);
    try {
      return await super.query(...call);
    } finally {
      endTurn();
    }
  }

  override async startTransaction(isolationLevel?: IsolationLevel): Promise<void> {
    const joined = this.joinedTransaction();
    if (joined) return joined.startTransaction(isolationLevel);
    if (this.transactionDepth > 0) return super.startTransaction(isolationLevel);
    this.endTurn = await this.turns.take(this);
    try {
      await super.startTransaction(isolationLevel);
    } catch (error) {
      this.handOn();
      throw error;
    }
  }

  override async commitTransaction(): Promise<void> {
    const joined = this.joinedTransaction();
    if (joined) return joined.commitTransaction();
    await super.commitTransaction();
    if (this.transactionDepth === 0) this.handOn();
  }

  override async rollbackTransaction(): Promise<void> {
    const joined = this.joinedTransaction();
    if (joined) return joined.rollbackTransaction();
    const outermost = this.transactionDepth === 1;
    try {
      await super.rollbackTransaction();
    } finally {
      // A failed ROLLBACK (SQLite already rolled back) still ends the transaction: never keep the connection.
      if (outermost) {
        this.isTransactionActive = false;
        this.transactionDepth = 0;
        this.handOn();
      }
    }
  }

  /** The transaction, open on another runner, whose callback this runner is used in. */
  private joinedTransaction(): TurnTakingSqliteQueryRunner | undefined {
    const scope = sqliteTransactionScope.getStore();
    return scope !== undefined && scope !== this && this.turns.holder === scope ? scope : undefined;
  }

  private handOn(): void {
    const endTurn = this.endTurn;
    this.endTurn = undefined;
    endTurn?.();
  }
}
