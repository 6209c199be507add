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
      'Each job polls Marketplacer for one kind of change every interval (when SYNC_ENABLED), per key: `marketplace` for the feeds read once for ' +
      'the whole marketplace and fanned out to accounts (`adverts`, `taxonomy`), an account id for a job read per account.',
  })
  @ApiOkResponse({ type: [SyncJobDto], description: 'The jobs' })
  jobs(): SyncJobDto[] {
    return this.sync.jobs();
  }

  @Get('states')
  @ApiOperation({
    summary: "Each job's state per key: position, schedule, lease, failures",
    description:
      'Where each (job, key) pair stands: the watermark it reached, when it runs next, whether a process holds it, and its last error. ' +
      'Pairs of accounts a job no longer serves (removed or deactivated) are gone.',
  })
  @ApiOkResponse({ type: [SyncStateDto], description: 'The pairs, by job and account' })
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

  @Post('jobs/:job/accounts/:accountKey/run')
  @ApiOperation({
    summary: 'Run a job for one key now, whatever its schedule',
    description:
      'Answers 202 once the run is recorded (follow it at GET /admin/sync/runs/{id}); with `?wait=true`, answers 200 once it has ended, with its outcome ' +
      '(or 202 after 60 s, still running).',
  })
  @ApiParam({ name: 'job', description: 'The job, as GET /admin/sync/jobs lists it', example: 'adverts' })
  @ApiParam({
    name: 'accountKey',
    description:
      'What the job serves, as GET /admin/sync/states lists it: `marketplace` for `adverts` and `taxonomy` (one feed for every account); for a job ' +
      "read per account, the connector's account id (the `id` of GET /admin/accounts, not ANYMARKET's idAccount)",
    example: 'marketplace',
  })
  @ApiOkResponse({ type: SyncRunDto, description: 'With wait=true: the run has ended (see `outcome`)' })
  @ApiAcceptedResponse({ type: SyncRunDto, description: 'The run is recorded and running' })
  @ApiInvalidInput('the wait flag')
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'SYNC_JOB_UNKNOWN, or SYNC_ACCOUNT_UNKNOWN: a key the job does not serve' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'SYNC_ALREADY_RUNNING: the job is running for that key right now' })
  async trigger(
    @Param('job') job: string,
    @Param('accountKey') accountKey: string,
    @Query() query: TriggerSyncQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SyncRunDto> {
    const run = await this.sync.trigger(job, accountKey, query.wait === true);
    res.status(run.outcome === 'running' ? HttpStatus.ACCEPTED : HttpStatus.OK);
    return run;
  }
}
