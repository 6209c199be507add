/**
 * When an account's order import starts: the first instant of its initialDateForOrderImport
 * (`YYYY-MM-DD`), read in UTC (INFERRED: ANYMARKET sends a calendar date without a zone), or null
 * when the account has none (everything the feed reads is imported).
 */
export function importStartOf(date: string | null): number | null {
  if (date === null) return null;
  const start = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(start) ? null : start;
}
