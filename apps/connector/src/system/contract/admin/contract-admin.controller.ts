import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRoute, ErrorResponseDto } from '#common';
import { ContractCheckService } from '../contract-check.service.js';
import { contractChecksErrors } from '../contract-checks.errors.js';
import { ContractReportDto } from '../dto/contract-report.dto.js';

const REPORT =
  'The live contract check: every Marketplacer operation document the connector can send, validated against the live schema of the configured endpoint ' +
  '(introspection; where it is refused, each read sent with harmless arguments and mutations not checked), each `ok` or its problems as the exact ' +
  '`Type.field`, argument or type that fails, with the features that need it; the features off (a failing document switches off only what needs it, ' +
  'and a check that passes switches them back on); the ANYMARKET accounts and the Marketplacer webhooks sections. It runs at start, every ' +
  'CONTRACT_CHECK_INTERVAL_MS and on demand.';

@ApiTags('admin: system')
@AdminRoute()
@Controller('admin/system/contract')
export class ContractAdminController {
  constructor(private readonly contract: ContractCheckService) {}

  @Get()
  @ApiOperation({ summary: 'The last live contract check: documents, features off, ANYMARKET accounts, webhooks', description: REPORT })
  @ApiOkResponse({ type: ContractReportDto, description: 'The last check that ended' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'CONTRACT_CHECK_PENDING: none has ended yet (the one started at start-up may still run)' })
  last(): ContractReportDto {
    const report = this.contract.lastReport();
    if (!report) throw contractChecksErrors.contractCheckPending(this.contract.isRunning());
    return report;
  }

  @Post('check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the live contract check now and answer its report (joins a check already running)', description: REPORT })
  @ApiOkResponse({ type: ContractReportDto, description: 'The check just made (`ok` false when anything fails; see each section)' })
  check(): Promise<ContractReportDto> {
    return this.contract.run('admin');
  }
}
