import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRoute, ErrorResponseDto } from '#common';
import { AdminAuditService } from '../admin-audit.service.js';
import { AdminAuditEventDto, ListAdminAuditEventsQuery } from '../dto/admin-audit-event.dto.js';

@ApiTags('admin: audit')
@AdminRoute()
@Controller('admin/audit-events')
export class AdminAuditController {
  constructor(private readonly audit: AdminAuditService) {}

  @Get()
  @ApiOperation({ summary: 'State-changing admin requests, newest first' })
  @ApiOkResponse({ type: [AdminAuditEventDto] })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  async list(@Query() query: ListAdminAuditEventsQuery): Promise<AdminAuditEventDto[]> {
    return (await this.audit.list(query.limit, query.beforeId)).map(AdminAuditEventDto.from);
  }
}
