import { Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminRoute, ApiInvalidInput, ApiUnknown } from '#common';
import { FailedJobDto, ListFailedJobsQuery, RetriedJobDto } from '../dto/work.dto.js';
import { WorkAdminService } from '../work-admin.service.js';

@ApiTags('admin: work')
@AdminRoute()
@Controller('admin/work')
export class AdminWorkController {
  constructor(private readonly work: WorkAdminService) {}

  @Get('failed')
  @ApiOperation({
    summary: 'Background jobs that failed for good, newest first',
    description:
      'Per-item work (e.g. the `listings` queue) is retried with back-off when its handler fails; a job that spent every retry stays here with its ' +
      "last error (Postgres: WORK_FAILED_RETENTION_DAYS; SQLite: the process's last 1,000). A listing's own failures (Marketplacer refused it, " +
      "ANYMARKET kept failing) are not here: they are the listing's `error` state, reported to ANYMARKET.",
  })
  @ApiOkResponse({ type: [FailedJobDto], description: 'The failed jobs' })
  @ApiInvalidInput('the filters')
  failed(@Query() query: ListFailedJobsQuery): Promise<FailedJobDto[]> {
    return this.work.failed(query);
  }

  @Post('failed/:id/retry')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Run a failed job again', description: 'Queues the job for one more attempt; it leaves the failed list.' })
  @ApiParam({
    name: 'id',
    format: 'uuid',
    example: '3f1c2a9e-8b7d-4c62-9e0f-5a4b3c2d1e0f',
    description: "The failed job's id (a UUID), as GET /admin/work/failed lists it",
  })
  @ApiUnknown('failed job', 'WORK_JOB_NOT_FOUND')
  @ApiInvalidInput('the id is not a UUID')
  @ApiOkResponse({ type: RetriedJobDto, description: 'The job is queued again' })
  retry(@Param('id', new ParseUUIDPipe()) id: string): Promise<RetriedJobDto> {
    return this.work.retry(id);
  }
}
