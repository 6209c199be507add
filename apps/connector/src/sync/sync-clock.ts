/**
 * The engine's clocks. Two questions, two answers:
 *  - `now()`: this process's time, for what is only recorded and read by people (a run's start and
 *    end in the ledger). Never compared across processes.
 *  - `scheduleNow()`: the time every lease, expiry and due comparison uses. Null means "the
 *    database's own clock": on Postgres the store writes and compares with SQL `now()`, the one clock
 *    every replica shares, so a host whose clock drifts neither steals a live lease nor runs a job
 *    early; on SQLite (one process) the store uses this process's clock. A test clock answers its own
 *    time instead, so tests make leases expire by moving it, on both databases.
 */
export abstract class SyncClock {
  abstract now(): Date;
  abstract scheduleNow(): Date | null;
}

/** Production: the process's clock for records, the database's for scheduling. */
export class SystemSyncClock extends SyncClock {
  now(): Date {
    return new Date();
  }

  scheduleNow(): null {
    return null;
  }
}
