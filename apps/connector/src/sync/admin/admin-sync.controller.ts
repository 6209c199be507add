import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRoute, ErrorResponseDto } from '#common';
import { ListSyncRunsQuery, ListSyncStatesQuery, SyncJobDto, SyncRunDto, SyncStateDto } from '../dto/sync.dto.js';
import { SyncAdminService } from '../sync-admin.service.js';

@ApiTags('admin: sync')
@AdminRoute()
@Controller('admin/sync')
export class AdminSyncController {
  constructor(private readonly sync: SyncAdminService) {}

  @Get('jobs')
  @ApiOperation({ summary: 'The registered sync jobs and their intervals' })
  @ApiOkResponse({ type: [SyncJobDto] })
  jobs(): SyncJobDto[] {
    return this.sync.jobs();
  }

  @Get('states')
  @ApiOperation({ summary: "Each job's state per account: position, schedule, lease, failures" })
  @ApiOkResponse({ type: [SyncStateDto] })
  states(@Query() query: ListSyncStatesQuery): Promise<SyncStateDto[]> {
    return this.sync.states(query);
  }

  @Get('runs')
  @ApiOperation({ summary: 'Sync runs, newest first' })
  @ApiOkResponse({ type: [SyncRunDto] })
  runs(@Query() query: ListSyncRunsQuery): Promise<SyncRunDto[]> {
    return this.sync.runs(query);
  }

  @Get('runs/:id')
  @ApiOperation({ summary: 'One sync run' })
  @ApiOkResponse({ type: SyncRunDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  run(@Param('id', ParseIntPipe) id: number): Promise<SyncRunDto> {
    return this.sync.run(id);
  }

  @Post('jobs/:job/accounts/:accountKey/run')
  @HttpCode(202)
  @ApiOperation({ summary: 'Run a job for one account now; answers once the run is recorded (follow it at GET /admin/sync/runs/{id})' })
  @ApiAcceptedResponse({ type: SyncRunDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown job, or an account the job does not serve' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The job is running for that account right now' })
  trigger(@Param('job') job: string, @Param('accountKey') accountKey: string): Promise<SyncRunDto> {
    return this.sync.trigger(job, accountKey);
  }
}
