import { DomainError } from '#common';

export class SyncError extends DomainError {}

export const syncErrors = {
  unknownJob: (job: string) => new SyncError('SYNC_JOB_UNKNOWN', 'not_found', `No sync job is named "${job}"`),
  alreadyRunning: (job: string) => new SyncError('SYNC_ALREADY_RUNNING', 'conflict', `Job "${job}" is already running`),
  runFailed: (job: string, reason: string) => new SyncError('SYNC_RUN_FAILED', 'unavailable', `Job "${job}" failed: ${reason}`),
  leaseLost: (job: string) => new SyncError('SYNC_LEASE_LOST', 'conflict', `The lease on job "${job}" expired and was taken over`),
  runNotFound: (id: number) => new SyncError('SYNC_RUN_NOT_FOUND', 'not_found', `Sync run ${id} was not found`),
};
