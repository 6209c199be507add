import type { ContractReport } from '../system/index.js';
import type { FailedJobDto } from '../work/index.js';

/** How ANYMARKET answered an account's token at the last contract check; null when not checked (inactive, or no check yet). */
export type TokenStanding = 'ok' | 'refused' | 'no-token' | 'unreachable' | 'failed';

/** The token standing of each account the last contract check called, by account id. */
export function tokenStandings(report: ContractReport | null): Map<number, { status: TokenStanding; message: string | null }> {
  const section = report?.anymarketAccounts;
  if (!section || !('accounts' in section)) return new Map();
  return new Map(section.accounts.map((account) => [account.accountId, { status: account.status, message: account.message }]));
}

/**
 * The account a failed job was for, when its data or key says so: `{accountId}` (imports, catch-ups),
 * the keys `account-<id>` and `<accountId>:<product>` (listings). Jobs of one order or webhook event
 * name neither: they are attributed through the order or event itself.
 */
export function accountOfJob(job: Pick<FailedJobDto, 'data' | 'key'>): number | null {
  const data = job.data as { accountId?: unknown };
  if (typeof data.accountId === 'number') return data.accountId;
  const match = job.key?.match(/^(?:account-(\d+)|(\d+):)/);
  return match ? Number(match[1] ?? match[2]) : null;
}

/** A numeric field of a job's data (`orderId`, `listingId`, `eventId`), or null. */
export function jobField(job: Pick<FailedJobDto, 'data'>, field: 'orderId' | 'listingId' | 'eventId'): number | null {
  const value = (job.data as Record<string, unknown>)[field];
  return typeof value === 'number' ? value : null;
}
