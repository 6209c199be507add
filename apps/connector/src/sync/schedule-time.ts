import type { ObjectLiteral } from 'typeorm';

/** A point in schedule time as SQL: an expression and the parameters it binds. */
export interface SqlTime {
  sql: string;
  params: ObjectLiteral;
}

/**
 * "Now plus `offsetMs`" in the clock the sync store schedules with. With a `fixed` now (a test clock,
 * or this process's clock on SQLite) it is a bound timestamp; without one it is the database's own
 * `now()` (Postgres), evaluated in the statement that compares or writes it, so no host's clock is
 * ever involved. `name` keeps the parameters of several times in one statement apart.
 */
export function scheduleTime(fixed: Date | null, name: string, offsetMs = 0): SqlTime {
  if (fixed) return { sql: `:${name}`, params: { [name]: new Date(fixed.getTime() + offsetMs) } };
  // `timestamp` columns hold UTC wall-clock time; `now()` is a timestamptz, turned into the same.
  return { sql: `((now() AT TIME ZONE 'UTC') + CAST(:${name} AS double precision) * interval '1 millisecond')`, params: { [name]: offsetMs } };
}
