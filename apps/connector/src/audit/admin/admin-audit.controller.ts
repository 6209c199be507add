import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRoute, ApiInvalidInput } from '#common';
import { AdminAuditService } from '../admin-audit.service.js';
import { AdminAuditEventDto, ListAdminAuditEventsQuery } from '../dto/admin-audit-event.dto.js';

@ApiTags('admin: audit')
@AdminRoute()
@Controller('admin/audit-events')
export class AdminAuditController {
  constructor(private readonly audit: AdminAuditService) {}

  @Get()
  @ApiOperation({
    summary: 'State-changing admin requests, newest first',
    description: 'Every admin request that could change something (not GETs), with its status and error code; page backwards with `beforeId`.',
  })
  @ApiOkResponse({ type: [AdminAuditEventDto], description: 'One page of events, newest first' })
  @ApiInvalidInput('the paging parameters')
  async list(@Query() query: ListAdminAuditEventsQuery): Promise<AdminAuditEventDto[]> {
    return (await this.audit.list(query.limit, query.beforeId)).map(AdminAuditEventDto.from);
  }
}
