import { Controller, Get, HttpStatus, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AdminRoute, ApiAdminResource, ApiInvalidInput, ErrorResponseDto } from '#common';
import { ListSyncRunsQuery, ListSyncStatesQuery, SyncJobDto, SyncRunDto, SyncStateDto, TriggerSyncQuery } from '../dto/sync.dto.js';
import { SyncAdminService } from '../sync-admin.service.js';

@ApiTags('admin: sync')
@AdminRoute()
@Controller('admin/sync')
export class AdminSyncController {
  constructor(private readonly sync: SyncAdminService) {}

  @Get('jobs')
  @ApiOperation({
    summary: 'The registered sync jobs and their intervals',
    description:
      'Each job polls one Marketplacer feed every interval (when SYNC_ENABLED), read once for the whole marketplace and fanned out to ' +
      'accounts (`adverts`, `invoices`, `taxonomy`...): one run of a job at a time, across every replica.',
  })
  @ApiOkResponse({ type: [SyncJobDto], description: 'The jobs' })
  jobs(): SyncJobDto[] {
    return this.sync.jobs();
  }

  @Get('states')
  @ApiOperation({
    summary: "Each job's state: position, schedule, lease, failures",
    description:
      "Where each job's feed stands (one state per job, its key `marketplace`): the watermark it reached, when it runs next, whether a " +
      'process holds it, and its last error.',
  })
  @ApiOkResponse({ type: [SyncStateDto], description: 'The states, by job' })
  @ApiInvalidInput('the filters')
  states(@Query() query: ListSyncStatesQuery): Promise<SyncStateDto[]> {
    return this.sync.states(query);
  }

  @Get('runs')
  @ApiOperation({
    summary: 'Sync runs, newest first',
    description: 'The run ledger: trigger, outcome, pages and items seen, changed and failed, and the error of a failed run; page backwards with `beforeId`.',
  })
  @ApiOkResponse({ type: [SyncRunDto], description: 'One page of runs, newest first' })
  @ApiInvalidInput('the filters or paging parameters')
  runs(@Query() query: ListSyncRunsQuery): Promise<SyncRunDto[]> {
    return this.sync.runs(query);
  }

  @Get('runs/:id')
  @ApiOperation({ summary: 'One sync run', description: 'A run as the ledger has it now: while `outcome` is `running`, its counts grow page by page.' })
  @ApiAdminResource('sync run', 'SYNC_RUN_NOT_FOUND')
  @ApiOkResponse({ type: SyncRunDto, description: 'The run' })
  run(@Param('id', ParseIntPipe) id: number): Promise<SyncRunDto> {
    return this.sync.run(id);
  }

  @Post('jobs/:job/run')
  @ApiOperation({
    summary: 'Run a job now, whatever its schedule',
    description:
      'Answers 202 once the run is recorded (follow it at GET /admin/sync/runs/{id}); with `?wait=true`, answers 200 once it has ended, with its outcome ' +
      '(or 202 after 60 s, still running).',
  })
  @ApiParam({ name: 'job', description: 'The job, as GET /admin/sync/jobs lists it', example: 'adverts' })
  @ApiOkResponse({ type: SyncRunDto, description: 'With wait=true: the run has ended (see `outcome`)' })
  @ApiAcceptedResponse({ type: SyncRunDto, description: 'The run is recorded and running' })
  @ApiInvalidInput('the wait flag')
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'SYNC_JOB_UNKNOWN' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'SYNC_ALREADY_RUNNING: the job is running right now' })
  async trigger(@Param('job') job: string, @Query() query: TriggerSyncQuery, @Res({ passthrough: true }) res: Response): Promise<SyncRunDto> {
    const run = await this.sync.trigger(job, query.wait === true);
    res.status(run.outcome === 'running' ? HttpStatus.ACCEPTED : HttpStatus.OK);
    return run;
  }
}
