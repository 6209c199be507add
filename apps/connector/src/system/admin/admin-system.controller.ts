import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AdminRoute, APP_CONFIG } from '#common';
import { CONNECTOR_VERSION } from '../../version.js';
import { SystemInfoDto } from '../dto/system-info.dto.js';
import type { SystemConfig } from '../system.config.js';

@ApiTags('admin: system')
@AdminRoute()
@Controller('admin/system')
export class AdminSystemController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: SystemConfig,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'What this connector runs on: version, mode, database, migrations',
    description:
      'Whether it runs in demo mode (against the simulator), on which database, which migrations are applied or pending, and which Marketplacer endpoint it calls.',
  })
  @ApiOkResponse({ type: SystemInfoDto, description: 'The running connector' })
  async info(): Promise<SystemInfoDto> {
    const applied: { name: string }[] = await this.dataSource.query(`SELECT name FROM schema_migrations ORDER BY id`);
    return {
      version: CONNECTOR_VERSION,
      demoMode: this.config.demoMode,
      database: this.config.databaseUrl.type,
      migrations: applied.map((row) => row.name),
      migrationsPending: await this.dataSource.showMigrations(),
      marketplacerApiUrl: this.config.marketplacerApiUrl ?? `${this.config.simulatorUrl}/graphql`,
      uptimeSeconds: Math.round(process.uptime()),
    };
  }
}
