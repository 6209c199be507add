import { DomainError } from '#common';

export class SyncError extends DomainError {}

export const syncErrors = {
  unknownJob: (job: string) => new SyncError('SYNC_JOB_UNKNOWN', 'not_found', `No sync job is named "${job}"`),
  unknownAccount: (job: string, accountKey: string) =>
    new SyncError('SYNC_ACCOUNT_UNKNOWN', 'not_found', `Job "${job}" does not serve account "${accountKey}" (unknown or inactive)`),
  alreadyRunning: (job: string, accountKey: string) =>
    new SyncError('SYNC_ALREADY_RUNNING', 'conflict', `Job "${job}" is already running for account "${accountKey}"`),
  runFailed: (job: string, accountKey: string, reason: string) =>
    new SyncError('SYNC_RUN_FAILED', 'unavailable', `Job "${job}" failed for account "${accountKey}": ${reason}`),
  leaseLost: (job: string, accountKey: string) =>
    new SyncError('SYNC_LEASE_LOST', 'conflict', `The lease on job "${job}" for account "${accountKey}" expired and was taken over`),
  runNotFound: (id: number) => new SyncError('SYNC_RUN_NOT_FOUND', 'not_found', `Sync run ${id} was not found`),
};
