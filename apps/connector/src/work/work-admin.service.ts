import { Injectable, Logger } from '@nestjs/common';
import { FailedJobDto, type ListFailedJobsQuery, type RetriedJobDto } from './dto/work.dto.js';
import { WorkQueue } from './work-queue.js';
import { workErrors } from './work.errors.js';

/** Admins' view of background work that failed for good, and the way to run one job again. */
@Injectable()
export class WorkAdminService {
  private readonly logger = new Logger('Work');

  constructor(private readonly queue: WorkQueue) {}

  async failed(query: ListFailedJobsQuery): Promise<FailedJobDto[]> {
    return (await this.queue.listFailed({ queue: query.queue, limit: query.limit })).map(FailedJobDto.from);
  }

  async retry(id: string): Promise<RetriedJobDto> {
    if (!(await this.queue.retry(id))) throw workErrors.failedJobNotFound(id);
    this.logger.log({ msg: 'failed job queued again by an admin', jobId: id });
    return { id, retried: true };
  }
}
