import pg from 'pg';

/** A held key lock; `release` ends it (and never throws). */
export interface KeyLock {
  release(): Promise<void>;
}

/**
 * "One job per key at a time" across every replica: a Postgres session advisory lock on
 * (queue, key), held on its own connection for as long as the job runs. Unlike a lease row it needs
 * no expiry and no clock: a process that dies closes its connection, and Postgres frees the lock.
 * The pool is sized so that every running job can hold one connection without waiting.
 */
export class PostgresKeyLocks {
  private readonly pool: pg.Pool;

  /** `connectionWaitMs`: how long a caller waits for a free connection (0: as long as it takes). */
  constructor(connectionString: string, maxHeld: number, connectionWaitMs = 5_000) {
    this.pool = new pg.Pool({ connectionString, max: maxHeld, idleTimeoutMillis: 30_000, connectionTimeoutMillis: connectionWaitMs });
    // An idle connection that breaks is dropped by the pool; nothing holds a lock on it.
    this.pool.on('error', () => undefined);
  }

  /** The lock on (scope, key), or null at once when another session holds it. */
  async tryLock(scope: string, key: string): Promise<KeyLock | null> {
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS locked', [scope, key]);
      if (!rows[0].locked) {
        client.release();
        return null;
      }
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    return { release: () => unlock(client, scope, key) };
  }

  /** Runs `work` holding the lock on (scope, key), waiting for it when another session holds it. */
  async withLock<R>(scope: string, key: string, work: () => Promise<R>): Promise<R> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1), hashtext($2))', [scope, key]);
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    try {
      return await work();
    } finally {
      await unlock(client, scope, key);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Frees the lock and returns the connection to the pool; never throws. */
async function unlock(client: pg.PoolClient, scope: string, key: string): Promise<void> {
  try {
    await client.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [scope, key]);
    client.release();
  } catch (error) {
    // Destroying the connection ends its session, and with it the lock.
    client.release(error as Error);
  }
}
