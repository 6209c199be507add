import { DomainError } from '#common';

export class WorkError extends DomainError {}

export const workErrors = {
  unknownQueue: (queue: string) => new WorkError('WORK_QUEUE_UNKNOWN', 'not_found', `No work queue is named "${queue}"`),
  queueDefinedTwice: (queue: string) => new WorkError('WORK_QUEUE_DEFINED_TWICE', 'conflict', `Work queue "${queue}" is defined twice`),
  failedJobNotFound: (id: string) => new WorkError('WORK_JOB_NOT_FOUND', 'not_found', `No failed job has the id ${id}`),
  stopped: () => new WorkError('WORK_QUEUE_STOPPED', 'unavailable', 'The work queue has stopped: nothing more runs in this process'),
  notIdle: (queue: string, timeoutMs: number) => new WorkError('WORK_QUEUE_BUSY', 'conflict', `Work queue "${queue}" was still busy after ${timeoutMs} ms`),
};
